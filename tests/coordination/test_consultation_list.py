"""The consultation log's list: newest first, searched in Japanese, narrowed by topic, method,
fiscal year and follow-ups due, opened with the follow-ups due, in a fixed number of queries."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from coordination.models import Consultation, Topic
from tests.conftest import client_for, ja

from .consultation_factories import make_consultation, topics  # noqa: F401

pytestmark = pytest.mark.django_db
LOG = "/coordination/consultations/"


@pytest.fixture
def client(centre_staff: Any) -> Client:
    return client_for(centre_staff)


def listed(client: Client, query: str = "") -> list[str]:
    """The contents of the consultations on the list's first page, in their order."""
    response = client.get(f"{LOG}?{query}" if query else LOG)
    assert response.status_code == 200
    return [consultation.content for consultation in response.context["consultations"]]


def test_the_log_is_newest_first(centre_staff: Any, client: Client) -> None:
    make_consultation(centre_staff, consulted_on=datetime.date(2026, 4, 1), content="四月")
    make_consultation(centre_staff, consulted_on=datetime.date(2026, 6, 1), content="六月")
    make_consultation(centre_staff, consulted_on=datetime.date(2026, 5, 1), content="五月")
    assert listed(client) == ["六月", "五月", "四月"]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("助成金", ["助成金の相談"]),
        ("じょせいきん", ["助成金の相談"]),  # its reading
        ("かながわ", ["紹介先のある相談"]),  # the referral
        ("由比ガ浜", ["団体からの相談"]),  # the group's name
        ("ユイガハマ", ["団体からの相談"]),
        ("自分の課", ["課からの相談"]),  # the department's name
        ("稲村", ["個人の相談"]),  # the person's name
        ("会計", ["分野だけの相談"]),  # a topic's name
        ("ふかさわ", []),
    ],
)
def test_a_japanese_keyword_finds_the_consultations_holding_it(
    centre_staff: Any,
    group_a: Any,
    dept_own: Any,
    topics: dict[str, Topic],  # noqa: F811
    client: Client,
    query: str,
    found: list[str],
) -> None:
    make_consultation(centre_staff, content="助成金の相談", person_name="相談者 一")
    make_consultation(centre_staff, content="紹介先のある相談", referral="かながわ県民センター")
    make_consultation(centre_staff, content="団体からの相談", group=group_a)
    make_consultation(centre_staff, content="課からの相談", department=dept_own)
    make_consultation(centre_staff, content="個人の相談", person_name="稲村 三郎")
    make_consultation(centre_staff, content="分野だけの相談", topics=(topics["accounting"],))
    assert listed(client, f"q={query}") == found


def test_a_keyword_of_symbols_only_is_said_not_to_narrow_the_list(
    centre_staff: Any, client: Client
) -> None:
    make_consultation(centre_staff)
    response = client.get(f"{LOG}?q=★")
    assert len(response.context["consultations"]) == 1
    warning = ja(
        "The keyword holds no word to search for: symbols and emoji alone are not searched. "
        "The list shows every consultation that meets the other conditions."
    )
    assert warning in response.content.decode()


def test_the_log_is_narrowed_by_topic_method_and_fiscal_year(
    centre_staff: Any,
    topics: dict[str, Topic],  # noqa: F811
    client: Client,
) -> None:
    make_consultation(
        centre_staff,
        content="設立・来所・2025年度末",
        consulted_on=datetime.date(2026, 3, 31),
        topics=(topics["founding"],),
    )
    make_consultation(
        centre_staff,
        content="会計・電話・2026年度初日",
        consulted_on=datetime.date(2026, 4, 1),
        method="phone",
        topics=(topics["accounting"], topics["founding"]),
    )
    founding, accounting = topics["founding"].pk, topics["accounting"].pk
    assert listed(client, f"topic={accounting}") == ["会計・電話・2026年度初日"]
    assert len(listed(client, f"topic={founding}&topic={accounting}")) == 2
    assert listed(client, "method=visit") == ["設立・来所・2025年度末"]
    assert listed(client, "fiscal_year=2025") == ["設立・来所・2025年度末"]
    assert listed(client, "fiscal_year=2026") == ["会計・電話・2026年度初日"]
    assert listed(client, f"fiscal_year=2026&topic={founding}&method=visit") == []


def test_the_fiscal_years_offered_run_from_now_back_to_the_first_consultation(
    centre_staff: Any, client: Client
) -> None:
    make_consultation(centre_staff, consulted_on=datetime.date(2024, 3, 1))
    form = client.get(LOG).context["filter"].form
    years = [value for value, _label in form.fields["fiscal_year"].choices if value]
    current = timezone.localdate()
    first = current.year if current.month >= 4 else current.year - 1
    assert years == [str(year) for year in range(first, 2022, -1)]


def test_the_plain_log_opens_with_the_follow_ups_due_and_the_filter_lists_them(
    centre_staff: Any, client: Client
) -> None:
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    past = today - 30 * day
    make_consultation(centre_staff, content="今日が期限", next_action_on=today, follow_up="連絡")
    make_consultation(centre_staff, content="期限切れ", next_action_on=past, follow_up="連絡")
    make_consultation(centre_staff, content="まだ先", next_action_on=today + day, follow_up="連絡")
    make_consultation(
        centre_staff,
        content="対応済み",
        next_action_on=past,
        follow_up="連絡",
        follow_up_done_on=past,
    )
    make_consultation(centre_staff, content="フォローなし")
    response = client.get(LOG)
    assert [c.content for c in response.context["due"]] == ["期限切れ", "今日が期限"]
    assert ja("Follow-ups due") in response.content.decode()
    assert sorted(listed(client, "due=on")) == sorted(["期限切れ", "今日が期限"])
    # Filtering the list leaves the section out: the list itself is the answer.
    assert client.get(f"{LOG}?due=on").context["due"] is None


def test_a_long_list_of_follow_ups_due_links_to_all_of_them(
    centre_staff: Any, client: Client
) -> None:
    today = timezone.localdate()
    for index in range(11):
        make_consultation(centre_staff, content=f"期限{index}", next_action_on=today, follow_up="x")
    response = client.get(LOG)
    assert len(response.context["due"]) == 10
    assert 'href="?due=on"' in response.content.decode()


def test_the_log_is_paged_by_twenty(centre_staff: Any, client: Client) -> None:
    for index in range(21):
        make_consultation(centre_staff, content=f"相談{index}")
    assert len(listed(client)) == 20
    assert len(listed(client, "page=2")) == 1


@pytest.mark.parametrize("count", [1, 15])
def test_the_plain_log_runs_a_fixed_number_of_queries(
    centre_staff: Any,
    group_a: Any,
    dept_own: Any,
    topics: dict[str, Topic],  # noqa: F811
    count: int,
    django_assert_num_queries: Any,
) -> None:
    today = timezone.localdate()
    for index in range(count):
        make_consultation(
            centre_staff,
            content=f"相談{index}",
            group=group_a if index % 3 == 0 else None,
            department=dept_own if index % 3 == 1 else None,
            topics=(topics["funding"], topics["people"]),
            next_action_on=today,
            follow_up="連絡する",
        )
    client = client_for(centre_staff)
    # 1 session, 1 user with its roles and managed groups (accounts.backends; permission
    # and menus), 1 first consultation's date (fiscal years offered), 1 count, 1 page of
    # consultations (group, department and staff joined), 1 their topics, 1 follow-ups due
    # (joined likewise), 1 topics offered by the filter.
    with django_assert_num_queries(8):
        assert client.get(LOG).status_code == 200


@pytest.mark.parametrize("count", [1, 15])
def test_a_search_runs_a_fixed_number_of_queries(
    centre_staff: Any,
    topics: dict[str, Topic],  # noqa: F811
    count: int,
    django_assert_num_queries: Any,
) -> None:
    for index in range(count):
        make_consultation(
            centre_staff,
            content=f"助成金の相談{index}",
            topics=(topics["funding"],),
            next_action_on=timezone.localdate(),
            follow_up="連絡する",
        )
    client = client_for(centre_staff)
    # As the plain log, without the follow-ups due (a filtered list shows none).
    with django_assert_num_queries(7):
        response = client.get(f"{LOG}?q=助成金&fiscal_year=2026&due=on&method=visit")
    assert len(response.context["consultations"]) == count


def test_a_row_reads_as_the_centre_writes_it(
    centre_staff: Any,
    group_a: Any,
    topics: dict[str, Topic],  # noqa: F811
    client: Client,
) -> None:
    consultation: Consultation = make_consultation(
        centre_staff,
        group=group_a,
        method="online",
        topics=(topics["funding"], topics["people"]),
        consulted_on=datetime.date(2026, 5, 12),
    )
    html = client.get(LOG).content.decode()
    assert f'href="/coordination/consultations/{consultation.pk}/"' in html
    assert "2026年5月12日" in html and group_a.name in html
    assert "資金・助成金、人材・担い手" in html
    assert str(consultation.get_method_display()) in html
