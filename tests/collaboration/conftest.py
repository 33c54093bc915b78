"""Fixtures of the collaboration tests: the programmes, and proposals ready to move.

``group_proposal`` is group_a's 団体提案 to dept_own; ``city_proposal`` is dept_own's 市提案
to group_a. Both are complete (every section filled) under 協定による協働, which has no
eligibility rules, so each test changes only what it is about.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from accounts.models import Role
from collaboration.models import (
    AgreementVersion,
    CommitteeEvaluation,
    Confirmation,
    CostLine,
    Criterion,
    DepartmentNeed,
    Goal,
    Milestone,
    MutualReview,
    PanelMember,
    Program,
    Proposal,
    ReviewPanel,
    RoleItem,
    Score,
    SelfEvaluation,
    Side,
    Stage,
)
from collaboration.reference import load_programs
from tests.factories import UserFactory


@pytest.fixture
def programs(db: None) -> dict[str, Program]:
    load_programs()
    return {program.code: program for program in Program.objects.all()}


def fill_sections(proposal: Proposal, program: Program, *, year: int = 2026) -> Proposal:
    """Every section complete: outline, budget, the four principles with their rows."""
    proposal.program = program
    proposal.first_fiscal_year = year
    proposal.last_fiscal_year = year
    proposal.requested_amount = 80000
    proposal.officer_count = 3
    proposal.group_strengths = "海岸の清掃を20年続けてきた会員と地域のつながり。"
    proposal.city_strengths = "海岸管理者との調整と広報。"
    proposal.why_collaboration = "市民の参加そのものが目的で、委託では参加が生まれないため。"
    proposal.shared_purpose = "由比ガ浜を市民の手できれいに保つ。"
    proposal.evaluation_what = "参加者数と回収したごみの量。"
    proposal.evaluation_when = "9月と3月。"
    proposal.evaluation_how = "記録表を双方で確認する。"
    proposal.save()
    CostLine.objects.create(proposal=proposal, item="軍手とごみ袋", amount=60000, bearer=Side.CITY)
    CostLine.objects.create(proposal=proposal, item="チラシ印刷", amount=20000, bearer=Side.GROUP)
    RoleItem.objects.create(
        proposal=proposal,
        task="清掃の運営",
        responsible=Side.GROUP,
        cost_bearer=Side.GROUP,
        risk_bearer=Side.GROUP,
        risk="雨天中止",
    )
    RoleItem.objects.create(
        proposal=proposal,
        task="広報と関係機関の調整",
        responsible=Side.CITY,
        cost_bearer=Side.CITY,
        risk_bearer=Side.CITY,
    )
    Goal.objects.create(
        proposal=proposal,
        goal="参加者を増やす",
        indicator="参加者数",
        baseline="40人",
        target="100人",
    )
    Milestone.objects.create(proposal=proposal, title="第1回清掃", due_on=datetime.date(year, 6, 1))
    return proposal


@pytest.fixture
def group_proposal(programs: dict[str, Program], group_a: Any, dept_own: Any) -> Proposal:
    proposal = Proposal.objects.create(
        title="由比ガ浜クリーンアップ",
        proposer_side=Proposal.ProposerSide.GROUP,
        proposing_group=group_a,
    )
    proposal.counterpart_departments.add(dept_own)
    return fill_sections(proposal, programs["agreement"])


@pytest.fixture
def city_proposal(programs: dict[str, Program], group_a: Any, dept_own: Any) -> Proposal:
    proposal = Proposal.objects.create(
        title="海岸の見守り",
        proposer_side=Proposal.ProposerSide.CITY,
        proposing_department=dept_own,
    )
    proposal.counterpart_groups.add(group_a)
    return fill_sections(proposal, programs["agreement"])


def confirm_both(proposal: Proposal) -> None:
    """Both sides' confirmations of sections 1–3, as the review needs them."""
    for side in Confirmation.ConfirmingSide.values:
        Confirmation.objects.create(proposal=proposal, side=side)


def put_in(proposal: Proposal, status: str) -> Proposal:
    """Set a status directly (the tests of one move start from its ``from`` status)."""
    Proposal.objects.filter(pk=proposal.pk).update(status=status)
    proposal.refresh_from_db()
    return proposal


def ja(message: str) -> str:
    """A message as the (Japanese by default) pages and services give it."""
    with translation.override("ja"):
        return gettext(message)


GRADES = {
    f"{item}_grade": "A" for item in ("achievement", "roles", "information", "equality", "synergy")
}


def passing_panel(proposal: Proposal, reviewer: Any | None = None) -> None:
    """A panel whose one reviewer gave 5 points on every criterion (30 ≥ the pass mark 18)."""
    panel = ReviewPanel.objects.create(proposal=proposal)
    member = PanelMember.objects.create(
        panel=panel, reviewer=reviewer or UserFactory.create(roles=[Role.COMMITTEE])
    )
    for criterion in Criterion.values:
        Score.objects.create(member=member, criterion=criterion, points=5)


def concluded_agreement(proposal: Proposal) -> AgreementVersion:
    now = timezone.now()
    return AgreementVersion.objects.create(
        proposal=proposal,
        number=1,
        purpose="由比ガ浜を市民の手できれいに保つ。",
        period_start=datetime.date(2026, 4, 1),
        period_end=datetime.date(2027, 3, 31),
        roles="清掃の運営：団体",
        responsibilities="事故の連絡は市へ。",
        group_confirmed_at=now,
        city_confirmed_at=now,
    )


def final_evaluations(proposal: Proposal) -> None:
    for side in ("group", "city"):
        SelfEvaluation.objects.create(proposal=proposal, stage=Stage.FINAL, side=side, **GRADES)
    MutualReview.objects.create(
        proposal=proposal, stage=Stage.FINAL, shared="目的", differed="頻度", to_improve="広報"
    )
    CommitteeEvaluation.objects.create(proposal=proposal, grade="A", comment="よい協働でした。")


def meet_guard(proposal: Proposal, to: str) -> None:
    """What the move to ``to`` needs beyond the table of moves."""
    if to == Proposal.Status.REVIEW:
        confirm_both(proposal)
    elif to == Proposal.Status.ADOPTED:
        passing_panel(proposal)
    elif to == Proposal.Status.AGREED:
        concluded_agreement(proposal)
    elif to == Proposal.Status.REPORTED:
        proposal.report_summary = "4回の清掃に延べ320人が参加した。"
        proposal.save()
    elif to == Proposal.Status.EVALUATED:
        final_evaluations(proposal)


def make_need(department: Any, **fields: Any) -> DepartmentNeed:
    values = {
        "title": "高齢者の見守り活動",
        "background": "一人暮らしの高齢者が増え、見守りの担い手が足りません。",
        "wanted": "定期的な訪問と声かけを一緒に担ってくれる団体を探しています。",
        "starts_on": datetime.date(2026, 4, 1),
        "ends_on": datetime.date(2027, 3, 31),
        "budget_min": 100000,
        "budget_max": 300000,
        **fields,
    }
    return DepartmentNeed.objects.create(department=department, **values)


@pytest.fixture
def need(dept_own: Any) -> DepartmentNeed:
    return make_need(dept_own)


@pytest.fixture
def staff_only_need(dept_own: Any) -> DepartmentNeed:
    return make_need(dept_own, title="庁内の検討中の課題", is_public=False)
