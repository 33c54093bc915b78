"""coordination/search.py: a consultation is found by a Japanese word of its content, its
referral, its asker's name or its topics, with the groups' folding; every write through the
service keeps its search document current."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from coordination.models import Consultation, Topic
from coordination.search import search_consultations
from coordination.services.consultations import (
    ConsultationError,
    complete_follow_up,
    save_consultation,
)

from .consultation_factories import topics  # noqa: F401

pytestmark = pytest.mark.django_db


def fields(staff: Any, **changes: Any) -> dict[str, Any]:
    return {
        "consulted_on": datetime.date(2026, 6, 1),
        "method": "visit",
        "staff": staff,
        "group": None,
        "department": None,
        "person_name": "山ノ内 一郎",
        "content": "ＮＰＯ法人の設立と、子育て支援の助成金について相談。",
        "referral": "かまくら市民活動基金",
        "follow_up": "",
        "next_action_on": None,
        "follow_up_done_on": None,
        **changes,
    }


def found(query: str) -> list[int]:
    return [c.pk for c in search_consultations(Consultation.objects.all(), query)]


@pytest.fixture
def recorded(centre_staff: Any, topics: dict[str, Topic]) -> Consultation:  # noqa: F811
    return save_consultation(None, centre_staff, fields(centre_staff), [topics["accounting"]])


@pytest.mark.parametrize(
    "query",
    ["助成金", "じょせいきん", "NPO", "ＮＰＯ", "子育て", "こそだて", "基金", "山ノ内", "会計"],
)
def test_a_recorded_consultation_is_found_by_a_japanese_word(
    recorded: Consultation, query: str
) -> None:
    assert found(query) == [recorded.pk]


def test_an_edit_re_indexes_the_consultation(
    recorded: Consultation,
    centre_staff: Any,
    group_a: Any,
    topics: dict[str, Topic],  # noqa: F811
) -> None:
    changes = fields(centre_staff, group=group_a, person_name="", content="花壇の手入れ")
    save_consultation(recorded, centre_staff, changes, [topics["venue"]])
    assert found("助成金") == [] and found("山ノ内") == []
    assert found("かだん") == [recorded.pk]
    assert found("由比ガ浜") == [recorded.pk]
    assert found("活動場所") == [recorded.pk]


def test_the_asker_ranks_above_the_content(
    recorded: Consultation,
    centre_staff: Any,
    topics: dict[str, Topic],  # noqa: F811
) -> None:
    other = save_consultation(
        None,
        centre_staff,
        fields(centre_staff, person_name="助成 太郎", content="会場の相談"),
        [topics["venue"]],
    )
    assert found("助成") == [other.pk, recorded.pk]


@pytest.mark.parametrize(
    "role", ["secretariat", "city_staff", "group_manager", "committee_member", "citizen"]
)
def test_only_the_keepers_write_through_the_service(
    request: pytest.FixtureRequest,
    recorded: Consultation,
    topics: dict[str, Topic],  # noqa: F811
    role: str,
) -> None:
    user = request.getfixturevalue(role)
    with pytest.raises(ConsultationError):
        save_consultation(None, user, fields(user), [topics["other"]])
    with pytest.raises(ConsultationError):
        save_consultation(recorded, user, fields(user), [topics["other"]])
    with pytest.raises(ConsultationError):
        complete_follow_up(recorded, user)
    assert Consultation.objects.count() == 1


def test_marking_a_follow_up_done_twice_keeps_the_first_day(
    recorded: Consultation, centre_staff: Any
) -> None:
    assert complete_follow_up(recorded, centre_staff, datetime.date(2026, 6, 2)) is True
    assert complete_follow_up(recorded, centre_staff, datetime.date(2026, 6, 9)) is False
    recorded.refresh_from_db()
    assert recorded.follow_up_done_on == datetime.date(2026, 6, 2)
