"""The yearly counts of the consultation log for the status report: by topic and by method,
per fiscal year (April to March), in two queries whatever the number of consultations; and
the page that shows them to those who read the log."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from coordination.models import Method, Topic
from coordination.queries.consultations import yearly_counts
from kamakura_portal.dates import fiscal_year
from tests.conftest import client_for, for_every_role, roles_except

from .consultation_factories import make_consultation, topics  # noqa: F401

pytestmark = pytest.mark.django_db
TOPIC_NAMES = ["設立", "資金・助成金", "人材・担い手", "会計・税務", "組織運営", "協働", "広報・IT"]
ALL_TOPICS = [*TOPIC_NAMES, "活動場所", "その他"]


@pytest.fixture
def year_2026(centre_staff: Any, topics: dict[str, Topic]) -> None:  # noqa: F811
    founding, funding, people = topics["founding"], topics["funding"], topics["people"]
    make_consultation(
        centre_staff, consulted_on=datetime.date(2026, 4, 1), topics=(founding, funding)
    )
    make_consultation(
        centre_staff,
        consulted_on=datetime.date(2027, 3, 31),
        method="phone",
        topics=(funding,),
    )
    make_consultation(
        centre_staff, consulted_on=datetime.date(2026, 9, 9), method="online", topics=(people,)
    )
    # Outside fiscal year 2026 on either side.
    make_consultation(centre_staff, consulted_on=datetime.date(2026, 3, 31), topics=(founding,))
    make_consultation(centre_staff, consulted_on=datetime.date(2027, 4, 1), topics=(founding,))


def test_a_year_is_counted_by_topic_and_by_method_with_zeros(
    year_2026: None, django_assert_num_queries: Any
) -> None:
    # 1 topics with their counts, 1 methods with theirs.
    with django_assert_num_queries(2):
        counts = yearly_counts(2026)
    assert counts.by_topic == list(zip(ALL_TOPICS, [1, 2, 1, 0, 0, 0, 0, 0, 0], strict=True))
    methods = [str(method.label) for method in Method]
    assert counts.by_method == list(zip(methods, [1, 1, 0, 1, 0], strict=True))
    assert counts.total == 3


def test_the_years_either_side_are_counted_apart(year_2026: None) -> None:
    assert yearly_counts(2025).total == 1
    assert yearly_counts(2027).total == 1
    assert yearly_counts(2025).by_topic[0] == ("設立", 1)


@pytest.mark.parametrize("count", [1, 12])
def test_the_counts_take_two_queries_whatever_the_size(
    centre_staff: Any,
    topics: dict[str, Topic],  # noqa: F811
    count: int,
    django_assert_num_queries: Any,
) -> None:
    for index in range(count):
        make_consultation(
            centre_staff,
            consulted_on=datetime.date(2026, 5, 1 + index),
            topics=tuple(topics.values())[: index % 9 + 1],
        )
    with django_assert_num_queries(2):
        counts = yearly_counts(2026)
    assert counts.total == count


def test_a_retired_topic_is_counted_only_in_a_year_it_was_chosen(
    centre_staff: Any,
    topics: dict[str, Topic],  # noqa: F811
) -> None:
    make_consultation(
        centre_staff, consulted_on=datetime.date(2026, 5, 1), topics=(topics["other"],)
    )
    Topic.objects.filter(code="other").update(is_active=False)
    assert ("その他", 1) in yearly_counts(2026).by_topic
    assert "その他" not in [name for name, _n in yearly_counts(2027).by_topic]


@for_every_role(roles_except({"centre_staff", "administrator"}, 200, 403) | {"anonymous": 302})
def test_the_figures_page_is_for_those_who_read_the_log(
    year_2026: None, role_client: Client, expected: int
) -> None:
    response = role_client.get("/coordination/consultations/figures/?year=2026")
    assert response.status_code == expected
    if expected == 200:
        assert response.context["counts"].total == 3
        html = response.content.decode()
        assert "2026年度（令和8年度）" in html and "資金・助成金" in html


@pytest.mark.parametrize("year", ["1900", "abc", ""])
def test_a_year_not_on_record_shows_the_current_one(
    centre_staff: Any, year_2026: None, year: str
) -> None:
    response = client_for(centre_staff).get(f"/coordination/consultations/figures/?year={year}")
    assert response.context["year"] == fiscal_year(timezone.localdate())
