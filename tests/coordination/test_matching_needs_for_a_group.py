"""Open needs ranked for one group (issue 14, item 4's engine half): only public open needs,
best first, with the score the workbench gives the same pair, and a query count that does not
grow with the needs."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from coordination.matching import rank_groups, rank_needs

from .matching_factories import TODAY, make_group, make_need, taxonomies  # noqa: F401 (taxonomies: a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("taxonomies")]


@pytest.fixture
def group() -> Any:
    return make_group(
        "浜の会",
        "海岸のごみ拾いと清掃をしています。",
        fields=("shizen-kankyo-anzen-saigai",),
        districts=("kamakura",),
    )


def test_open_public_needs_are_ranked_best_first(group: Any) -> None:
    make_need("海岸のごみ拾い", "海岸のごみが多い。", "清掃してほしい。")
    make_need("ごみの分別", "ごみの分別が進まない。", "啓発に協力を。")
    make_need("非公開の清掃", "海岸のごみ", "清掃", is_public=False)
    make_need("終わった清掃", "海岸のごみ", "清掃", status="closed")
    make_need("締切の過ぎた清掃", "海岸のごみ", "清掃", apply_by=TODAY - datetime.timedelta(1))
    make_need("将棋の大会", "将棋", "指し手")
    ranked = rank_needs(group, today=TODAY)
    assert [match.need.title for match in ranked] == ["海岸のごみ拾い", "ごみの分別"]
    assert ranked[0].explanation and ranked[0].words


def test_a_need_scores_the_group_as_the_workbench_does(group: Any) -> None:
    need = make_need("海岸の清掃", "海岸のごみ", "清掃", fields=("shizen-kankyo-anzen-saigai",))
    [match] = rank_needs(group, today=TODAY)
    [candidate] = rank_groups(need, today=TODAY)
    assert match.score == candidate.score and match.parts == candidate.parts


def test_the_limit_keeps_the_best(group: Any) -> None:
    for number in range(3):
        make_need(f"海岸の清掃{number}", "海岸のごみ" * (number + 1), "清掃")
    assert len(rank_needs(group, limit=2, today=TODAY)) == 2


@pytest.mark.parametrize("count", [1, 6])
def test_the_queries_do_not_grow_with_the_needs(
    group: Any, count: int, django_assert_num_queries: Any
) -> None:
    for number in range(count):
        make_need(
            f"海岸の清掃{number}", "海岸のごみ", "清掃", fields=("kanko",), districts=("ofuna",)
        )
    rank_needs(group, today=TODAY)  # fills the cache of the civic synonyms
    # 1 the open needs; 2 their fields and districts; 3 the group's search tokens; 4 its
    # fields and districts; 5 the proposals it made or partnered, with their partner
    # departments.
    with django_assert_num_queries(5):
        assert len(rank_needs(group, today=TODAY)) == count
