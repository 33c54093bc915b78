"""What the survey pages share: the survey from the URL, checked against the rule."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.shortcuts import get_object_or_404

from accounts.mixins import PortalPermissionRequiredMixin

from ..models import Question, Survey


class SurveyMixin(PortalPermissionRequiredMixin):
    """A page about one survey (``pk`` in the URL); the rule is checked against the survey."""

    kwargs: dict[str, Any]

    @cached_property
    def survey(self) -> Survey:
        return get_object_or_404(Survey, pk=self.kwargs["pk"])

    def get_permission_object(self) -> Survey:
        return self.survey


class QuestionMixin(SurveyMixin):
    @cached_property
    def question(self) -> Question:
        return get_object_or_404(
            Question.objects.prefetch_related("options"),
            pk=self.kwargs["question_pk"],
            survey_id=self.survey.pk,
        )
