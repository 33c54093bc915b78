"""The centre staff's pages: the registry, the approval queue, one group, recent changes.

Staff rules are not object-level, so every view checks its permission before looking the
group up: someone without access gets 403 and cannot probe which groups exist.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import ListView, TemplateView
from django_filters.views import FilterView

from accounts.mixins import PortalPermissionRequiredMixin, acting_user
from kamakura_portal.audit_display import with_shown_changes
from kamakura_portal.workflow import transition

from ..filters import StaffRegistryFilter
from ..forms.staff import APPROVE, NoteForm, ReviewForm, StatusForm
from ..models import CitizenGroup, Contact
from ..queries import (
    group_history,
    groups_of_entries,
    queue_counts,
    registry_changes,
    review_queue,
    sorted_groups,
    staff_group,
    staff_groups,
)
from ..services import (
    RegistryError,
    add_staff_note,
    approve_registration,
    return_registration,
)

Status = CitizenGroup.Status


class StaffPermissionMixin(PortalPermissionRequiredMixin):
    permission_required = "groups.view_staff_registry"

    def get_permission_object(self) -> None:
        return None


class StaffRegistryView(StaffPermissionMixin, FilterView):
    """Every group, whatever its status, with the status counts as filter choices."""

    filterset_class = StaffRegistryFilter
    paginate_by = 50
    template_name = "groups/staff_list.html"

    def get_queryset(self) -> QuerySet[CitizenGroup]:
        return sorted_groups(staff_groups(), "kana")

    def get_filterset_kwargs(self, filterset_class: Any) -> dict[str, Any]:
        kwargs: dict[str, Any] = super().get_filterset_kwargs(filterset_class)
        kwargs["counts"] = queue_counts()
        return kwargs


class QueueView(StaffPermissionMixin, ListView):
    """Registrations awaiting review, the longest waiting first."""

    permission_required = "groups.review_registrations"
    template_name = "groups/queue.html"
    context_object_name = "groups"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[CitizenGroup]:
        return review_queue()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["counts"] = queue_counts()
        return context


class RecentChangesView(StaffPermissionMixin, ListView):
    """The audit trail of groups and their contacts, newest first."""

    template_name = "groups/recent_changes.html"
    paginate_by = 50

    def get_queryset(self) -> QuerySet[Any]:
        return registry_changes()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        entries = with_shown_changes(context["page_obj"].object_list)
        groups = groups_of_entries(entries)
        context["rows"] = [(entry, groups.get(entry.pk)) for entry in entries]
        return context


class StaffGroupView(StaffPermissionMixin, TemplateView):
    """Everything about one group: private contacts, managers, history, notes, actions."""

    template_name = "groups/staff_group.html"
    _group: CitizenGroup | None = None

    def get_group(self) -> CitizenGroup:
        if self._group is None:
            self._group = staff_group(self.kwargs["pk"])
            if self._group is None:
                raise Http404
        return self._group

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        group = self.get_group()
        order = list(Contact.Kind.values)
        context["group"] = group
        context["contacts"] = sorted(group.contacts.all(), key=lambda c: order.index(c.kind))
        context["history"] = with_shown_changes(group_history(group))
        if group.status == Status.SUBMITTED:
            context.setdefault("review_form", ReviewForm())
        else:
            status_form = context.setdefault(
                "status_form", StatusForm(group=group, user=self.request.user)
            )
            context["can_move"] = bool(status_form.fields["to"].choices)
        context.setdefault("note_form", NoteForm())
        return context


class _GroupActionView(StaffGroupView):
    """A POST from the staff page; on a bad form or a broken rule the page shows why."""

    http_method_names = ["post"]
    form_name = ""

    def get_form(self, group: CitizenGroup) -> forms.Form:
        raise NotImplementedError

    def act(self, group: CitizenGroup, data: dict[str, Any]) -> HttpResponseRedirect:
        raise NotImplementedError

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        group = self.get_group()
        form = self.get_form(group)
        if form.is_valid():
            try:
                return self.act(group, form.cleaned_data)
            except RegistryError as error:
                form.add_error(None, str(error))
                self._group = None  # show the group as it is now
        return self.render_to_response(self.get_context_data(**{self.form_name: form}))


class ReviewView(_GroupActionView):
    permission_required = "groups.review_registrations"
    form_name = "review_form"

    def get_form(self, group: CitizenGroup) -> forms.Form:
        return ReviewForm(self.request.POST)

    def act(self, group: CitizenGroup, data: dict[str, Any]) -> HttpResponseRedirect:
        # Approving a registered group would pass as its renewal: review only what is waiting.
        if group.status != Status.SUBMITTED:
            raise RegistryError(_("This registration is not awaiting review any more."))
        if data["decision"] == APPROVE:
            approve_registration(group, acting_user(self.request))
            message = _("“%(name)s” is registered and now in the public directory.")
        else:
            return_registration(group, acting_user(self.request), data["reason"])
            message = _("“%(name)s” was returned; its managers are mailed the reason.")
        messages.success(self.request, message % {"name": group.name})
        return redirect("groups:queue")


class ChangeStatusView(_GroupActionView):
    permission_required = "groups.change_status"
    form_name = "status_form"

    def get_form(self, group: CitizenGroup) -> forms.Form:
        return StatusForm(self.request.POST, group=group, user=self.request.user)

    def act(self, group: CitizenGroup, data: dict[str, Any]) -> HttpResponseRedirect:
        group = transition(group, data["to"], acting_user(self.request), reason=data["reason"])
        messages.success(
            self.request,
            _("“%(name)s” is now “%(status)s”.")
            % {"name": group.name, "status": group.get_status_display()},
        )
        return redirect("groups:staff_detail", pk=group.pk)


class AddNoteView(_GroupActionView):
    permission_required = "groups.write_staff_notes"
    form_name = "note_form"

    def get_form(self, group: CitizenGroup) -> forms.Form:
        return NoteForm(self.request.POST)

    def act(self, group: CitizenGroup, data: dict[str, Any]) -> HttpResponseRedirect:
        add_staff_note(group, acting_user(self.request), data["body"])
        messages.success(self.request, _("The note is saved."))
        return HttpResponseRedirect(reverse("groups:staff_detail", args=[group.pk]) + "#notes")
