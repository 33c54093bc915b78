"""The consultation log (相談記録): the list with its search and filters, one consultation's
page, the form to record or edit one, marking a follow-up done, and a fiscal year's figures.
Centre staff (and administrators) only.

The rules are not about one consultation, so they are checked before a consultation is
looked up: someone without access cannot tell which consultations exist (403, never 404).
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
from kamakura_portal.charts import bar_chart
from kamakura_portal.dates import fiscal_year_label
from kamakura_portal.search import is_searchable

from ..filters import ConsultationFilter
from ..forms.consultations import ConsultationForm
from ..models import Consultation
from ..queries.consultations import (
    consultation_log,
    fiscal_years_on_record,
    follow_ups_due,
    yearly_counts,
)
from ..services.consultations import ConsultationError, complete_follow_up, save_consultation

# The follow-ups listed above the log; the filter lists them all.
DUE_SHOWN = 10


class ConsultationListView(PortalPermissionRequiredMixin, ListView):
    """Every consultation, newest first, 20 to a page; the plain list opens with the
    follow-ups that are due."""

    permission_required = "coordination.view_consultations"
    template_name = "coordination/consultations.html"
    context_object_name = "consultations"
    paginate_by = 20

    def get_permission_object(self) -> None:
        return None

    def get_queryset(self) -> Any:
        self.filterset = ConsultationFilter(self.request.GET or None, queryset=consultation_log())
        return self.filterset.qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        keyword = self.request.GET.get("q", "")
        due = None if self.request.GET else list(follow_ups_due()[: DUE_SHOWN + 1])
        return super().get_context_data(
            filter=self.filterset,
            due=due[:DUE_SHOWN] if due is not None else None,
            more_due=due is not None and len(due) > DUE_SHOWN,
            unsearchable=bool(keyword.strip()) and not is_searchable(keyword),
            **kwargs,
        )


class ConsultationFiguresView(PortalPermissionRequiredMixin, TemplateView):
    """A fiscal year's consultations by topic and by method: the figures of the status
    report, as charts with their tables."""

    permission_required = "coordination.view_consultations"
    template_name = "coordination/consultation_figures.html"

    def get_permission_object(self) -> None:
        return None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        years = fiscal_years_on_record()
        raw = self.request.GET.get("year", "")
        year = int(raw) if raw.isdigit() and int(raw) in years else years[0]
        counts = yearly_counts(year)
        label = fiscal_year_label(year)
        return super().get_context_data(
            year=year,
            years=[(value, fiscal_year_label(value)) for value in years],
            counts=counts,
            topic_chart=bar_chart(
                _("Consultations by topic, %(year)s") % {"year": label},
                counts.by_topic,
                series_name=_("Consultations"),
            ),
            method_chart=bar_chart(
                _("Consultations by method, %(year)s") % {"year": label},
                counts.by_method,
                series_name=_("Consultations"),
            ),
            **kwargs,
        )


class ConsultationPageMixin(PortalPermissionRequiredMixin):
    kwargs: dict[str, Any]

    def get_permission_object(self) -> None:
        return None

    @cached_property
    def consultation(self) -> Consultation:
        return get_object_or_404(
            Consultation.objects.select_related(
                "group", "department", "staff", "created_by"
            ).prefetch_related("topics"),
            pk=self.kwargs["pk"],
        )


class ConsultationView(ConsultationPageMixin, TemplateView):
    permission_required = "coordination.view_consultations"
    template_name = "coordination/consultation.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        return super().get_context_data(
            consultation=self.consultation,
            can_edit=user.has_perm("coordination.edit_consultation", self.consultation),
            can_see_history=user.has_perm("accounts.view_audit_history"),
            **kwargs,
        )


class ConsultationFormView(FormView):
    """Shared by recording and editing: the form, saved through the service."""

    template_name = "coordination/consultation_form.html"
    form_class = ConsultationForm
    request: HttpRequest

    def current(self) -> Consultation | None:
        return None

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "instance": self.current(),
            "user": acting_user(self.request),
        }

    def form_valid(self, form: ConsultationForm) -> HttpResponse:
        fields, topics = form.changes()
        try:
            consultation = save_consultation(
                self.current(), acting_user(self.request), fields, topics
            )
        except ConsultationError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(self.request, _("The consultation is saved."))
        return redirect("coordination:consultation", consultation.pk)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(consultation=self.current(), **kwargs)


class NewConsultationView(PortalPermissionRequiredMixin, ConsultationFormView):
    permission_required = "coordination.record_consultation"

    def get_permission_object(self) -> None:
        return None


class EditConsultationView(ConsultationPageMixin, ConsultationFormView):
    permission_required = "coordination.edit_consultation"

    def current(self) -> Consultation:
        return self.consultation


class FollowUpDoneView(ConsultationPageMixin, View):
    permission_required = "coordination.edit_consultation"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        try:
            done = complete_follow_up(self.consultation, acting_user(request))
        except ConsultationError as error:
            messages.error(request, str(error))
        else:
            if done:
                messages.success(request, _("The follow-up is marked done."))
        return redirect("coordination:consultation", self.consultation.pk)
