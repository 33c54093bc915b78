"""The demo users take a demo proposal through the workflow, as they would in the portal.

Each step calls the app's services (so the status history, confirmations, panel, agreement
and evaluations are recorded as in real use), then dates the records it left back to when
the content says the step happened: the proposal's page shows a plausible timeline.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from accounts.models import User
from kamakura_portal.audit import acting_as
from kamakura_portal.dates import fiscal_year
from kamakura_portal.inbox import silenced
from kamakura_portal.models import Notification, StatusChange
from kamakura_portal.workflow import transition

from ..models import (
    AgreementVersion,
    CommitteeEvaluation,
    Confirmation,
    DiscussionEntry,
    MutualReview,
    PanelMember,
    Proposal,
    Score,
    SelfEvaluation,
    Stage,
)
from ..models.evaluation import ITEMS
from ..models.review import Criterion
from ..services import agreement, discussion, evaluation, review
from ..services import proposals as services

Status = Proposal.Status
# The records a step leaves, and when each says it happened: dated back after the step.
DATED = (
    (Proposal, "pk", "submitted_at"),
    (Confirmation, "proposal", "confirmed_at"),
    (PanelMember, "panel__proposal", "assigned_at"),
    (Score, "member__panel__proposal", "scored_at"),
    (AgreementVersion, "proposal", "created_at"),
    (AgreementVersion, "proposal", "group_confirmed_at"),
    (AgreementVersion, "proposal", "city_confirmed_at"),
    (SelfEvaluation, "proposal", "filed_at"),
    (MutualReview, "proposal", "written_at"),
    (CommitteeEvaluation, "proposal", "filed_at"),
)
_FY_DATE = re.compile(r"^FY([+-]\d+)? (\d\d)-(\d\d)$")


class DemoDates:
    """The content's dates: days before today, or ``FY+1 04-20`` (month-day of a fiscal year
    counted from the current one)."""

    def __init__(self) -> None:
        self.today = timezone.localdate()
        self.year = fiscal_year(self.today)

    def day(self, value: int | str) -> datetime.date:
        if isinstance(value, int):
            return self.today - datetime.timedelta(days=value)
        match = _FY_DATE.match(value)
        if match is None:
            raise ValueError(f"Not a demo date: {value!r}")
        year = self.year + int(match.group(1) or 0)
        month, day = int(match.group(2)), int(match.group(3))
        return datetime.date(year if month >= 4 else year + 1, month, day)

    def past(self, value: int | str) -> datetime.datetime:
        """When something happened: never later than today."""
        day = min(self.day(value), self.today)
        return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


@dataclass(frozen=True)
class Step:
    """A demo proposal on its way, with the people who move it."""

    proposal: Proposal
    spec: Mapping[str, Any]
    users: Mapping[str, User]
    dates: DemoDates

    @property
    def group(self) -> User:
        return self.users[self.spec["group_user"]]

    @property
    def city(self) -> User:
        return self.users[self.spec["city_user"]]

    @property
    def proposer(self) -> User:
        return self.city if self.spec["proposer"] == "city" else self.group

    def when(self, key: str) -> datetime.datetime:
        return self.dates.past(self.spec["moves"][key])

    def move(self, to: str, actor: User, outcome: str = "") -> None:
        with acting_as(actor):
            transition(self.proposal, to, actor, outcome=outcome)


def advance(step: Step) -> None:
    """Take the proposal through the workflow up to its status, dating each move back.

    Only the latest step is news: the moves and entries before it are history (as imported
    history is), so nobody is told about them.
    """
    status = step.spec["status"]
    if status == Status.DRAFT:
        return
    moves = list(STEPS)  # in the workflow's order
    for to in moves[: moves.index(status) + 1]:
        since = timezone.now()
        with nullcontext() if to == status else silenced():
            STEPS[to](step)
        _date_back(step.proposal, since, step.when(to))


def _date_back(proposal: Proposal, since: datetime.datetime, when: datetime.datetime) -> None:
    """Date the records made since ``since`` (that is, by this step) to ``when``."""
    for model, lookup, field in DATED:
        manager: models.Manager[Any] = model._default_manager
        manager.filter(**{lookup: proposal.pk, f"{field}__gte": since}).update(**{field: when})
    about = {"content_type": ContentType.objects.get_for_model(Proposal), "object_id": proposal.pk}
    for shared in (StatusChange.objects, Notification.objects):
        shared.filter(**about, created_at__gte=since).update(created_at=when)


def _submit(step: Step) -> None:
    step.move(Status.SUBMITTED, step.proposer)


def _consult(step: Step) -> None:
    step.move(Status.CONSULTATION, step.users["secretariat"])
    for entry in step.spec.get("discussion", ()):
        author = step.users[entry["by"]]
        with acting_as(author):
            written = discussion.add_entry(
                step.proposal, author, entry["body"], staff_only=entry["staff_only"]
            )
        DiscussionEntry.objects.filter(pk=written.pk).update(
            created_at=step.dates.past(entry["on"])
        )
    if "confirmed" in step.spec:  # it stays in consultation, confirmed by one side so far
        since = timezone.now()
        _confirm(step, step.spec["confirmed"])
        _date_back(step.proposal, since, step.when("confirmed"))


def _confirm(step: Step, sides: list[str]) -> None:
    for side in sides:
        user = step.group if side == "group" else step.city
        with acting_as(user):
            services.confirm_sections(step.proposal, user, side)


def _review(step: Step) -> None:
    _confirm(step, ["group", "city"])
    secretariat = step.users["secretariat"]
    step.move(Status.REVIEW, secretariat)
    with acting_as(secretariat):
        for reviewer in (secretariat, step.users["committee"]):
            review.assign_reviewer(step.proposal, reviewer)
    for key, score in step.spec.get("scores", {}).items():
        reviewer, comments = step.users[key], score["comments"]
        scores = {
            criterion: (points, comments.get(criterion, ""))
            for criterion, points in zip(Criterion.values, score["points"], strict=True)
        }
        with acting_as(reviewer):
            review.score_proposal(step.proposal, reviewer, scores)


def _adopt(step: Step) -> None:
    step.move(Status.ADOPTED, step.users["secretariat"])


def _agree(step: Step) -> None:
    """The city drafts the agreement; both sides confirm it, which concludes it."""
    fields = {
        **agreement.initial_fields(step.proposal),
        "responsibilities": step.spec["agreement"],
        "reason": "",
    }
    with acting_as(step.city):
        version, _withdrawn = agreement.save_draft(step.proposal, step.city, fields)
    for side, user in (("group", step.group), ("city", step.city)):
        with acting_as(user):
            agreement.confirm(version, user, side)
    step.proposal.refresh_from_db()


def _start(step: Step) -> None:
    step.move(Status.IN_PROGRESS, step.proposer)
    _record_progress(step, "")
    if "mid" in step.spec["moves"]:
        since = timezone.now()
        _evaluate_as_parties(step, Stage.MID_TERM)
        _date_back(step.proposal, since, step.when("mid"))


def _record_progress(step: Step, report: str) -> None:
    """The milestones due by today are done on their dates, with the content's notes."""
    notes = {row["title"]: row.get("progress_note", "") for row in step.spec["milestones"]}
    progress = [
        (milestone.pk, milestone.due_on, notes[milestone.title])
        for milestone in step.proposal.milestones.all()
        if milestone.due_on <= step.dates.today
    ]
    with acting_as(step.group):
        services.save_implementation(step.proposal, step.group, progress, report)


def _evaluate_as_parties(step: Step, stage: str) -> None:
    for filed in step.spec.get("evaluations", ()):
        if filed["stage"] != stage:
            continue
        user = step.group if filed["side"] == "group" else step.city
        fields: dict[str, str] = {}
        for (prefix, _label), grade, comment in zip(
            ITEMS, filed["grades"], filed["comments"], strict=True
        ):
            fields[f"{prefix}_grade"], fields[f"{prefix}_comment"] = grade, comment
        with acting_as(user):
            evaluation.file_self_evaluation(step.proposal, user, filed["side"], stage, fields)


def _report(step: Step) -> None:
    _record_progress(step, step.spec["report"])
    _evaluate_as_parties(step, Stage.FINAL)
    with acting_as(step.group):
        evaluation.write_mutual_review(step.proposal, step.group, Stage.FINAL, step.spec["mutual"])
    step.move(Status.REPORTED, step.group)


def _evaluate(step: Step) -> None:
    committee = step.users["committee"]
    verdict = step.spec["committee"]
    with acting_as(committee):
        evaluation.file_committee_evaluation(
            step.proposal, committee, verdict["grade"], verdict["comment"]
        )
    step.move(Status.EVALUATED, step.users["secretariat"])


def _close(step: Step) -> None:
    step.move(Status.CLOSED, step.users["secretariat"], outcome=step.spec["outcome"])


# The moves after the draft, in order, and what the demo users do for each.
STEPS: Mapping[str, Callable[[Step], None]] = {
    Status.SUBMITTED: _submit,
    Status.CONSULTATION: _consult,
    Status.REVIEW: _review,
    Status.ADOPTED: _adopt,
    Status.AGREED: _agree,
    Status.IN_PROGRESS: _start,
    Status.REPORTED: _report,
    Status.EVALUATED: _evaluate,
    Status.CLOSED: _close,
}
