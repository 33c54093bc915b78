"""The data of the status report's tests (進捗状況報告書), made by plain functions so that one
module can build it once for the PDF and again at two sizes for the query pins.

``make_world(size)`` makes, for fiscal year :data:`YEAR`, ``size`` of each repeated row: a
plan whose measures have published, unpublished and no reports; registered groups (each with a
private contact) in two activity fields and one awaiting approval; finished projects with the
committee's evaluation and a private self-evaluation comment; consultations with a
distinctive text; a published survey with answers and a written comment.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings

from accounts.models import Role
from collaboration.models import CommitteeEvaluation, Program, Proposal, SelfEvaluation, Stage
from collaboration.reference import load_programs
from collaboration.services.imports import commit_import, plan_import, read_rows
from coordination.models import Topic
from groups.models import ActivityField, CitizenGroup
from groups.reference import load_taxonomies
from measures.models import Category, Measure, Plan, ProgressReport, Tier
from surveys.answering import Respondent
from surveys.models import Survey
from tests.collaboration.conftest import GRADES, fill_sections
from tests.coordination.consultation_factories import make_consultation
from tests.factories import CitizenGroupFactory, ContactFactory, DepartmentFactory, UserFactory
from tests.measures.conftest import make_report
from tests.surveys.conftest import answer, make_survey

YEAR = 2025
HISTORY = Path(settings.BASE_DIR) / "collaboration" / "data" / "history_2007_2019.csv"
# What no report may print: a group's private contact items, what was consulted about,
# a written survey answer, and a self-evaluation's comment (read by its audience only).
PRIVATE_PHONE = "0467-98-7654"
PRIVATE_MAIL = "daihyo-private@example.jp"
PRIVATE_NAME = "稲村 秘子"
CONSULTATION_TEXT = "代表の借金の返済について内密に相談したい"
WRITTEN_ANSWER = "会長の山ノ内一郎です"
SELF_EVALUATION_COMMENT = "内部の連絡が滞った"
COMMITTEE_COMMENT = "地域に根づいた協働でした。"
FIELDS = (
    "machizukuri-kurashi",
    "kodomo-kosodate",
)  # the centre's まちづくり・暮らし, 子ども・子育て


@dataclass
class World:
    plan: Plan
    groups: list[CitizenGroup] = field(default_factory=list)
    field_counts: dict[str, int] = field(default_factory=dict)  # activity field name → groups
    unreported: list[Measure] = field(default_factory=list)
    grades: dict[str, int] = field(default_factory=dict)  # grade → published reports
    projects: list[Proposal] = field(default_factory=list)


def import_history() -> int:
    """The guideline's 2007–2019 proposals, as the demo loads them (programmes first)."""
    load_programs()
    plan = plan_import(read_rows(HISTORY.read_bytes(), HISTORY.name))
    assert plan.errors == [], plan.errors[:3]
    return commit_import(plan, None)


def make_world(size: int) -> World:
    load_taxonomies()
    load_programs()
    world = World(plan=_plan(size))
    _measures(world, size)
    department = DepartmentFactory.create()
    staff = UserFactory.create(roles=[Role.CENTRE_STAFF])
    _register(world, size)
    _projects(world, size, department)
    topic, _made = Topic.objects.get_or_create(code="funding", defaults={"name": "資金・助成金"})
    for n in range(size):
        make_consultation(
            staff,
            topics=(topic,),
            group=world.groups[n],
            consulted_on=datetime.date(YEAR, 6, 1 + n),
            content=CONSULTATION_TEXT,
        )
    _survey(world, size, staff)
    return world


def _plan(size: int) -> Plan:
    plan = Plan.objects.create(
        code=f"status-test-{size}",
        title="市民活動推進テスト指針",
        municipality=settings.PORTAL_MUNICIPALITY,
        edition="令和2年度策定",
        edition_year=2020,
    )
    Tier.objects.create(plan=plan, code="I", label="Ⅰ", sort_order=1)
    Tier.objects.create(plan=plan, code="II", label="Ⅱ", sort_order=2)
    area = Category.objects.create(plan=plan, code="1", label="(1)", title="場の提供", sort_order=1)
    Category.objects.create(
        plan=plan, parent=area, code="1-a", label="ア", title="拠点の確保", sort_order=1
    )
    Category.objects.create(plan=plan, code="2", label="(2)", title="資金の支援", sort_order=2)
    return plan


def _measures(world: World, size: int) -> None:
    """Per ``size``: 1-a-n published (grade S for the first, A after), 2-n published with
    grade B, 3-n with a draft report only and 4-n with no report at all (listed)."""
    plan = world.plan
    tiers = list(plan.tiers.order_by("sort_order"))
    sub = plan.categories.get(code="1-a")
    second = plan.categories.get(code="2")
    order = 0
    for n in range(1, size + 1):
        for prefix, category in (("1-a", sub), ("2", second), ("3", second), ("4", second)):
            order += 1
            Measure.objects.create(
                plan=plan,
                code=f"{prefix}-{n}",
                title=f"施策{prefix}-{n}",
                category=category,
                tier=tiers[order % 2],
                sort_order=order,
            )
        published = ProgressReport.Status.PUBLISHED
        first = "S" if n == 1 else "A"
        make_report(plan, f"1-a-{n}", published, YEAR, grade=first)
        make_report(plan, f"2-{n}", published, YEAR, grade="B")
        make_report(plan, f"3-{n}", ProgressReport.Status.DRAFT, YEAR, grade="C")
        world.grades[first] = world.grades.get(first, 0) + 1
        world.grades["B"] = world.grades.get("B", 0) + 1
        world.unreported.append(plan.measures.get(code=f"4-{n}"))


def _register(world: World, size: int) -> None:
    """``size + 2`` registered groups, the first ``size + 1`` in まちづくり・暮らし and every
    second one in 子ども・子育て; one more awaiting approval (not on the register)."""
    fields = [ActivityField.objects.get(code=code) for code in FIELDS]
    for n in range(size + 2):
        group = CitizenGroupFactory.create(registered_on=datetime.date(YEAR, 5, 1))
        ContactFactory.create(
            group=group, name=PRIVATE_NAME, phone=PRIVATE_PHONE, email=f"{n}-{PRIVATE_MAIL}"
        )
        chosen = ([fields[0]] if n <= size else []) + ([fields[1]] if n % 2 == 0 else [])
        group.activity_fields.set(chosen)
        for activity in chosen:
            world.field_counts[activity.name] = world.field_counts.get(activity.name, 0) + 1
        world.groups.append(group)
    CitizenGroupFactory.create(status=CitizenGroup.Status.SUBMITTED)


def _projects(world: World, size: int, department: Any) -> None:
    """``size`` group proposals of the year, implemented and evaluated by the committee."""
    for n in range(size):
        project = Proposal.objects.create(
            title=f"由比ガ浜協働事業{n + 1}",
            proposer_side=Proposal.ProposerSide.GROUP,
            proposing_group=world.groups[n],
        )
        project.counterpart_departments.add(department)
        fill_sections(project, Program.objects.get(code="agreement"), year=YEAR)
        Proposal.objects.filter(pk=project.pk).update(
            status=Proposal.Status.EVALUATED, implemented=True
        )
        for side in ("group", "city"):
            SelfEvaluation.objects.create(
                proposal=project,
                stage=Stage.FINAL,
                side=side,
                achievement_comment=SELF_EVALUATION_COMMENT,
                **GRADES,
            )
        CommitteeEvaluation.objects.create(proposal=project, grade="A", comment=COMMITTEE_COMMENT)
        world.projects.append(project)


def _survey(world: World, size: int, staff: Any) -> None:
    """A published survey of the year: each group ticks 担い手不足, every second one also
    資金; the first writes a comment."""
    survey = make_survey(status=Survey.Status.OPEN, title="活動状況アンケート", fiscal_year=YEAR)
    for n, group in enumerate(world.groups[: size + 1]):
        challenges = ["活動の担い手不足"] + (["活動資金・資器材の調達"] if n % 2 else [])
        answer(
            survey,
            Respondent(group=group, user=staff),
            staff,
            challenges=challenges,
            willingness="積極的に取り組みたい",
            satisfaction=4,
            comments=WRITTEN_ANSWER if n == 0 else "",
        )
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.PUBLISHED)
