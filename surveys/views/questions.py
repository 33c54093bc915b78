"""The builder's question pages: add, edit (until answered), fix wording, reorder, preview."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.mixins import acting_user

from .. import services
from ..forms.answers import AnswerForm
from ..forms.builder import QuestionForm, WordingFixForm
from ..models import Question
from .base import QuestionMixin, SurveyMixin

QUESTION_FIELDS = ("text", "key", "kind", "help_text", "required", "max_choices", "has_other")


class AddQuestionView(SurveyMixin, TemplateView):
    permission_required = "surveys.build_survey"
    template_name = "surveys/question_form.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["survey"] = self.survey
        context.setdefault(
            "form", QuestionForm(initial={"kind": Question.Kind.SINGLE, "required": True})
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = QuestionForm(request.POST)
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in QUESTION_FIELDS}
            try:
                services.add_question(self.survey, fields, form.option_labels())
            except services.SurveyError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The question is added."))
                return redirect("surveys:builder", self.survey.pk)
        return self.render_to_response(self.get_context_data(form=form))


class EditQuestionView(QuestionMixin, TemplateView):
    """Change a question nobody has answered; an answered one goes to the wording fix."""

    permission_required = "surveys.build_survey"
    template_name = "surveys/question_form.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if services.has_answers(self.question):
            messages.info(
                request,
                _("This question already has answers: only its wording can be fixed."),
            )
            return redirect("surveys:fix_wording", self.survey.pk, self.question.pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(survey=self.survey, question=self.question)
        context.setdefault("form", QuestionForm(instance=self.question))
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = QuestionForm(request.POST, instance=Question.objects.get(pk=self.question.pk))
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in QUESTION_FIELDS}
            try:
                services.update_question(self.question, fields, form.option_labels())
            except services.SurveyError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("The question is saved."))
                return redirect("surveys:builder", self.survey.pk)
        return self.render_to_response(self.get_context_data(form=form))


class FixWordingView(QuestionMixin, TemplateView):
    permission_required = "surveys.build_survey"
    template_name = "surveys/fix_wording.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            survey=self.survey,
            question=self.question,
            fixes=self.question.fixes.select_related("actor"),
        )
        context.setdefault("form", WordingFixForm(initial={"text": self.question.text}))
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = WordingFixForm(request.POST)
        if form.is_valid():
            try:
                services.fix_wording(
                    self.question,
                    form.cleaned_data["text"],
                    form.cleaned_data["reason"],
                    acting_user(request),
                )
            except services.SurveyError as error:
                form.add_error("text", str(error))
            else:
                messages.success(request, _("The wording is fixed; the change is recorded."))
                return redirect("surveys:builder", self.survey.pk)
        return self.render_to_response(self.get_context_data(form=form))


class MoveQuestionView(QuestionMixin, View):
    permission_required = "surveys.build_survey"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        step = -1 if request.POST.get("direction") == "up" else 1
        try:
            services.move_question(self.question, step)
        except services.SurveyError as error:
            messages.error(request, str(error))
        return redirect(
            f"{reverse('surveys:builder', args=[self.survey.pk])}#question-{self.question.pk}"
        )


class DeleteQuestionView(QuestionMixin, View):
    permission_required = "surveys.build_survey"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            services.delete_question(self.question)
        except services.SurveyError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The question is deleted."))
        return redirect("surveys:builder", self.survey.pk)


class PreviewView(SurveyMixin, TemplateView):
    """The answer form as respondents will see it; nothing can be sent from here."""

    permission_required = "surveys.build_survey"
    template_name = "surveys/preview.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        questions = list(self.survey.questions.prefetch_related("options"))
        context.update(
            survey=self.survey,
            form=AnswerForm(questions=questions, complete=True, initial={"version": 0}),
        )
        return context
