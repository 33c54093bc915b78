"""The parts of a generated proposal, as far as its status has come: costs, roles, goals and
milestones; both sides' confirmations and the discussion once submitted; the panel's scores
from the review on; the agreement once agreed; self-evaluations, the mutual review and the
committee's evaluation once evaluated."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import models

from collaboration.models import (
    AgreementVersion,
    CommitteeEvaluation,
    Confirmation,
    CostLine,
    Criterion,
    DiscussionEntry,
    Goal,
    Milestone,
    MutualReview,
    PanelMember,
    Proposal,
    ReviewPanel,
    RoleItem,
    Score,
    SelfEvaluation,
)
from kamakura_portal.dates import fiscal_year_end, fiscal_year_start

from .bulk import Batch, Ids
from .context import Run, pick
from .people import People
from .wording import Wording, discussion_entry

Status = Proposal.Status
REVIEWED = {
    Status.REVIEW, Status.ADOPTED, Status.REJECTED, Status.AGREED, Status.IN_PROGRESS,
    Status.REPORTED, Status.EVALUATED, Status.CLOSED,
}  # fmt: skip
AGREED = {Status.AGREED, Status.IN_PROGRESS, Status.REPORTED, Status.EVALUATED, Status.CLOSED}
DONE = {Status.EVALUATED, Status.CLOSED}
GRADES = [("A", 35), ("B", 40), ("C", 20), ("D", 5)]
ITEMS = ("achievement", "roles", "information", "equality", "synergy")


class PartMaker:
    models: dict[str, type[models.Model]] = {
        "costs": CostLine,
        "roles": RoleItem,
        "goals": Goal,
        "milestones": Milestone,
        "confirmations": Confirmation,
        "discussion": DiscussionEntry,
        "panels": ReviewPanel,
        "members": PanelMember,
        "scores": Score,
        "agreements": AgreementVersion,
        "self_evaluations": SelfEvaluation,
        "mutual_reviews": MutualReview,
        "committee": CommitteeEvaluation,
    }

    def __init__(self, run: Run, people: People, wording: Wording) -> None:
        self.run = run
        self.rng = run.rng("proposal-parts")
        self.people = people
        self.wording = wording
        self.panel_ids = Ids(ReviewPanel)
        self.member_ids = Ids(PanelMember)

    def _some(self, items: list[dict[str, Any]], low: int, high: int) -> list[dict[str, Any]]:
        return self.rng.sample(items, min(len(items), self.rng.randint(low, high)))

    def _at(self, day: datetime.date) -> datetime.datetime:
        return self.run.moment(min(day, self.run.today), self.rng)

    def add(
        self,
        rows: Batch,
        pk: int,
        field_code: str,
        status: str,
        year: int,
        length: int,
        submitted: datetime.date | None,
        group_user: int,
        department: int,
    ) -> None:
        rng, wording = self.rng, self.wording
        for n, line in enumerate(self._some(wording.cost_lines, 2, 5)):
            rows["costs"].append(
                {
                    "proposal_id": pk,
                    "sort_order": n,
                    "item": line["item"],
                    "amount": line["amount"],
                    "bearer": line["bearer"],
                    "note": "",
                }
            )
        for n, role in enumerate(self._some(wording.roles, 2, 4)):
            rows["roles"].append(
                {
                    "proposal_id": pk,
                    "sort_order": n,
                    **{key: role[key] for key in ("task", "responsible", "cost_bearer")},
                    "risk_bearer": role["risk_bearer"],
                    "risk": role.get("risk", ""),
                }
            )
        for n, goal in enumerate(self._some(wording.goals, 1, 3)):
            rows["goals"].append(
                {
                    "proposal_id": pk,
                    "sort_order": n,
                    **{key: goal[key] for key in ("goal", "indicator", "baseline", "target")},
                }
            )
        started = status in AGREED and status != Status.AGREED
        for n in range(rng.randint(2, 4)):
            due = fiscal_year_start(year) + datetime.timedelta(days=60 + n * 90)
            done = started and due < self.run.today
            rows["milestones"].append(
                {
                    "proposal_id": pk,
                    "sort_order": n,
                    "title": rng.choice(wording.milestones),
                    "due_on": due,
                    "done_on": due if done else None,
                    "progress_note": "予定どおり実施しました。" if done else "",
                }
            )
        if submitted is None:
            return
        city_user = self.people.city_user(department, rng)
        for side, user in (("group", group_user), ("city", city_user)):
            rows["confirmations"].append(
                {"proposal_id": pk, "side": side, "confirmed_by_id": user,
                 "confirmed_at": self._at(submitted - datetime.timedelta(days=1)),
                 "withdrawn_at": None, "withdrawn_by_id": None, "withdrawn_because": ""}
            )  # fmt: skip
        self._discussion(rows, pk, field_code, submitted, city_user)
        if status in REVIEWED:
            self._review(rows, pk, submitted)
        if status in AGREED:
            self._agreement(rows, pk, year, length, city_user)
        if status in DONE:
            self._evaluations(rows, pk, year, length, city_user)

    def _discussion(
        self, rows: Batch, pk: int, field_code: str, submitted: datetime.date, city_user: int
    ) -> None:
        rng = self.rng
        for n in range(rng.randint(1, 5)):
            staff_only = rng.random() < 0.15
            rows["discussion"].append(
                {
                    "proposal_id": pk,
                    "author_id": city_user
                    if staff_only
                    else rng.choice([city_user, *self.people.centre[:2]]),
                    "body": discussion_entry(rng, self.wording, field_code, staff_only=staff_only),
                    "staff_only": staff_only,
                    "attachment": "",
                    "attachment_name": "",
                    "created_at": self._at(submitted + datetime.timedelta(days=3 + n * 9)),
                }
            )

    def _review(self, rows: Batch, pk: int, submitted: datetime.date) -> None:
        rng = self.rng
        panel = self.panel_ids.take()
        at = self._at(submitted + datetime.timedelta(days=60))
        rows["panels"].append({"id": panel, "proposal_id": pk, "pass_mark": 18, "created_at": at})
        reviewers = self.people.secretariat[:1] + rng.sample(
            self.people.committee, min(2, len(self.people.committee))
        )
        for reviewer in reviewers:
            member = self.member_ids.take()
            rows["members"].append(
                {"id": member, "panel_id": panel, "reviewer_id": reviewer, "assigned_at": at}
            )
            for criterion in Criterion.values:
                rows["scores"].append(
                    {"member_id": member, "criterion": criterion, "points": rng.randint(2, 5),
                     "comment": "", "scored_at": at}
                )  # fmt: skip

    def _agreement(self, rows: Batch, pk: int, year: int, length: int, city_user: int) -> None:
        wording, rng = self.wording, self.rng
        start = fiscal_year_start(year)
        at = self._at(start - datetime.timedelta(days=10))
        rows["agreements"].append(
            {
                "proposal_id": pk,
                "number": 1,
                "purpose": rng.choice(
                    wording.sections["shared_purpose"] or ["協働により地域の課題を解決する。"]
                ),
                "period_start": start,
                "period_end": fiscal_year_end(year + length - 1),
                "roles": "役割分担は提案書の役割分担表のとおりとする。",
                "responsibilities": rng.choice(
                    wording.agreements or ["事業の実施に伴う責任は両者で協議して定める。"]
                ),
                "reason": "",
                "created_by_id": city_user,
                "created_at": at,
                "group_confirmed_by_id": self.people.centre[0],
                "group_confirmed_at": at,
                "city_confirmed_by_id": city_user,
                "city_confirmed_at": at,
            }
        )

    def _evaluations(self, rows: Batch, pk: int, year: int, length: int, city_user: int) -> None:
        rng, wording = self.rng, self.wording
        at = self._at(fiscal_year_end(year + length - 1) + datetime.timedelta(days=40))
        comments = wording.comments or ["おおむね計画どおりに進みました。"]
        for side, user in (("group", self.people.centre[0]), ("city", city_user)):
            row: dict[str, Any] = {"proposal_id": pk, "stage": "final", "side": side,
                                   "filed_by_id": user, "filed_at": at}  # fmt: skip
            for item in ITEMS:
                row[f"{item}_grade"] = pick(rng, GRADES)
                row[f"{item}_comment"] = rng.choice(comments)
            rows["self_evaluations"].append(row)
        mutual = rng.choice(wording.mutual) if wording.mutual else {}
        rows["mutual_reviews"].append(
            {"proposal_id": pk, "stage": "final",
             "shared": mutual.get("shared", "目的を共有し、役割を分担して進められた。"),
             "differed": mutual.get("differed", "事業の頻度について当初の認識に違いがあった。"),
             "to_improve": mutual.get("to_improve", "情報共有の手順を改善する。"),
             "written_by_id": self.people.centre[0], "written_at": at}
        )  # fmt: skip
        if rng.random() < 0.8:
            rows["committee"].append(
                {"proposal_id": pk, "grade": pick(rng, [("A", 40), ("B", 45), ("C", 15)]),
                 "comment": rng.choice(wording.committee or ["協働の成果が確認できました。"]),
                 "evaluator_id": rng.choice(self.people.committee), "filed_at": at}
            )  # fmt: skip
