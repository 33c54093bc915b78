"""The figures reproduce the guideline from a history file built to its numbers.

collaboration/data/history_2007_2019.csv holds 75 相互提案協働事業 proposals of
2007–2019, 35 implemented: 23 city-proposed (17 implemented, 73.9 %) and 52 group-proposed
(18 implemented, 34.6 %), five or six a year (the guideline: 「ほぼ横ばい」).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from collaboration import queries
from collaboration.models import Program, Proposal
from collaboration.services.imports import commit_import, plan_import, read_rows

pytestmark = pytest.mark.django_db
HISTORY = Path(__file__).parents[2] / "collaboration" / "data" / "history_2007_2019.csv"


@pytest.fixture
def history(programs: dict[str, Program]) -> None:
    plan = plan_import(read_rows(HISTORY.read_bytes(), HISTORY.name))
    assert plan.errors == []
    assert commit_import(plan, None) == 75


def test_the_totals_are_the_guidelines(history: None) -> None:
    totals = queries.proposal_totals(2007, 2019)
    assert (totals.proposals, totals.implemented, totals.rate) == (75, 35, Decimal("46.7"))


def test_city_proposals_were_implemented_far_more_often(history: None) -> None:
    city, groups = queries.proposal_figures(queries.BY_SIDE, 2007, 2019)
    assert (city.proposals, city.implemented, city.rate) == (23, 17, Decimal("73.9"))
    assert (groups.proposals, groups.implemented, groups.rate) == (52, 18, Decimal("34.6"))


def test_every_year_has_its_figure(history: None) -> None:
    figures = queries.proposal_figures(queries.BY_FISCAL_YEAR)
    assert [f.label for f in figures][:2] == ["2007年度（平成19年度）", "2008年度（平成20年度）"]
    assert figures[-1].label == "2019年度（令和元年度）"
    assert [f.proposals for f in figures] == [6] * 10 + [5] * 3
    assert sum(f.implemented for f in figures) == 35


def test_any_period_can_be_asked(history: None) -> None:
    early = queries.proposal_totals(2007, 2012)
    assert (early.proposals, early.implemented) == (36, 18)
    city, groups = queries.proposal_figures(queries.BY_SIDE, 2007, 2012)
    assert (city.proposals, city.implemented) == (12, 9)
    assert (groups.proposals, groups.implemented) == (24, 9)
    assert queries.proposal_totals(2020, 2025).rate is None


def test_figures_by_programme_name_the_course(
    history: None, group_proposal: Proposal, programs: dict[str, Program], group_manager: Any
) -> None:
    group_proposal.program = programs["yell-community"]
    group_proposal.status = Proposal.Status.SUBMITTED
    group_proposal.save()
    figures = {f.label: (f.proposals, f.implemented) for f in queries.proposal_figures("program")}
    assert figures == {
        "つながる鎌倉エール事業 地域活性化コース": (1, 0),
        "相互提案協働事業": (75, 35),
    }


def test_drafts_do_not_count(history: None, group_proposal: Proposal) -> None:
    assert group_proposal.status == Proposal.Status.DRAFT
    assert queries.proposal_totals().proposals == 75


def test_each_figure_is_one_query(history: None, django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(1):  # the grouped count
        queries.proposal_figures(queries.BY_FISCAL_YEAR, 2007, 2019)
    with django_assert_num_queries(1):  # the grouped count, programme names joined
        queries.proposal_figures(queries.BY_PROGRAM)
    with django_assert_num_queries(1):  # the aggregate
        queries.proposal_totals()


def test_the_chart_says_the_rate_and_the_counts(history: None) -> None:
    chart = queries.implementation_chart(
        "実施率", queries.proposal_figures(queries.BY_SIDE, 2007, 2019)
    )
    rows = chart.rows()
    assert [row.label for row in rows] == [
        str(Proposal.ProposerSide.CITY.label),
        str(Proposal.ProposerSide.GROUP.label),
    ]
    assert [row.lines[0][0].text for row in rows] == ["73.9%（17/23）", "34.6%（18/52）"]
    assert rows[0].lines[0][0].width == pytest.approx(73.9)
