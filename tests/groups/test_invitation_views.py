"""Inviting co-managers (groups:invite), cancelling (groups:cancel_invitation), accepting."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from groups import comanagers
from groups.models import GroupMembership, ManagerInvitation
from tests.conftest import acts, client_for, for_every_role
from tests.factories import UserFactory
from tests.html import Page, field_error

from .profile_data import ja

pytestmark = pytest.mark.django_db

MANAGERS_AND_CENTRE = {
    "anonymous": 302,
    "citizen": 403,
    "group_manager": 302,
    "other_group_manager": 403,
    "centre_staff": 302,
    "city_staff": 403,
    "other_city_staff": 403,
    "secretariat": 302,
    "committee_member": 403,
    "administrator": 302,
}


def invite_url(group: Any) -> str:
    return reverse("groups:invite", args=[group.pk])


def accept_url(token: str) -> str:
    return reverse("groups:accept_invitation", args=[token])


@pytest.fixture
def invitation(group_a: Any, group_manager: Any) -> Any:
    """An open invitation of group_a and its token."""
    return comanagers.invite_manager(group_a, "invitee@example.jp", group_manager)


def test_the_routes() -> None:
    assert reverse("groups:invite", args=[1]) == "/groups/1/managers/invite/"
    assert reverse("groups:cancel_invitation", args=[1, 2]) == "/groups/1/invitations/2/cancel/"
    assert accept_url("abc") == "/groups/invitations/abc/"


# --- inviting ---------------------------------------------------------------------------


@for_every_role(MANAGERS_AND_CENTRE)
def test_the_group_s_managers_and_the_centre_invite(
    role: Any, role_client: Any, expected: Any, group_a: Any, group_b: Any
) -> None:
    response = role_client.post(invite_url(group_a), {"email": "new@example.jp"})
    assert response.status_code == expected
    invited = ManagerInvitation.objects.filter(group=group_a, email="new@example.jp").exists()
    assert invited is acts(role, expected)


def test_inviting_mails_the_link_after_commit(
    group_manager: Any, group_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(group_manager).post(
            invite_url(group_a), {"email": "ＮＥＷ@example.jp"}, follow=True
        )
    assert response.redirect_chain[-1][0] == reverse("groups:manage", args=[group_a.pk])
    invitation = ManagerInvitation.objects.get(group=group_a)
    assert invitation.email == "new@example.jp"
    assert [message.to for message in mail.outbox] == [["new@example.jp"]]
    assert "/groups/invitations/" in mail.outbox[0].body
    assert "new@example.jp" in response.content.decode()


def test_inviting_an_existing_manager_is_refused_beside_the_field(
    group_manager: Any, group_a: Any
) -> None:
    response = client_for(group_manager).post(invite_url(group_a), {"email": group_manager.email})
    assert response.status_code == 200
    error = field_error(response.content.decode(), "id_email")
    assert error == ja("%(email)s already manages this group.") % {"email": group_manager.email}
    assert not ManagerInvitation.objects.exists()


def test_a_bad_address_is_refused_beside_the_field(group_manager: Any, group_a: Any) -> None:
    response = client_for(group_manager).post(invite_url(group_a), {"email": "not-an-address"})
    assert field_error(response.content.decode(), "id_email")
    assert not ManagerInvitation.objects.exists()


def test_inviting_is_a_post(group_manager: Any, group_a: Any) -> None:
    assert client_for(group_manager).get(invite_url(group_a)).status_code == 405


# --- cancelling -------------------------------------------------------------------------


@for_every_role(MANAGERS_AND_CENTRE)
def test_the_group_s_managers_and_the_centre_cancel_invitations(
    role: Any, role_client: Any, expected: Any, invitation: Any, group_b: Any
) -> None:
    invite, _token = invitation
    url = reverse("groups:cancel_invitation", args=[invite.group_id, invite.pk])
    assert role_client.post(url).status_code == expected
    invite.refresh_from_db()
    assert (invite.cancelled_at is not None) is acts(role, expected)


def test_an_invitation_of_another_group_cannot_be_cancelled_through_this_one(
    other_group_manager: Any, group_b: Any, invitation: Any
) -> None:
    invite, _token = invitation
    url = reverse("groups:cancel_invitation", args=[group_b.pk, invite.pk])
    assert client_for(other_group_manager).post(url).status_code == 404
    invite.refresh_from_db()
    assert invite.cancelled_at is None


# --- accepting --------------------------------------------------------------------------


@for_every_role({**{role: 200 for role in MANAGERS_AND_CENTRE}, "anonymous": 302})
def test_every_signed_in_user_may_open_an_invitation_link(
    role_client: Any, expected: Any, invitation: Any, group_b: Any
) -> None:
    _invite, token = invitation
    assert role_client.get(accept_url(token)).status_code == expected


def test_an_anonymous_visitor_signs_in_first_and_comes_back(client: Any, invitation: Any) -> None:
    _invite, token = invitation
    response = client.get(accept_url(token))
    assert response["Location"] == f"{reverse('account_login')}?next={accept_url(token)}"


def test_the_page_names_the_group_and_who_invites(
    citizen: Any, invitation: Any, group_a: Any
) -> None:
    _invite, token = invitation
    page = Page(client_for(citizen).get(accept_url(token)).content.decode())
    lead = page.find_all("p", class_="lead")[0].text
    assert group_a.name in lead and "由比 花子" in lead
    # The invitation went to another address than the citizen's: the page says so.
    assert "invitee@example.jp" in page.find_all(role="note")[0].text


def test_accepting_makes_the_user_an_editor_of_the_group(
    citizen: Any, invitation: Any, group_a: Any
) -> None:
    invite, token = invitation
    response = client_for(citizen).post(accept_url(token))
    assert response["Location"] == reverse("groups:manage", args=[group_a.pk])
    membership = GroupMembership.objects.get(user=citizen)
    assert (membership.group, membership.role) == (group_a, "editor")
    invite.refresh_from_db()
    assert invite.accepted_by == citizen
    # The new manager can now open the group's page and edit it.
    assert client_for(citizen).get(reverse("groups:manage", args=[group_a.pk])).status_code == 200


def test_a_link_works_only_once(citizen: Any, invitation: Any) -> None:
    _invite, token = invitation
    client_for(citizen).post(accept_url(token))
    other = UserFactory.create()
    response = client_for(other).post(accept_url(token))
    assert response.status_code == 410
    assert not GroupMembership.objects.filter(user=other).exists()
    assert client_for(other).get(accept_url(token)).status_code == 410


def test_an_expired_invitation_gives_a_clear_page_and_creates_nothing(
    citizen: Any, invitation: Any
) -> None:
    invite, token = invitation
    ManagerInvitation.objects.filter(pk=invite.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    client = client_for(citizen)
    page = client.get(accept_url(token))
    assert page.status_code == 410
    assert ja("This invitation has expired, was cancelled or has already been used.") in (
        page.content.decode()
    )
    assert client.post(accept_url(token)).status_code == 410
    assert not GroupMembership.objects.filter(user=citizen).exists()


def test_a_cancelled_or_unknown_link_gives_the_same_page(citizen: Any, invitation: Any) -> None:
    invite, token = invitation
    comanagers.cancel_invitation(invite)
    client = client_for(citizen)
    assert client.get(accept_url(token)).status_code == 410
    assert client.get(accept_url("made-up-token")).status_code == 410
