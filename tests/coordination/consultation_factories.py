"""Consultations for the consultation-log tests: the topics, rows made as the service leaves
them (with their search document) and the form's data. Fixtures are imported by the test
modules."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from coordination.models import Consultation, Topic
from coordination.reference import load_topics
from coordination.search import refresh_consultation_search


@pytest.fixture
def topics(db: None) -> dict[str, Topic]:
    """The centre's topics by code (a flushed database has lost the migration's rows)."""
    load_topics()
    return {topic.code: topic for topic in Topic.objects.all()}


def make_consultation(
    staff: Any, *, topics: tuple[Topic, ...] = (), **changes: Any
) -> Consultation:
    """A consultation by ``staff``: a person's visit about nothing in particular, unless
    ``changes`` say otherwise."""
    fields: dict[str, Any] = {
        "consulted_on": datetime.date(2026, 5, 12),
        "method": "visit",
        "staff": staff,
        "person_name": "材木座 太郎",
        "content": "子ども食堂を始めたいとの相談。",
        "created_by": staff,
    }
    fields.update(changes)
    if fields.get("group") or fields.get("department"):
        fields["person_name"] = changes.get("person_name", "")
    consultation = Consultation.objects.create(**fields)
    consultation.topics.set(topics)
    refresh_consultation_search([consultation.pk])
    return consultation


@pytest.fixture
def consultation(centre_staff: Any, group_a: Any, topics: dict[str, Topic]) -> Consultation:
    """group_a's consultation about funding, with a follow-up not yet due."""
    return make_consultation(
        centre_staff,
        group=group_a,
        topics=(topics["funding"],),
        content="清掃道具の購入に使える助成金を知りたいとの相談。",
        referral="かながわ環境助成",
        follow_up="申請書の下書きを確認する。",
        next_action_on=datetime.date(2099, 1, 1),
    )


def form_data(staff: Any, topics: dict[str, Topic], /, **changes: Any) -> dict[str, Any]:
    data = {
        "consulted_on": "2026-05-12",
        "method": "phone",
        "staff": staff.pk,
        "asker_kind": "person",
        "group": "",
        "department": "",
        "person_name": "腰越 花子",
        "topics": [topics["venue"].pk, topics["publicity"].pk],
        "content": "定例会に使える会議室を探しているとの相談。",
        "referral": "",
        "follow_up": "集会所の予約方法を送る。",
        "next_action_on": "2026-05-20",
    }
    data.update(changes)
    return data
