"""Co-managers: invitations (accept link, expiry) and removal (a group keeps one manager)."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from groups import comanagers, services
from groups.models import GroupMembership, ManagerInvitation
from tests.factories import GroupMembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_invitation_stores_only_a_hash_of_its_token(group_a: Any, group_manager: Any) -> None:
    invitation, token = comanagers.invite_manager(group_a, "New@Example.jp", group_manager)
    assert invitation.email == "new@example.jp"
    assert token not in invitation.token_hash
    assert comanagers.invitation_for_token(token) == invitation
    assert comanagers.invitation_for_token(token + "x") is None


def test_the_invitation_mail_holds_the_accept_link(
    group_a: Any, group_manager: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        _invitation, token = comanagers.invite_manager(group_a, "new@example.jp", group_manager)
    (message,) = mail.outbox
    assert message.to == ["new@example.jp"]
    assert f"/groups/invitations/{token}/" in message.body


def test_accepting_makes_the_user_an_editor(group_a: Any, group_manager: Any) -> None:
    _invitation, token = comanagers.invite_manager(group_a, "new@example.jp", group_manager)
    newcomer = UserFactory.create(email="new@example.jp")
    membership = comanagers.accept_invitation(token, newcomer)
    assert membership.role == GroupMembership.Role.EDITOR
    assert group_a.pk in newcomer.managed_group_ids
    with pytest.raises(services.RegistryError):
        comanagers.accept_invitation(token, UserFactory.create())  # used once only


def test_an_expired_invitation_is_refused(group_a: Any, group_manager: Any) -> None:
    invitation, token = comanagers.invite_manager(group_a, "late@example.jp", group_manager)
    ManagerInvitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(services.RegistryError):
        comanagers.accept_invitation(token, UserFactory.create(email="late@example.jp"))
    assert group_a.memberships.count() == 1


def test_a_new_invitation_replaces_an_open_one(group_a: Any, group_manager: Any) -> None:
    _first, old_token = comanagers.invite_manager(group_a, "new@example.jp", group_manager)
    comanagers.invite_manager(group_a, "new@example.jp", group_manager)
    with pytest.raises(services.RegistryError):
        comanagers.accept_invitation(old_token, UserFactory.create())


def test_a_cancelled_invitation_cannot_be_accepted(group_a: Any, group_manager: Any) -> None:
    invitation, token = comanagers.invite_manager(group_a, "new@example.jp", group_manager)
    comanagers.cancel_invitation(invitation)
    with pytest.raises(services.RegistryError):
        comanagers.accept_invitation(token, UserFactory.create())


def test_a_current_manager_cannot_be_invited_again(group_a: Any, group_manager: Any) -> None:
    with pytest.raises(services.RegistryError):
        comanagers.invite_manager(group_a, group_manager.email.upper(), group_manager)


def test_the_last_manager_cannot_leave(group_a: Any, group_manager: Any) -> None:
    with pytest.raises(services.RegistryError):
        comanagers.remove_manager(group_a.memberships.get())
    assert group_a.memberships.count() == 1


def test_when_the_representative_leaves_the_longest_serving_editor_takes_over(
    group_a: Any, group_manager: Any
) -> None:
    older = GroupMembershipFactory.create(group=group_a, role="editor")
    GroupMembershipFactory.create(group=group_a, role="editor")
    comanagers.remove_manager(group_a.memberships.get(user=group_manager))
    older.refresh_from_db()
    assert older.role == GroupMembership.Role.REPRESENTATIVE
    assert group_a.pk not in group_manager.managed_group_ids
