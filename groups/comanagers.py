"""Writes to a group's managers: co-manager invitations and leaving (a group keeps one).

Only a hash of an invitation's token is stored: the link in the mail is the only copy.
"""

from __future__ import annotations

import datetime
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.services import forget_cached_roles
from kamakura_portal.mail import queue_mail

from .models import CitizenGroup, GroupMembership, ManagerInvitation
from .services import RegistryError


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invite_manager(
    group: CitizenGroup, email: str, invited_by: User | None
) -> tuple[ManagerInvitation, str]:
    """Invite ``email`` to co-manage ``group``; returns the invitation and the link's token."""
    email = email.strip().lower()
    if group.memberships.filter(user__email__iexact=email).exists():
        raise RegistryError(_("%(email)s already manages this group.") % {"email": email})
    now = timezone.now()
    # A new invitation replaces an open one to the same address.
    group.invitations.filter(
        email__iexact=email, accepted_at__isnull=True, cancelled_at__isnull=True
    ).update(cancelled_at=now)
    token = secrets.token_urlsafe(32)
    invitation = ManagerInvitation.objects.create(
        group=group,
        email=email,
        token_hash=_token_hash(token),
        invited_by=invited_by,
        created_at=now,
        expires_at=now + datetime.timedelta(days=settings.PORTAL_INVITATION_DAYS),
    )
    # The link is the only copy of the token: the outbox forgets the mail once it is sent.
    queue_mail(
        "groups/email/invitation",
        {
            "invitation": invitation,
            "group": group,
            "accept_url": reverse("groups:accept_invitation", args=[token]),
        },
        [invitation.email],
        erase_when_sent=True,
    )
    return invitation, token


def invitation_for_token(token: str) -> ManagerInvitation | None:
    return (
        ManagerInvitation.objects.select_related("group", "invited_by")
        .filter(token_hash=_token_hash(token))
        .first()
    )


@transaction.atomic
def accept_invitation(token: str, user: User) -> GroupMembership:
    invitation = (
        ManagerInvitation.objects.select_for_update().filter(token_hash=_token_hash(token)).first()
    )
    if invitation is None or not invitation.is_open():
        raise RegistryError(
            _("This invitation has expired or was already used. Ask the group for a new one.")
        )
    membership, _created = GroupMembership.objects.get_or_create(
        user=user, group=invitation.group, defaults={"role": GroupMembership.Role.EDITOR}
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    forget_cached_roles(user)
    return membership


def cancel_invitation(invitation: ManagerInvitation) -> None:
    if invitation.accepted_at is None and invitation.cancelled_at is None:
        invitation.cancelled_at = timezone.now()
        invitation.save(update_fields=["cancelled_at"])


@transaction.atomic
def remove_manager(membership: GroupMembership) -> None:
    """Remove a manager; the last one cannot leave (a group always keeps one)."""
    memberships = list(
        GroupMembership.objects.select_for_update().filter(group_id=membership.group_id)
    )
    if len(memberships) <= 1:
        raise RegistryError(
            _("A group needs at least one manager. Invite someone else before leaving.")
        )
    leaving_pk = membership.pk
    membership.delete()
    if membership.role == GroupMembership.Role.REPRESENTATIVE:
        remaining = [m for m in memberships if m.pk != leaving_pk]
        if not any(m.role == GroupMembership.Role.REPRESENTATIVE for m in remaining):
            successor = min(remaining, key=lambda m: m.created_at)
            successor.role = GroupMembership.Role.REPRESENTATIVE
            successor.save(update_fields=["role"])
    forget_cached_roles(membership.user)
