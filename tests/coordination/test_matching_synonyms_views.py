"""The civic synonyms page for every role: the centre's staff (and administrators) list, add,
edit and delete the sets the matching reads; nobody else sees them. Every change is in the
audit trail, and the matching reads it at once (issue 14, item 2)."""

from __future__ import annotations

from typing import Any

import pytest
from auditlog.models import LogEntry
from django.test import Client
from django.urls import reverse

from kamakura_portal.models import CivicSynonym
from kamakura_portal.synonyms import CivicVocabulary
from tests.conftest import ROLES, acts, client_for, for_every_role, roles_except
from tests.html import field_error

pytestmark = pytest.mark.django_db
KEEPERS = {"centre_staff", "administrator"}
SIGN_IN = 302
PAGE = roles_except(KEEPERS, 200, 403) | {"anonymous": SIGN_IN}
WRITE = roles_except(KEEPERS, 302, 403) | {"anonymous": SIGN_IN}
assert set(PAGE) == set(ROLES)


@pytest.fixture
def synonym(db: None) -> CivicSynonym:
    return CivicSynonym.objects.create(words="里親\nフォスターファミリー", note="児童福祉")


@for_every_role(PAGE)
def test_the_list_is_for_the_centre_and_administrators_only(
    synonym: CivicSynonym, role_client: Client, expected: int
) -> None:
    response = role_client.get("/coordination/synonyms/")
    assert response.status_code == expected
    assert ("フォスターファミリー" in response.content.decode()) is (expected == 200)


def test_the_list_shows_the_seeded_sets(centre_staff: Any) -> None:
    html = client_for(centre_staff).get("/coordination/synonyms/").content.decode()
    assert "空き家 / 空家" in html and "食品ロス / フードロス" in html


@for_every_role(PAGE)
def test_the_forms_open_for_the_keepers_only(
    synonym: CivicSynonym, role_client: Client, expected: int
) -> None:
    assert role_client.get("/coordination/synonyms/new/").status_code == expected
    assert role_client.get(f"/coordination/synonyms/{synonym.pk}/").status_code == expected
    delete = f"/coordination/synonyms/{synonym.pk}/delete/"
    assert role_client.get(delete).status_code == expected


@for_every_role(PAGE)
def test_whether_a_set_exists_is_not_told_to_others(role_client: Client, expected: int) -> None:
    response = role_client.get("/coordination/synonyms/999999/")
    assert response.status_code == (404 if expected == 200 else expected)


@for_every_role(WRITE)
def test_the_keepers_add_a_set_and_nobody_else(
    role: str, role_user: Any, role_client: Client, expected: int
) -> None:
    before = CivicSynonym.objects.count()
    response = role_client.post(
        "/coordination/synonyms/new/", {"words": "里親、フォスターファミリー", "note": ""}
    )
    assert response.status_code == expected
    assert (CivicSynonym.objects.count() == before + 1) is acts(role, expected)
    if acts(role, expected):
        assert response["Location"] == "/coordination/synonyms/"
        made = CivicSynonym.objects.latest("pk")
        assert made.word_list() == ["里親", "フォスターファミリー"]
        assert made.updated_by == role_user


@for_every_role(WRITE)
def test_the_keepers_edit_a_set_and_nobody_else(
    synonym: CivicSynonym, role: str, role_client: Client, expected: int
) -> None:
    response = role_client.post(
        f"/coordination/synonyms/{synonym.pk}/", {"words": "里親\n養育家庭", "note": "改称"}
    )
    assert response.status_code == expected
    synonym.refresh_from_db()
    assert (synonym.word_list() == ["里親", "養育家庭"]) is acts(role, expected)


@for_every_role(WRITE)
def test_the_keepers_delete_a_set_and_nobody_else(
    synonym: CivicSynonym, role: str, role_client: Client, expected: int
) -> None:
    response = role_client.post(f"/coordination/synonyms/{synonym.pk}/delete/")
    assert response.status_code == expected
    assert CivicSynonym.objects.filter(pk=synonym.pk).exists() is not acts(role, expected)


def test_a_set_needs_two_words_and_says_so_beside_the_field(centre_staff: Any) -> None:
    response = client_for(centre_staff).post(
        "/coordination/synonyms/new/", {"words": "里親", "note": ""}
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "id_words")
    assert not CivicSynonym.objects.filter(words__contains="里親").exists()


def test_repeated_and_blank_words_are_dropped(centre_staff: Any) -> None:
    client_for(centre_staff).post(
        "/coordination/synonyms/new/", {"words": "里親\n\n 里親 \n養育家庭、", "note": ""}
    )
    assert CivicSynonym.objects.latest("pk").words == "里親\n養育家庭"


def test_every_change_is_in_the_audit_trail_with_who_made_it(centre_staff: Any) -> None:
    client = client_for(centre_staff)
    client.post("/coordination/synonyms/new/", {"words": "里親\n養育家庭", "note": ""})
    made = CivicSynonym.objects.latest("pk")
    client.post(f"/coordination/synonyms/{made.pk}/", {"words": "里親\n養育里親", "note": ""})
    client.post(f"/coordination/synonyms/{made.pk}/delete/")
    entries = LogEntry.objects.get_for_object(made).order_by("timestamp")
    assert [entry.action for entry in entries] == [
        LogEntry.Action.CREATE,
        LogEntry.Action.UPDATE,
        LogEntry.Action.DELETE,
    ]
    assert {entry.actor for entry in entries} == {centre_staff}


# The secretariat may open the change history; without two-factor authentication it is sent to
# set it up first, and with it, it still cannot read the synonyms' rows.
@for_every_role({**PAGE, "secretariat": 403, "secretariat_without_mfa": 302})
def test_a_sets_history_is_read_by_those_who_keep_the_sets(
    synonym: CivicSynonym, role_client: Client, expected: int
) -> None:
    url = reverse("object_history", args=["kamakura_portal", "civicsynonym", synonym.pk])
    assert role_client.get(url).status_code == expected


def test_the_matching_reads_a_new_set_at_once(centre_staff: Any) -> None:
    client_for(centre_staff).post(
        "/coordination/synonyms/new/", {"words": "里親\n養育家庭", "note": ""}
    )
    vocabulary = CivicVocabulary.load()
    assert [alt.word for alt in vocabulary.others(["里親"])] == ["養育家庭"]
