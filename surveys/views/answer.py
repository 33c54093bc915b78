"""The respondents' pages: surveys to answer, and the answer form of one group/department/self."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from accounts.mixins import PortalPermissionRequiredMixin, acting_user

from .. import answering
from ..answering import AnswerValue, Respondent
from ..forms.answers import AnswerForm, initial_for
from ..models import Question, Response
from ..queries import open_surveys_for
from .base import SurveyMixin


@dataclass(frozen=True)
class SummaryLine:
    number: int
    question: str
    answer: str


def answer_summary(questions: list[Question], values: dict[int, AnswerValue]) -> list[SummaryLine]:
    """The saved answers as text, for the conflict notice and the closed survey's page."""
    lines = []
    for number, q in enumerate(questions, start=1):
        value = values.get(q.pk, AnswerValue())
        labels = [o.label for o in q.options.all() if o.pk in value.option_ids]
        if value.text and q.is_choice:
            labels.append(f"（{value.text}）")
        elif value.text:
            labels.append(value.text)
        if value.number is not None:
            labels.append(f"{value.number.normalize():f}")
        lines.append(SummaryLine(number, q.text, "、".join(labels) or _("(no answer)")))
    return lines


class MySurveysView(PortalPermissionRequiredMixin, TemplateView):
    """Open surveys for the signed-in user, with the state of each of their answers."""

    permission_required = "surveys.view_my_surveys"
    template_name = "surveys/mine.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = acting_user(self.request)
        surveys = list(open_surveys_for(user))
        # For whom the user answers depends on the audience only: one look-up per audience.
        by_audience = {
            audience: answering.respondents_for(
                user, next(s for s in surveys if s.audience == audience)
            )
            for audience in {s.audience for s in surveys}
        }
        everyone = [r for respondents in by_audience.values() for r in respondents]
        states = (
            {
                (response.survey_id, _slug(response)): response
                for response in Response.objects.filter(survey__in=surveys).filter(
                    answering.responses_of(everyone)
                )
            }
            if everyone
            else {}
        )
        context["rows"] = [
            {
                "survey": survey,
                "respondents": [
                    (r, states.get((survey.pk, r.slug))) for r in by_audience[survey.audience]
                ],
            }
            for survey in surveys
        ]
        return context


def _slug(response: Response) -> str:
    if response.group_id:
        return f"group-{response.group_id}"
    if response.department_id:
        return f"department-{response.department_id}"
    return "me"


class AnswerStartView(SurveyMixin, TemplateView):
    """Choose for whom to answer (a manager of two groups); one choice goes straight on."""

    permission_required = "surveys.answer_survey"
    template_name = "surveys/answer_start.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        respondents = answering.respondents_for(request.user, self.survey)
        if len(respondents) == 1:
            return redirect("surveys:answer", self.survey.pk, respondents[0].slug)
        return self.render_to_response({"survey": self.survey, "respondents": respondents})


class AnswerView(SurveyMixin, TemplateView):
    permission_required = "surveys.answer_survey"
    template_name = "surveys/answer.html"

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self._respondent: Respondent | None = None

    @property
    def respondent(self) -> Respondent:
        if self._respondent is None:
            found = answering.respondent_from_slug(
                self.request.user, self.survey, self.kwargs["target"]
            )
            if found is None:  # another group's or department's answer
                raise PermissionDenied
            self._respondent = found
        return self._respondent

    def questions(self) -> list[Question]:
        return list(self.survey.questions.prefetch_related("options"))

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = answering.response_of(self.survey, self.respondent)
        questions = self.questions()
        values = answering.current_values(response)
        form = AnswerForm(
            questions=questions,
            complete=False,
            initial={
                "version": response.version if response else 0,
                **initial_for(questions, values),
            },
        )
        return self.render_to_response(self.context(form, response, questions, values))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = answering.response_of(self.survey, self.respondent)
        questions = self.questions()
        values = answering.current_values(response)
        if not self.survey.accepts_answers():
            form = AnswerForm(questions=questions, complete=False)
            message = str(answering.closed_message(self.survey))
            return self.render_to_response(
                self.context(form, response, questions, values, closed_error=message)
            )
        submit = request.POST.get("action") == "submit"
        complete = submit or bool(response and response.is_submitted)
        form = AnswerForm(request.POST, questions=questions, complete=complete)
        extra: dict[str, Any] = {}
        if form.is_valid():
            try:
                saved = answering.save_answers(
                    self.survey,
                    self.respondent,
                    form.values(),
                    actor=acting_user(request),
                    version=form.cleaned_data["version"],
                    submit=submit,
                )
            except answering.EditConflict as conflict:
                latest = conflict.response
                extra["conflict"] = str(conflict)
                extra["latest"] = answer_summary(questions, answering.current_values(latest))
                form = self.rebound(form, questions, complete, latest.version)
            except answering.AnswersInvalid as invalid:
                form.show_problems(invalid.problems)
            except answering.AnswerError as error:
                extra["closed_error"] = str(error)
            else:
                messages.success(request, self.saved_message(saved, submit))
                return redirect("surveys:answer", self.survey.pk, self.respondent.slug)
        return self.render_to_response(self.context(form, response, questions, values, **extra))

    def rebound(
        self, form: AnswerForm, questions: list[Question], complete: bool, version: int
    ) -> AnswerForm:
        """The person's entries again, now based on the latest version (saving is deliberate)."""
        data = QueryDict(mutable=True)
        data.update(form.data)
        data["version"] = str(version)
        return AnswerForm(data, questions=questions, complete=complete)

    def saved_message(self, response: Response, submit: bool) -> str:
        if submit:
            return _(
                "Thank you. Your answers are submitted. You can change them until %(date)s."
            ) % {"date": self.survey.closes_on.strftime("%Y-%m-%d")}
        if response.is_submitted:
            return _("Your changes to the submitted answers are saved.")
        return _("The draft is saved. It is not submitted yet.")

    def context(
        self,
        form: AnswerForm,
        response: Response | None,
        questions: list[Question],
        values: dict[int, AnswerValue],
        **extra: Any,
    ) -> dict[str, Any]:
        return {
            "survey": self.survey,
            "respondent": self.respondent,
            "response": response,
            "form": form,
            "open": self.survey.accepts_answers(),
            "closed_notice": answering.closed_message(self.survey),
            "summary": answer_summary(questions, values),
            **extra,
        }
