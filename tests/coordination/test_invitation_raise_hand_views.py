"""The raised hand on a need's page, for every role: a group manager sees the button on a
public open need and raises a hand for their own group; nobody else can."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from collaboration.models import DepartmentNeed
from coordination.models import Invitation
from tests.conftest import acts, client_for, for_every_role, ja, roles_except

from .invitation_factories import (
    a_need,  # noqa: F401  (fixtures)
    make_invitation,
)

pytestmark = pytest.mark.django_db
Status = Invitation.Status
SIGN_IN = 302
MANAGERS = {"group_manager", "other_group_manager"}
FOLLOWERS = {"centre_staff", "city_staff", "secretariat"}
BUTTON = 'action="/coordination/needs/{pk}/raise-hand/"'


@for_every_role(roles_except(MANAGERS, True, False))
def test_the_need_page_offers_the_raised_hand_to_group_managers(
    need: DepartmentNeed, role_client: Client, expected: bool
) -> None:
    html = role_client.get(f"/collaboration/needs/{need.pk}/").content.decode()
    assert (BUTTON.format(pk=need.pk) in html) == expected


@for_every_role(roles_except(FOLLOWERS, True, False))
def test_the_need_page_leads_the_centre_and_the_department_to_the_workbench(
    need: DepartmentNeed, role_client: Client, expected: bool
) -> None:
    html = role_client.get(f"/collaboration/needs/{need.pk}/").content.decode()
    assert (f'href="/coordination/needs/{need.pk}/"' in html) == expected


@for_every_role({**roles_except(MANAGERS, 302, 403), "anonymous": SIGN_IN})
def test_a_manager_raises_a_hand_for_their_own_group_only(
    need: DepartmentNeed, group_a: Any, role: str, role_client: Client, expected: int
) -> None:
    response = role_client.post(
        f"/coordination/needs/{need.pk}/raise-hand/", {"group": group_a.pk, "note": "ぜひ"}
    )
    assert response.status_code == expected
    raised = Invitation.objects.filter(need=need, group=group_a, status=Status.INTERESTED)
    assert raised.exists() == (role == "group_manager")
    if acts(role, expected) and role == "group_manager":
        assert response["Location"] == f"/coordination/invitations/{raised.get().pk}/"


def test_once_raised_the_page_shows_the_pair_instead_of_the_button(
    need: DepartmentNeed, group_a: Any, group_manager: Any
) -> None:
    pair = make_invitation(need, group_a, Status.INTERESTED, raised_by_group=True)
    html = client_for(group_manager).get(f"/collaboration/needs/{need.pk}/").content.decode()
    assert BUTTON.format(pk=need.pk) not in html
    assert f'href="/coordination/invitations/{pair.pk}/"' in html


def test_an_invited_group_is_told_to_answer_its_invitation(
    need: DepartmentNeed, group_a: Any, group_manager: Any
) -> None:
    make_invitation(need, group_a)
    client = client_for(group_manager)
    response = client.post(
        f"/coordination/needs/{need.pk}/raise-hand/", {"group": group_a.pk}, follow=True
    )
    expected = ja(
        "The centre has already invited “%(group)s” to this need: answer the invitation."
    ) % {"group": group_a.name}
    assert expected in response.content.decode()
    assert Invitation.objects.get().status == Status.INVITED


def test_no_hand_on_a_closed_need(need: DepartmentNeed, group_a: Any, group_manager: Any) -> None:
    DepartmentNeed.objects.filter(pk=need.pk).update(status=DepartmentNeed.Status.CLOSED)
    client = client_for(group_manager)
    html = client.get(f"/collaboration/needs/{need.pk}/").content.decode()
    assert BUTTON.format(pk=need.pk) not in html
    response = client.post(f"/coordination/needs/{need.pk}/raise-hand/", {"group": group_a.pk})
    assert response.status_code == 403
    assert not Invitation.objects.exists()
