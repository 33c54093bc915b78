"""The manager's pages: my groups, one group's page, renewal, co-managers and invitations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.mixins import PortalPermissionRequiredMixin, acting_user
from kamakura_portal.dates import fiscal_year, fiscal_year_label
from kamakura_portal.errors import Problem

from .. import comanagers, services
from ..forms.managers import InviteManagerForm
from ..models import GroupMembership, ManagerInvitation
from ..queries import memberships_of
from .sections import SECTIONS, GroupPageMixin, contact_list, sections_for


class MyGroupsView(PortalPermissionRequiredMixin, TemplateView):
    """The groups the signed-in user manages, with their status and renewal."""

    permission_required = "groups.view_my_groups"
    template_name = "groups/my_groups.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["memberships"] = memberships_of(acting_user(self.request))
        return context


class ManageGroupView(GroupPageMixin, TemplateView):
    """One group for its managers (and the centre): status, what next, sections, managers."""

    permission_required = "groups.manage_group"
    template_name = "groups/manage.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        group, user, today = self.group, self.request.user, timezone.localdate()
        context.update(
            self.group_context(
                sections=sections_for(group),
                can_edit=user.has_perm("groups.edit_group", group),
                can_manage_managers=user.has_perm("groups.manage_managers", group),
                can_renew=user.has_perm("groups.renew_registration", group),
                renewal_due=group.renewal_is_due(today),
                renewal_deadline=services.renewal_deadline(today),
                # Past this fiscal year's deadline a lapsed registration is renewed now, not
                # "by" a day that is gone.
                deadline_passed=services.renewal_deadline(today) < today,
                status_changes=group.status_changes.select_related("actor"),
                memberships=group.memberships.select_related("user").order_by("created_at", "pk"),
                invitations=group.invitations.filter(
                    accepted_at__isnull=True,
                    cancelled_at__isnull=True,
                    expires_at__gt=timezone.now(),
                ).select_related("invited_by"),
            )
        )
        context.setdefault("invite_form", InviteManagerForm())
        return context


class InviteManagerView(ManageGroupView):
    """Invite a co-manager by email; on a problem the manager's page shows it by the field."""

    permission_required = "groups.manage_managers"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = InviteManagerForm(request.POST)
        if form.is_valid():
            email = form.cleaned_data["email"]
            try:
                comanagers.invite_manager(self.group, email, acting_user(request))
            except services.RegistryError as error:
                form.add_error("email", str(error))
            else:
                messages.success(
                    request,
                    _("An invitation has been mailed to %(email)s.") % {"email": email.lower()},
                )
                return redirect("groups:manage", self.group.pk)
        return self.render_to_response(self.get_context_data(invite_form=form))


class RemoveManagerView(GroupPageMixin, View):
    """Remove a co-manager, or leave the group oneself; the last manager cannot leave."""

    permission_required = "groups.manage_managers"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        membership = get_object_or_404(
            GroupMembership.objects.select_related("user"),
            pk=kwargs["membership_pk"],
            group_id=self.group.pk,
        )
        try:
            comanagers.remove_manager(membership)
        except services.RegistryError as error:
            messages.error(request, str(error))
            return redirect("groups:manage", self.group.pk)
        if membership.user_id != request.user.pk:
            messages.success(
                request,
                _("%(name)s no longer manages this group.")
                % {"name": membership.user.get_full_name()},
            )
            return redirect("groups:manage", self.group.pk)
        messages.success(request, _("You no longer manage %(group)s.") % {"group": self.group.name})
        still_manages = GroupMembership.objects.filter(user=request.user).exists()
        return redirect("groups:mine" if still_manages else "dashboard")


class CancelInvitationView(GroupPageMixin, View):
    permission_required = "groups.manage_managers"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        invitation = get_object_or_404(
            ManagerInvitation, pk=kwargs["invitation_pk"], group_id=self.group.pk
        )
        comanagers.cancel_invitation(invitation)
        messages.success(
            request,
            _("The invitation to %(email)s has been cancelled; its link no longer works.")
            % {"email": invitation.email},
        )
        return redirect("groups:manage", self.group.pk)


class AcceptInvitationView(LoginRequiredMixin, TemplateView):
    """The link of an invitation mail: who invites to which group, and the accept button."""

    template_name = "groups/accept_invitation.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        invitation = comanagers.invitation_for_token(kwargs["token"])
        if invitation is None or not invitation.is_open():
            return self.render_to_response({"invalid": True}, status=410)
        user = acting_user(request)  # signed in: LoginRequiredMixin
        return self.render_to_response(
            {
                "invitation": invitation,
                "group": invitation.group,
                "email_differs": invitation.email.lower() != user.email.lower(),
                "already_manager": invitation.group_id in user.managed_group_ids,
            }
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            membership = comanagers.accept_invitation(kwargs["token"], acting_user(request))
        except services.RegistryError:
            return self.render_to_response({"invalid": True}, status=410)
        messages.success(request, _("You now manage %(group)s.") % {"group": membership.group.name})
        return redirect("groups:manage", membership.group_id)


class RenewView(GroupPageMixin, TemplateView):
    """The yearly renewal: the whole profile on one page, confirmed with one button."""

    permission_required = "groups.renew_registration"
    template_name = "groups/renew.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            self.group_context(
                summary_sections=SECTIONS[:-1],
                contacts=contact_list(self.group),
                fiscal_year=fiscal_year_label(fiscal_year(timezone.localdate())),
            )
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            group = services.renew_registration(self.group, acting_user(request))
        except services.RegistryError as error:
            # Each missing item by name, linked to the step where it is filled in.
            problems = error.problems or [Problem(str(error))]
            return self.render_to_response(self.get_context_data(problems=problems))
        messages.success(
            request,
            _("Thank you. The registration is renewed and valid until %(date)s.")
            % {"date": date_format(group.valid_until) if group.valid_until else ""},
        )
        return redirect("groups:manage", group.pk)
