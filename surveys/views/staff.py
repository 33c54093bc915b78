"""The staff's pages of a survey: the list, creating, settings, status moves and copying."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from accounts.mixins import PortalPermissionRequiredMixin, acting_user
from accounts.models import Visitor
from kamakura_portal.dates import fiscal_year
from kamakura_portal.workflow import allowed_moves, transition

from .. import services
from ..forms.builder import CopyForm, ReasonForm, SurveyForm
from ..models import Survey
from ..queries import response_figures, staff_survey_list
from .base import SurveyMixin

Status = Survey.Status

# How a move reads as a button.
MOVE_LABELS: dict[tuple[str, str], str | Promise] = {
    (Status.DRAFT, Status.OPEN): gettext_lazy("Open the survey and mail the invitations"),
    (Status.OPEN, Status.CLOSED): gettext_lazy("Close the survey"),
    (Status.CLOSED, Status.OPEN): gettext_lazy("Reopen the survey"),
    (Status.CLOSED, Status.PUBLISHED): gettext_lazy("Publish the results"),
    (Status.PUBLISHED, Status.CLOSED): gettext_lazy("Withdraw the published results"),
}


def moves_for(user: Visitor, survey: Survey) -> list[dict[str, Any]]:
    """The buttons of the status panel: the moves this user may make now."""
    return [
        {
            "to": move.target,
            "label": MOVE_LABELS[(move.source, move.target)],
            "needs_reason": move.reason_required,
        }
        for move in allowed_moves(survey, user)
    ]


class SurveyListView(PortalPermissionRequiredMixin, TemplateView):
    permission_required = "surveys.manage_surveys"
    template_name = "surveys/staff_list.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["surveys"] = staff_survey_list()
        return context


class CreateSurveyView(PortalPermissionRequiredMixin, TemplateView):
    permission_required = "surveys.build_survey"
    template_name = "surveys/survey_form.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context.setdefault(
            "form",
            SurveyForm(
                initial={
                    "fiscal_year": fiscal_year(today),
                    "opens_on": today,
                    "audience": Survey.Audience.GROUPS,
                }
            ),
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = SurveyForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        survey = services.create_survey(acting_user(request), form.cleaned_data)
        messages.success(request, _("The survey is created. Now add its questions."))
        return redirect("surveys:builder", survey.pk)


class EditSurveyView(SurveyMixin, TemplateView):
    permission_required = "surveys.build_survey"
    template_name = "surveys/survey_form.html"

    def form(self, data: Any = None) -> SurveyForm:
        return SurveyForm(data, instance=self.survey, locked=self.survey.status != Status.DRAFT)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["survey"] = self.survey
        context.setdefault("form", self.form())
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.form(request.POST)
        if form.is_valid():
            try:
                services.update_survey(
                    Survey.objects.get(pk=self.survey.pk),
                    {name: form.cleaned_data[name] for name in form.changed_data},
                )
            except services.SurveyError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The survey's settings are saved."))
                return redirect("surveys:builder", self.survey.pk)
        return self.render_to_response(self.get_context_data(form=form))


class BuilderView(SurveyMixin, TemplateView):
    """One survey for staff: settings, questions (add, edit, reorder), status and history."""

    permission_required = "surveys.build_survey"
    template_name = "surveys/builder.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        survey = self.survey
        questions = list(survey.questions.prefetch_related("options", "fixes__actor"))
        answered = set(survey.questions.filter(answers__isnull=False).values_list("pk", flat=True))
        context.update(
            survey=survey,
            questions=[(q, q.pk in answered) for q in questions],
            editable=survey.status in (Status.DRAFT, Status.OPEN),
            moves=moves_for(self.request.user, survey),
            reason_form=kwargs.get("reason_form") or ReasonForm(),
            figures=response_figures(survey),
            status_changes=survey.status_changes.select_related("actor"),
            problems=services.problems_before_opening(survey)
            if survey.status == Status.DRAFT
            else [],
        )
        return context


class TransitionView(SurveyMixin, TemplateView):
    permission_required = "surveys.run_survey"
    template_name = "surveys/builder.html"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        to = request.POST.get("to", "")
        move = next((m for m in moves_for(request.user, self.survey) if m["to"] == to), None)
        form = ReasonForm(request.POST)
        if move is None or not form.is_valid():
            messages.error(request, _("This change is not possible now."))
            return redirect("surveys:builder", self.survey.pk)
        try:
            survey = transition(
                self.survey, to, acting_user(request), reason=form.cleaned_data["reason"]
            )
        except services.SurveyError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request,
                _("The survey is now “%(status)s”.") % {"status": survey.get_status_display()},
            )
        return redirect("surveys:builder", self.survey.pk)


class CopySurveyView(SurveyMixin, TemplateView):
    """A new draft from a past survey: same questions, keys and options, new dates."""

    permission_required = "surveys.build_survey"
    template_name = "surveys/copy.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context["survey"] = self.survey
        context.setdefault(
            "form",
            CopyForm(
                initial={
                    "title": self.survey.title,
                    "fiscal_year": fiscal_year(today),
                    "opens_on": today,
                }
            ),
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = CopyForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        copy = services.copy_survey(self.survey, acting_user(request), form.cleaned_data)
        messages.success(request, _("A copy is made as a draft. Check its questions."))
        return redirect("surveys:builder", copy.pk)
