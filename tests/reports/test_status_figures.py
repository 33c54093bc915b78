"""The status report's figures without the PDF: which plan it follows, the queries of its
context pinned whatever the size of the data (one of each row, or three), and a fingerprint
that changes with what it prints."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings

from collaboration.models import CommitteeEvaluation
from coordination.models import Topic
from groups.models import ActivityField
from measures.models import Measure, Plan, ProgressReport
from reports.generation import render_html
from reports.kinds import kind_of
from reports.kinds.status_figures import plan_in_force
from tests.coordination.consultation_factories import make_consultation
from tests.factories import UserFactory
from tests.reports.status_world import YEAR, make_world

pytestmark = pytest.mark.django_db


def plan(code: str, edition_year: int | None, measures: int = 1, **fields: Any) -> Plan:
    made = Plan.objects.create(
        code=code,
        title=code,
        municipality=fields.pop("municipality", settings.PORTAL_MUNICIPALITY),
        edition_year=edition_year,
        **fields,
    )
    for n in range(measures):
        Measure.objects.create(plan=made, code=f"{n}", title=f"施策{n}")
    return made


def test_the_report_follows_the_plan_in_force_in_its_year() -> None:
    older = plan("guideline-2020", 2020)
    newer = plan("guideline-2026", 2026)
    plan("guideline-2030-draft", 2030, measures=0)  # no measures yet: never followed
    plan("other-city-2025", 2025, municipality="鎌ヶ谷市")
    ended = plan("implementation-2014", None, start_fiscal_year=2014, end_fiscal_year=2016)
    assert plan_in_force(2026) == newer
    assert plan_in_force(2031) == newer
    assert plan_in_force(2025) == older
    assert plan_in_force(2015) == ended
    assert plan_in_force(2018) is None  # the implementation plan had ended, no guideline yet


@pytest.mark.parametrize("size", [1, 3])
def test_building_the_report_costs_the_same_queries_whatever_the_data(
    size: int, django_assert_num_queries: Any
) -> None:
    make_world(size)
    kind, params = kind_of("status"), {"fiscal_year": YEAR}
    # Without an imported history: two periods of proposals (the year, every year so far).
    with django_assert_num_queries(35):
        # 1 the plans with their measure counts (the plan in force)
        # 2–3 consultations by method, by topic
        # 4–5 needs posted, invitations of the year; 6 invitations by state
        # 7 the year's published surveys; 8–13 their results: respondents, answering,
        #   choices, numbers, questions, options
        # 14 measures by tier; 15 grades; 16 measures by area; 17–18 measures without a
        #   report and their lead departments
        # 19 registrations by fiscal year; 20 groups on the register; 21 renewals;
        #   22 by activity field; 23–24 by organisation type and without one
        # 25 the imported history's period; 26–27 totals of the year and so far;
        #   28–29 by proposer side; 30–31 by programme; 32 by fiscal year
        # 33–35 finished projects with the committee's evaluation, their groups, departments
        kind.build(params)
    with django_assert_num_queries(35):  # the template reads nothing more
        render_html(kind, params)


def test_the_fingerprint_changes_with_what_the_report_prints() -> None:
    world = make_world(1)
    kind, params = kind_of("status"), {"fiscal_year": YEAR}
    draft = ProgressReport.objects.get(measure__plan=world.plan, status="draft")
    evaluation = CommitteeEvaluation.objects.get(proposal=world.projects[0])
    department = world.projects[0].counterpart_departments.get()  # printed as its partner

    def publish() -> None:
        draft.status = ProgressReport.Status.PUBLISHED
        draft.save()

    def consult() -> None:
        make_consultation(UserFactory.create(), topics=(Topic.objects.get(code="funding"),))

    def refile() -> None:  # the committee writes its comment again, in place
        CommitteeEvaluation.objects.filter(pk=evaluation.pk).update(comment="書き直した講評")

    def rename() -> None:
        department.name = "改称した課"
        department.save()

    def rename_field() -> None:
        ActivityField.objects.filter(code="kodomo-kosodate").update(name="子育て支援")

    before = kind.fingerprint(params)
    assert kind.fingerprint(params) == before  # nothing changed
    for change in (publish, consult, refile, rename, rename_field):
        change()
        after = kind.fingerprint(params)
        assert after != before, change.__name__
        before = after
