"""A survey's status machine: 下書き → 実施中 → 終了 → 結果公開.

Run by :func:`kamakura_portal.workflow.transition`. The centre and the secretariat run a
survey (``surveys.run_survey``); only the secretariat publishes its results. The portal closes
a survey by itself on its closing date. Opening it invites its audience.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone
from django.utils.translation import gettext_lazy

from kamakura_portal.errors import Problem
from kamakura_portal.models import StatusChange
from kamakura_portal.workflow import Messages, Move, MoveRequest, Workflow

from .distribution import invite
from .models import Survey
from .services import SurveyError, problems_before_opening

Status = Survey.Status

RUN = "surveys.run_survey"
PUBLISH = "surveys.publish_results"


def ready_to_open(survey: Survey, request: MoveRequest) -> Iterable[Problem]:
    return [Problem(problem) for problem in problems_before_opening(survey, request.today)]


MOVES: tuple[Move[Survey], ...] = (
    Move(Status.DRAFT, Status.OPEN, RUN, guards=(ready_to_open,)),
    Move(Status.OPEN, Status.CLOSED, RUN, by_system=True),
    Move(Status.CLOSED, Status.OPEN, RUN, reason_required=True),
    Move(Status.CLOSED, Status.PUBLISHED, PUBLISH),
    Move(Status.PUBLISHED, Status.CLOSED, PUBLISH, reason_required=True),
)


def apply(survey: Survey, request: MoveRequest) -> None:
    if request.source == Status.DRAFT:
        survey.invited_at = timezone.now()


def announce(survey: Survey, change: StatusChange) -> None:
    if change.from_status == Status.DRAFT and change.to_status == Status.OPEN:
        invite(survey)


WORKFLOW = Workflow(
    model=Survey,
    moves=MOVES,
    messages=Messages(
        illegal=gettext_lazy("A survey that is “%(from)s” cannot become “%(to)s”."),
        reason_required=gettext_lazy("Write the reason; it is kept in the survey's history."),
    ),
    error=SurveyError,
    apply=apply,
    announce=announce,
)
