"""Bad input on the consultation form: a clear message beside the field, and nothing saved
(nor half-saved: an edit leaves the consultation and its topics as they were)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, transaction

from coordination.models import Consultation, Topic
from tests.conftest import client_for, ja
from tests.html import field_error
from tests.surveys.conftest import group_error

from .consultation_factories import (  # noqa: F401
    consultation,
    form_data,
    make_consultation,
    topics,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"consulted_on": "2099-01-01"},
            "id_consulted_on",
            "A consultation is recorded once it has happened.",
        ),
        ({"consulted_on": "2026-02-30"}, "id_consulted_on", None),
        ({"consulted_on": ""}, "id_consulted_on", None),
        (
            {"next_action_on": "2026-05-01"},
            "id_next_action_on",
            "The next action cannot come before the consultation.",
        ),
        (
            {"follow_up": "  "},
            "id_follow_up",
            "Say what is to be done by the next-action date.",
        ),
        ({"asker_kind": "group"}, "id_group", "Choose the group that asked."),
        ({"asker_kind": "department"}, "id_department", "Choose the department that asked."),
        ({"person_name": ""}, "id_person_name", "Enter the name of the person who asked."),
        ({"person_name": "名" * 101}, "id_person_name", None),
        ({"asker_kind": "group", "group": "999999"}, "id_group", None),
        ({"content": ""}, "id_content", None),
        ({"staff": ""}, "id_staff", None),
    ],
)
def test_bad_input_gets_a_message_beside_the_field_and_saves_nothing(
    centre_staff: Any,
    topics: dict[str, Topic],  # noqa: F811
    changes: dict[str, Any],
    field: str,
    message: str | None,
) -> None:
    response = client_for(centre_staff).post(
        "/coordination/consultations/new/", form_data(centre_staff, topics, **changes)
    )
    assert response.status_code == 200
    error = field_error(response.content.decode(), field)
    if message:
        assert ja(message) in error
    assert not Consultation.objects.exists()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"topics": []}, "id_topics"),
        ({"topics": ["999999"]}, "id_topics"),
        ({"method": ""}, "id_method"),
        ({"method": "fax"}, "id_method"),
        ({"asker_kind": ""}, "id_asker_kind"),
        ({"asker_kind": "robot"}, "id_asker_kind"),
    ],
)
def test_a_bad_choice_in_a_group_of_options_is_named_on_its_fieldset(
    centre_staff: Any,
    topics: dict[str, Topic],  # noqa: F811
    changes: dict[str, Any],
    field: str,
) -> None:
    response = client_for(centre_staff).post(
        "/coordination/consultations/new/", form_data(centre_staff, topics, **changes)
    )
    assert response.status_code == 200
    assert group_error(response.content.decode(), field)
    assert not Consultation.objects.exists()


def test_a_bad_edit_changes_nothing(
    consultation: Consultation,  # noqa: F811
    centre_staff: Any,
    topics: dict[str, Topic],  # noqa: F811
) -> None:
    data = form_data(centre_staff, topics, content="書き換え", next_action_on="2026-01-01")
    response = client_for(centre_staff).post(
        f"/coordination/consultations/{consultation.pk}/edit/", data
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "id_next_action_on")
    consultation.refresh_from_db()
    assert consultation.content == "清掃道具の購入に使える助成金を知りたいとの相談。"
    assert consultation.group is not None and consultation.person_name == ""
    assert [t.code for t in consultation.topics.all()] == ["funding"]


@pytest.mark.parametrize(
    "askers",
    [
        {"person_name": ""},  # nobody
        {"person_name": "材木座 太郎", "with_group": True},  # a group and a name
        {"person_name": "", "with_group": True, "with_department": True},
    ],
)
def test_the_table_refuses_anything_but_exactly_one_asker(
    centre_staff: Any, group_a: Any, dept_own: Any, askers: dict[str, Any]
) -> None:
    row = Consultation(
        method="visit",
        staff=centre_staff,
        content="相談",
        person_name=askers["person_name"],
        group=group_a if askers.get("with_group") else None,
        department=dept_own if askers.get("with_department") else None,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        row.save()


def test_the_table_takes_each_kind_of_asker(centre_staff: Any, group_a: Any, dept_own: Any) -> None:
    make_consultation(centre_staff)
    make_consultation(centre_staff, group=group_a)
    make_consultation(centre_staff, department=dept_own)
    assert sorted(c.asker for c in Consultation.objects.all()) == sorted(
        ["材木座 太郎", group_a.name, dept_own.name]
    )
