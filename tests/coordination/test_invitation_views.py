"""The invitation page, its answer and buttons, for every role: the invited group's managers
read and answer their own invitation; the centre, the need's department and the secretariat
follow it; another group's manager, another department, the committee and the public see
nothing."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from collaboration.models import Proposal
from coordination.models import Invitation
from coordination.notifications import date_label
from kamakura_portal.models import StatusChange
from tests.conftest import acts, client_for, for_every_role, ja, roles_except
from tests.html import Page

from .invitation_factories import (
    a_need,  # noqa: F401  (a fixture)
    an_invitation,  # noqa: F401  (a fixture)
    in_days,
    make_invitation,
)

pytestmark = pytest.mark.django_db
Status = Invitation.Status
SIGN_IN = 302
FOLLOWERS = {"centre_staff", "city_staff", "secretariat"}
READERS = FOLLOWERS | {"group_manager"}


def _url(invitation: Invitation, tail: str = "") -> str:
    return f"/coordination/invitations/{invitation.pk}/{tail}"


@for_every_role({**roles_except(READERS, 200, 403), "anonymous": SIGN_IN})
def test_an_invitation_is_read_by_its_group_the_centre_and_the_department(
    invitation: Invitation, role: str, role_client: Client, expected: int
) -> None:
    response = role_client.get(_url(invitation))
    assert response.status_code == expected
    if expected == 200:
        html = response.content.decode()
        assert invitation.reasons.splitlines()[0] in html and invitation.message in html
        assert ('name="answer"' in html) == (role == "group_manager")


@for_every_role({**roles_except(FOLLOWERS, 200, 403), "anonymous": SIGN_IN})
def test_a_shortlist_is_never_shown_to_the_group(
    need: Any, group_a: Any, role_client: Client, expected: int
) -> None:
    candidate = make_invitation(need, group_a, Status.CANDIDATE)
    assert role_client.get(_url(candidate)).status_code == expected


@for_every_role(
    {
        **roles_except({"group_manager"}, 302, 403),
        "anonymous": SIGN_IN,
        # The page itself is theirs once two-factor authentication is set up: they are sent
        # to set it up before anything else.
        "centre_staff_without_mfa": 302,
        "secretariat_without_mfa": 302,
    }
)
def test_only_the_groups_managers_answer(
    invitation: Invitation, role: str, role_client: Client, expected: int
) -> None:
    response = role_client.post(_url(invitation), {"answer": "interested", "note": "ぜひ"})
    assert response.status_code == expected
    invitation.refresh_from_db()
    if acts(role, expected):
        assert response["Location"] == _url(invitation)
        assert (invitation.status, invitation.answer_note) == (Status.INTERESTED, "ぜひ")
    else:
        assert invitation.status == Status.INVITED


def test_an_answer_without_a_choice_is_shown_next_to_the_field(
    invitation: Invitation, group_manager: Any
) -> None:
    response = client_for(group_manager).post(_url(invitation), {"note": "x"})
    assert response.status_code == 200
    page = Page(response.content.decode())
    # A group of radio buttons: its fieldset is described by the error.
    [fieldset] = page.find_all("fieldset")
    assert "id_answer_error" in fieldset.ids("aria-describedby")
    assert page.by_id("id_answer_error").text == ja("Choose interested or decline.")
    assert Invitation.objects.get().status == Status.INVITED


def test_an_answer_after_the_answer_date_gets_a_clear_message_and_changes_nothing(
    need: Any, group_a: Any, group_manager: Any
) -> None:
    late = make_invitation(need, group_a, answer_by=in_days(-1))
    response = client_for(group_manager).post(_url(late), {"answer": "interested"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "error-summary" in html and date_label(in_days(-1)) in html
    assert Invitation.objects.get().status == Status.INVITED
    assert not StatusChange.objects.exists()


def test_an_expired_invitation_offers_no_answer_and_refuses_one(
    need: Any, group_a: Any, group_manager: Any
) -> None:
    expired = make_invitation(need, group_a, Status.EXPIRED, answer_by=in_days(-3))
    client = client_for(group_manager)
    assert 'name="answer"' not in client.get(_url(expired)).content.decode()
    response = client.post(_url(expired), {"answer": "interested"})
    assert response.status_code == 200
    assert date_label(in_days(-3)) in response.content.decode()
    assert Invitation.objects.get().status == Status.EXPIRED


@for_every_role({**roles_except(READERS, 302, 403), "anonymous": SIGN_IN})
def test_only_a_coordinator_starts_the_talks(
    need: Any, group_a: Any, role: str, role_client: Client, expected: int
) -> None:
    interested = make_invitation(need, group_a, Status.INTERESTED)
    response = role_client.post(_url(interested, "move/"), {"to": "discussing"})
    assert response.status_code == expected
    moved = Invitation.objects.get().status == Status.DISCUSSING
    assert moved == (role == "centre_staff")


def test_the_move_buttons_do_not_invite_or_answer(
    need: Any, group_a: Any, centre_staff: Any
) -> None:
    candidate = make_invitation(need, group_a, Status.CANDIDATE)
    client_for(centre_staff).post(_url(candidate, "move/"), {"to": "invited"})
    assert Invitation.objects.get().status == Status.CANDIDATE


@for_every_role({**roles_except({"centre_staff", "group_manager"}, 302, 403), "anonymous": SIGN_IN})
def test_the_coordinator_or_the_group_opens_the_proposal_draft(
    need: Any, group_a: Any, role: str, role_client: Client, expected: int
) -> None:
    interested = make_invitation(need, group_a, Status.INTERESTED)
    response = role_client.post(_url(interested, "proposal/"))
    assert response.status_code == expected
    if acts(role, expected):
        proposal = Proposal.objects.get()
        # The group writes its draft; the coordinator goes back to the invitation.
        where = f"/collaboration/proposals/{proposal.pk}/edit/basic/"
        assert response["Location"] == (where if role == "group_manager" else _url(interested))
    else:
        assert not Proposal.objects.exists()


@for_every_role({**roles_except({"centre_staff"}, 200, 403), "anonymous": SIGN_IN})
def test_the_waiting_list_is_the_coordinators(
    invitation: Invitation, role_client: Client, expected: int
) -> None:
    response = role_client.get("/coordination/invitations/")
    assert response.status_code == expected
    if expected == 200:
        assert invitation.group.name in response.content.decode()


@for_every_role(
    {**roles_except({"group_manager", "other_group_manager"}, 200, 403), "anonymous": SIGN_IN}
)
def test_a_manager_lists_only_their_own_groups_invitations(
    invitation: Invitation, role: str, role_client: Client, expected: int
) -> None:
    response = role_client.get("/coordination/invitations/mine/")
    assert response.status_code == expected
    if expected == 200:
        shown = invitation.need.title in response.content.decode()
        assert shown == (role == "group_manager")


@pytest.mark.parametrize("count", [1, 12])
def test_the_waiting_list_runs_a_fixed_number_of_queries(
    need: Any, centre_staff: Any, count: int, django_assert_num_queries: Any
) -> None:
    from tests.factories import CitizenGroupFactory

    for group in CitizenGroupFactory.create_batch(count):
        make_invitation(need, group)
    client = client_for(centre_staff)
    # 1 session, 1 user with its roles and managed groups (accounts.backends; permission
    # and menus), 1 count, 1 page of invitations (need, department, group and inviter
    # joined).
    with django_assert_num_queries(4):
        assert client.get("/coordination/invitations/").status_code == 200


@pytest.mark.parametrize("count", [1, 12])
def test_a_managers_list_runs_a_fixed_number_of_queries(
    dept_own: Any, group_a: Any, group_manager: Any, count: int, django_assert_num_queries: Any
) -> None:
    from tests.collaboration.conftest import make_need

    for index in range(count):
        make_invitation(make_need(dept_own, title=f"課題{index}"), group_a)
    client = client_for(group_manager)
    # 1 session, 1 user with its managed groups and roles (accounts.backends; permission
    # and menus), 1 count, 1 page of invitations (need, department and group joined).
    with django_assert_num_queries(4):
        assert client.get("/coordination/invitations/mine/").status_code == 200
