from typing import Any

import pytest
from django.urls import reverse

from groups.models import StaffNote
from tests.conftest import client_for, for_every_role, roles_except
from tests.html import field_error

pytestmark = pytest.mark.django_db

REGISTRY_STAFF = {"centre_staff", "secretariat", "administrator"}


def url(group: Any) -> str:
    return reverse("groups:add_note", args=[group.pk])


def test_notes_live_under_the_staff_page(group_a: Any) -> None:
    assert url(group_a) == f"/groups/staff/{group_a.pk}/notes/"


@for_every_role({**roles_except(REGISTRY_STAFF, yes=302, no=403), "anonymous": 302})
def test_only_registry_staff_may_write_notes(
    role_client: Any, role: Any, expected: Any, group_a: Any
) -> None:
    response = role_client.post(url(group_a), {"body": "相談の記録"})
    assert response.status_code == expected
    assert StaffNote.objects.filter(group=group_a).exists() is (role in REGISTRY_STAFF)


def test_a_note_is_saved_with_its_author(centre_staff: Any, group_a: Any) -> None:
    response = client_for(centre_staff).post(url(group_a), {"body": "  電話で相談あり  "})
    assert response["Location"] == reverse("groups:staff_detail", args=[group_a.pk]) + "#notes"
    note = StaffNote.objects.get()
    assert (note.group, note.author, note.body) == (group_a, centre_staff, "電話で相談あり")


def test_an_empty_note_is_refused_beside_the_field(centre_staff: Any, group_a: Any) -> None:
    response = client_for(centre_staff).post(url(group_a), {"body": "   "})
    assert response.status_code == 200
    assert field_error(response.content.decode(), "note_body")
    assert not StaffNote.objects.exists()


def test_notes_never_reach_the_public_profile(centre_staff: Any, group_a: Any, client: Any) -> None:
    client_for(centre_staff).post(url(group_a), {"body": "内部メモ：要注意"})
    html = client.get(reverse("groups:profile", args=[group_a.pk])).content.decode()
    assert "内部メモ" not in html


def test_a_missing_group_is_404_for_staff(centre_staff: Any) -> None:
    response = client_for(centre_staff).post("/groups/staff/999999/notes/", {"body": "メモ"})
    assert response.status_code == 404
