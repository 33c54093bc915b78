"""The consultation log's pages for every role: the centre's staff (and administrators) keep
it; group managers, the public, the secretariat and every department's staff never see it."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from coordination.models import Consultation, Topic
from tests.conftest import ROLES, acts, client_for, for_every_role, roles_except
from tests.html import field_error

from .consultation_factories import (  # noqa: F401
    consultation,
    form_data,
    make_consultation,
    topics,
)

pytestmark = pytest.mark.django_db
KEEPERS = {"centre_staff", "administrator"}
SIGN_IN = 302
PAGE = roles_except(KEEPERS, 200, 403) | {"anonymous": SIGN_IN}
WRITE = roles_except(KEEPERS, 302, 403) | {"anonymous": SIGN_IN}
assert set(PAGE) == set(ROLES)


@for_every_role(PAGE)
def test_the_log_is_for_the_centre_and_administrators_only(
    consultation: Consultation,  # noqa: F811
    role_client: Client,
    expected: int,
) -> None:
    response = role_client.get("/coordination/consultations/")
    assert response.status_code == expected
    if expected == 200:
        assert "清掃道具の購入" in response.content.decode()


@for_every_role(PAGE)
def test_a_consultations_page_is_for_the_centre_and_administrators_only(
    consultation: Consultation,  # noqa: F811
    role_client: Client,
    expected: int,
) -> None:
    response = role_client.get(f"/coordination/consultations/{consultation.pk}/")
    assert response.status_code == expected
    html = response.content.decode()
    assert ("かながわ環境助成" in html) is (expected == 200)


@for_every_role(PAGE)
def test_whether_a_consultation_exists_is_not_told_to_others(
    role_client: Client, expected: int
) -> None:
    response = role_client.get("/coordination/consultations/999999/")
    assert response.status_code == (404 if expected == 200 else expected)


@for_every_role(PAGE)
def test_the_form_to_record_a_consultation_opens_for_the_keepers(
    topics: dict[str, Topic],  # noqa: F811
    role_client: Client,
    expected: int,
) -> None:
    response = role_client.get("/coordination/consultations/new/")
    assert response.status_code == expected
    if expected == 200:
        assert topics["founding"].name in response.content.decode()


@for_every_role(WRITE)
def test_the_keepers_record_a_consultation_and_nobody_else(
    centre_staff: Any,
    topics: dict[str, Topic],  # noqa: F811
    role: str,
    role_client: Client,
    expected: int,
) -> None:
    response = role_client.post("/coordination/consultations/new/", form_data(centre_staff, topics))
    assert response.status_code == expected
    assert Consultation.objects.exists() is acts(role, expected)
    if acts(role, expected):
        made = Consultation.objects.get()
        assert response["Location"] == f"/coordination/consultations/{made.pk}/"
        assert made.person_name == "腰越 花子" and made.group is None
        assert {t.code for t in made.topics.all()} == {"venue", "publicity"}
        assert made.staff == centre_staff


@for_every_role(WRITE)
def test_the_keepers_edit_a_consultation_and_nobody_else(
    consultation: Consultation,  # noqa: F811
    centre_staff: Any,
    topics: dict[str, Topic],  # noqa: F811
    role: str,
    role_client: Client,
    expected: int,
) -> None:
    url = f"/coordination/consultations/{consultation.pk}/edit/"
    assert role_client.get(url).status_code == (200 if acts(role, expected) else expected)
    response = role_client.post(url, form_data(centre_staff, topics, content="変更後の内容"))
    assert response.status_code == expected
    consultation.refresh_from_db()
    assert (consultation.content == "変更後の内容") is acts(role, expected)


@for_every_role(WRITE)
def test_the_keepers_mark_a_follow_up_done_and_nobody_else(
    consultation: Consultation,  # noqa: F811
    role: str,
    role_client: Client,
    expected: int,
) -> None:
    response = role_client.post(f"/coordination/consultations/{consultation.pk}/done/")
    assert response.status_code == expected
    consultation.refresh_from_db()
    assert consultation.follow_up_done is acts(role, expected)


# The secretariat may open the change history, so without two-factor authentication it is
# sent to set it up first; with it, it still cannot read a consultation's rows.
@for_every_role({**PAGE, "secretariat_without_mfa": 302})
def test_a_consultations_history_is_read_only_by_those_who_read_the_log(
    consultation: Consultation,  # noqa: F811
    role_client: Client,
    expected: int,
) -> None:
    url = reverse("object_history", args=["coordination", "consultation", consultation.pk])
    assert role_client.get(url).status_code == expected


def test_the_writer_is_offered_as_the_staff_member(centre_staff: Any, topics: Any) -> None:  # noqa: F811
    form = client_for(centre_staff).get("/coordination/consultations/new/").context["form"]
    assert form["staff"].value() == centre_staff.pk
    assert form["consulted_on"].value() is not None
    # Radios of the methods only: no empty 「---------」 option to pick.
    assert [value for value, _label in form.fields["method"].choices] == [
        "visit",
        "phone",
        "email",
        "online",
        "outreach",
    ]


def test_a_group_asker_drops_the_name_typed_before_choosing_it(
    centre_staff: Any,
    group_a: Any,
    topics: dict[str, Topic],  # noqa: F811
) -> None:
    data = form_data(centre_staff, topics, asker_kind="group", group=group_a.pk)
    client_for(centre_staff).post("/coordination/consultations/new/", data)
    made = Consultation.objects.get()
    assert (made.group, made.department, made.person_name) == (group_a, None, "")
    assert made.asker == group_a.name


def test_the_page_shows_the_facts_and_marks_the_follow_up_done(
    consultation: Consultation,  # noqa: F811
    centre_staff: Any,
) -> None:
    client = client_for(centre_staff)
    html = client.get(f"/coordination/consultations/{consultation.pk}/").content.decode()
    assert "由比ガ浜の会" in html and "資金・助成金" in html and "2099年1月1日" in html
    assert f"/coordination/consultations/{consultation.pk}/done/" in html
    client.post(f"/coordination/consultations/{consultation.pk}/done/")
    html = client.get(f"/coordination/consultations/{consultation.pk}/").content.decode()
    assert f"/coordination/consultations/{consultation.pk}/done/" not in html
    consultation.refresh_from_db()
    assert consultation.follow_up_done_on is not None


def test_the_follow_up_is_reopened_by_unticking_it(
    consultation: Consultation,  # noqa: F811
    centre_staff: Any,
    group_a: Any,
    topics: dict[str, Topic],  # noqa: F811
) -> None:
    consultation.follow_up_done_on = datetime.date(2026, 6, 1)
    consultation.save()
    url = f"/coordination/consultations/{consultation.pk}/edit/"
    data = form_data(centre_staff, topics, asker_kind="group", group=group_a.pk)
    client_for(centre_staff).post(url, {**data, "follow_up_done": "on"})
    consultation.refresh_from_db()
    assert consultation.follow_up_done_on == datetime.date(2026, 6, 1)  # kept, not today
    client_for(centre_staff).post(url, data)
    consultation.refresh_from_db()
    assert consultation.follow_up_done_on is None


def test_only_the_centres_staff_are_offered_as_the_staff_member(
    centre_staff: Any,
    secretariat: Any,
    topics: dict[str, Topic],  # noqa: F811
) -> None:
    response = client_for(centre_staff).post(
        "/coordination/consultations/new/", form_data(secretariat, topics)
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "id_staff")
    assert not Consultation.objects.exists()


def test_an_old_consultation_keeps_its_retired_topic_and_its_draft_group(
    centre_staff: Any,
    topics: dict[str, Topic],  # noqa: F811
) -> None:
    from groups.models import CitizenGroup
    from tests.factories import CitizenGroupFactory

    draft = CitizenGroupFactory.create(name="準備中の会", status=CitizenGroup.Status.DRAFT)
    old = make_consultation(centre_staff, group=draft, topics=(topics["other"],))
    Topic.objects.filter(code="other").update(is_active=False)
    client = client_for(centre_staff)
    new_form = client.get("/coordination/consultations/new/").context["form"]
    assert topics["other"] not in new_form.fields["topics"].queryset
    assert draft not in new_form.fields["group"].queryset
    edit_form = client.get(f"/coordination/consultations/{old.pk}/edit/").context["form"]
    assert topics["other"] in edit_form.fields["topics"].queryset
    assert draft in edit_form.fields["group"].queryset


def test_every_change_is_in_the_history_and_the_feed_shows_it_to_the_centre_only(
    centre_staff: Any,
    secretariat: Any,
    topics: dict[str, Topic],  # noqa: F811
) -> None:
    from auditlog.models import LogEntry

    client_for(centre_staff).post(
        "/coordination/consultations/new/", form_data(centre_staff, topics)
    )
    made = Consultation.objects.get()
    entries = list(LogEntry.objects.get_for_object(made))
    assert {entry.actor for entry in entries} == {centre_staff}
    assert LogEntry.Action.CREATE in {entry.action for entry in entries}
    assert "topics" in {name for entry in entries for name in (entry.changes_dict or {})}
    assert not [entry for entry in entries if "search_body" in (entry.changes_dict or {})]
    assert "腰越 花子" in client_for(centre_staff).get("/staff/history/").content.decode()
    assert "腰越 花子" not in client_for(secretariat).get("/staff/history/").content.decode()
