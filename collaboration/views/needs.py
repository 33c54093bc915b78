"""Department needs (市の業務課題): the public list and page, and the staff's list and forms.

Everyone reads public needs that are not closed; the city's staff and the centre read them
all. A department's staff post and edit their own needs (the secretariat any department's);
coordinators mark a need matched or closed. A proposal can start from a need's page.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView

from accounts.mixins import PortalPermissionRequiredMixin, acting_user
from kamakura_portal.shared_pages import SharedContentMixin

from .. import queries
from ..errors import NeedError
from ..filters import NeedFilter, StaffNeedFilter
from ..forms.needs import NeedForm, NeedStatusForm
from ..models import DepartmentNeed
from ..services.needs import save_need, set_need_status


class NeedListView(SharedContentMixin, ListView):
    """Open public needs, for everyone; filters stay in the address. What an address shows is
    the same for everyone: it is kept rendered (:mod:`kamakura_portal.shared_pages`)."""

    template_name = "collaboration/needs.html"
    content_template_name = "collaboration/_needs_content.html"
    paginate_by = 20
    read_replica = True  # kamakura_portal.db_router: a read-only page
    context_object_name = "needs"
    filter_class: type[NeedFilter] = NeedFilter
    staff = False

    def base_queryset(self) -> Any:
        return queries.listed_needs()

    def get_queryset(self) -> Any:
        self.filterset = self.filter_class(self.request.GET or None, queryset=self.base_queryset())
        return self.filterset.qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(filter=self.filterset, staff=self.staff, **kwargs)

    def share_content(self) -> bool:
        return not self.staff  # the staff's list shows what their permissions allow

    def shell_context(self) -> dict[str, Any]:
        return {"staff": self.staff}


class StaffNeedListView(PortalPermissionRequiredMixin, NeedListView):
    """Every need, staff-only and closed ones too, with the proposals answering each."""

    permission_required = "collaboration.view_staff_needs"
    filter_class = StaffNeedFilter
    staff = True

    def get_permission_object(self) -> None:
        return None

    def base_queryset(self) -> Any:
        return queries.staff_needs()


class NeedPageMixin(PortalPermissionRequiredMixin):
    kwargs: dict[str, Any]

    @cached_property
    def need(self) -> DepartmentNeed:
        return get_object_or_404(
            DepartmentNeed.objects.select_related("department", "created_by").prefetch_related(
                "activity_fields", "districts"
            ),
            pk=self.kwargs["pk"],
        )

    def get_permission_object(self) -> DepartmentNeed:
        return self.need


class NeedView(NeedPageMixin, TemplateView):
    permission_required = "collaboration.view_need"
    template_name = "collaboration/need.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        manages = user.has_perm("collaboration.set_need_status", self.need)
        return super().get_context_data(
            need=self.need,
            can_edit=user.has_perm("collaboration.edit_need", self.need),
            status_form=NeedStatusForm(need=self.need, user=user) if manages else None,
            proposals=queries.proposals_answering(self.need, user) if manages else None,
            can_propose=self.need.status != DepartmentNeed.Status.CLOSED
            and (
                user.has_perm("collaboration.start_group_proposal")
                or user.has_perm("collaboration.start_city_proposal")
            ),
            **kwargs,
        )


class NeedFormView(FormView):
    """Shared by posting and editing: the form, saved through the service."""

    template_name = "collaboration/need_form.html"
    form_class = NeedForm
    request: HttpRequest

    def current(self) -> DepartmentNeed | None:
        return None

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "instance": self.current(),
            "user": acting_user(self.request),
        }

    def form_valid(self, form: NeedForm) -> HttpResponse:
        fields, many = form.changes()
        try:
            need = save_need(self.current(), acting_user(self.request), fields, many=many)
        except NeedError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("The need is saved."))
        return redirect("collaboration:need", need.pk)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(need=self.current(), **kwargs)


class NewNeedView(PortalPermissionRequiredMixin, NeedFormView):
    permission_required = "collaboration.post_need"

    def get_permission_object(self) -> None:
        return None


class EditNeedView(NeedPageMixin, NeedFormView):
    permission_required = "collaboration.edit_need"

    def current(self) -> DepartmentNeed:
        return self.need


class NeedStatusView(NeedPageMixin, View):
    permission_required = "collaboration.set_need_status"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = NeedStatusForm(request.POST, need=self.need, user=request.user)
        if not form.is_valid():
            messages.error(request, _("Choose one of the statuses offered."))
        else:
            try:
                set_need_status(self.need, acting_user(request), form.cleaned_data["status"])
            except NeedError as error:
                messages.error(request, str(error))
            else:
                messages.success(
                    request,
                    _("The need is now “%(status)s”.") % {"status": self.need.get_status_display()},
                )
        return redirect("collaboration:need", self.need.pk)
