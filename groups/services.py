"""Writes to the registry: the registration workflow, renewal and staff notes.

Status moves go through :func:`transition` only: it checks the move is allowed, records it
(:class:`StatusChange` and the audit trail) and mails the group's managers after commit.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kamakura_portal.dates import fiscal_year, fiscal_year_end

from .models import (
    CitizenGroup,
    Contact,
    GroupMembership,
    StaffNote,
    StatusChange,
)
from .search import refresh_search_index

Status = CitizenGroup.Status


class RegistryError(Exception):
    """A registry rule was broken; the message is shown to the user as it is."""


class Problem(str):
    """What is missing for a submission (the message), and the profile section to fill it in."""

    section: str

    def __new__(cls, message: str, section: str) -> Problem:
        problem = super().__new__(cls, message)
        problem.section = section
        return problem


class RegistrationIncomplete(RegistryError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


# (from, to) → who may make the move: "manager", "staff" or "system".
TRANSITIONS: Mapping[tuple[str, str], str] = {
    (Status.DRAFT, Status.SUBMITTED): "manager",
    (Status.RETURNED, Status.SUBMITTED): "manager",
    (Status.SUBMITTED, Status.REGISTERED): "staff",
    (Status.SUBMITTED, Status.RETURNED): "staff",
    (Status.REGISTERED, Status.REGISTERED): "manager",  # renewal of a registration
    (Status.RENEWAL_DUE, Status.REGISTERED): "manager",
    (Status.REGISTERED, Status.RENEWAL_DUE): "system",
    (Status.REGISTERED, Status.SUSPENDED): "staff",
    (Status.RENEWAL_DUE, Status.SUSPENDED): "staff",
    (Status.REGISTERED, Status.ARCHIVED): "staff",
    (Status.RENEWAL_DUE, Status.ARCHIVED): "staff",
    (Status.SUSPENDED, Status.ARCHIVED): "staff",
    (Status.RETURNED, Status.ARCHIVED): "staff",
    (Status.SUSPENDED, Status.REGISTERED): "staff",
    (Status.ARCHIVED, Status.REGISTERED): "staff",
}
# Moves that must say why (shown to the group's managers and kept in the history).
REASON_REQUIRED = {Status.RETURNED, Status.SUSPENDED, Status.ARCHIVED}
# Mail sent to the managers after a move into these statuses.
MAIL_ON: Mapping[str, str | None] = {
    Status.SUBMITTED: None,
    Status.REGISTERED: "groups/email/registered",
    Status.RETURNED: "groups/email/returned",
    Status.RENEWAL_DUE: "groups/email/renewal_lapsed",
    Status.SUSPENDED: "groups/email/suspended",
    Status.ARCHIVED: "groups/email/archived",
}


def allowed_moves(group: CitizenGroup, by: str) -> list[str]:
    """The statuses ``by`` ("manager", "staff" or "system") may move ``group`` to."""
    return [to for (from_, to), who in TRANSITIONS.items() if from_ == group.status and who == by]


@transaction.atomic
def transition(
    group: CitizenGroup,
    to: str,
    actor: Any,
    *,
    by: str = "staff",
    reason: str = "",
    today: datetime.date | None = None,
) -> CitizenGroup:
    """Move ``group`` to ``to`` as ``by`` ("manager", "staff" or "system").

    Raises :class:`RegistryError` if the move is not in :data:`TRANSITIONS` for ``by``.
    """
    locked = CitizenGroup.objects.select_for_update().get(pk=group.pk)
    from_status = locked.status
    if TRANSITIONS.get((from_status, to)) != by:
        raise RegistryError(
            _("A group that is “%(from)s” cannot become “%(to)s”.")
            % {"from": Status(from_status).label, "to": Status(to).label}
        )
    reason = reason.strip()
    if to in REASON_REQUIRED and not reason:
        raise RegistryError(_("Write the reason; the group's managers will read it."))
    today = today or timezone.localdate()
    locked.status = to
    locked.status_reason = reason if to in REASON_REQUIRED else ""
    if to == Status.SUBMITTED:
        locked.submitted_at = timezone.now()
    if to == Status.REGISTERED:
        if locked.registered_on is None:
            locked.registered_on = today
        if from_status in (Status.REGISTERED, Status.RENEWAL_DUE):
            locked.renewed_on = today
            locked.renewal_reminded_on = None
        # Approval, renewal and restoring all make the registration valid to 31 March.
        locked.valid_until = fiscal_year_end(fiscal_year(today))
    locked.save()
    StatusChange.objects.create(
        group=locked,
        from_status=from_status,
        to_status=to,
        reason=reason,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    template = MAIL_ON.get(to)
    if template and from_status != to:
        _mail_managers(locked, template, {"reason": reason})
    group.refresh_from_db()
    return group


def _mail_managers(group: CitizenGroup, template: str, extra: Mapping[str, Any]) -> None:
    from .tasks import mail_group_managers

    mail_group_managers.delay_on_commit(group.pk, template, dict(extra))  # type: ignore[attr-defined]


# --- registration -----------------------------------------------------------------------


@transaction.atomic
def start_registration(user: Any, *, name: str, name_kana: str) -> CitizenGroup:
    """A draft group with ``user`` as its representative manager."""
    group = CitizenGroup.objects.create(name=name, name_kana=name_kana, status=Status.DRAFT)
    GroupMembership.objects.create(user=user, group=group, role=GroupMembership.Role.REPRESENTATIVE)
    Contact.objects.create(group=group, kind=Contact.Kind.REPRESENTATIVE)
    Contact.objects.create(group=group, kind=Contact.Kind.LIAISON)
    refresh_search_index([group.pk])
    _forget_user_cache(user)
    return group


@transaction.atomic
def update_profile(
    group: CitizenGroup,
    fields: Mapping[str, Any],
    *,
    many: Mapping[str, Iterable[Any]] | None = None,
) -> CitizenGroup:
    """Save profile fields and many-to-many choices; the change is live and audited."""
    for name, value in fields.items():
        setattr(group, name, value)
    group.save()
    for name, values in (many or {}).items():
        getattr(group, name).set(values)
    refresh_search_index([group.pk])
    return group


@transaction.atomic
def update_contact(contact: Contact, fields: Mapping[str, Any]) -> Contact:
    for name, value in fields.items():
        setattr(contact, name, value)
    contact.save()
    return contact


def contacts_of(group: CitizenGroup) -> dict[str, Contact]:
    """The group's representative and contact person, created when missing."""
    contacts = {contact.kind: contact for contact in group.contacts.all()}
    for kind in Contact.Kind.values:
        if kind not in contacts:
            contacts[kind] = Contact.objects.create(group=group, kind=kind)
    return contacts


def missing_for_submission(group: CitizenGroup) -> list[Problem]:
    """What must still be filled in before the centre can review the registration.

    Each problem names the section of the registration form ("basic", "activities",
    "contacts" or "confirm") where it is put right, so pages can link to it.
    """
    problems: list[Problem] = []
    if not group.name.strip():
        problems.append(Problem(_("Enter the group's name."), "basic"))
    if not group.name_kana.strip():
        problems.append(Problem(_("Enter the furigana of the group's name."), "basic"))
    if group.organization_type_id is None:
        problems.append(Problem(_("Choose the organisation type."), "basic"))
    if not group.activity_fields.exists():
        problems.append(Problem(_("Choose at least one activity field."), "activities"))
    if not group.districts.exists():
        problems.append(Problem(_("Choose at least one area of activity."), "activities"))
    if not group.activities.strip():
        problems.append(Problem(_("Describe the group's main activities."), "activities"))
    representative = group.contacts.filter(kind=Contact.Kind.REPRESENTATIVE).first()
    if representative is None or not representative.name.strip():
        problems.append(Problem(_("Enter the representative's name."), "contacts"))
    if representative is None or not (representative.phone or representative.email):
        problems.append(
            Problem(
                _("Enter a telephone number or an email address for the representative."),
                "contacts",
            )
        )
    if group.agreed_to_rules_at is None:
        problems.append(Problem(_("Agree to the centre's rules for registered groups."), "confirm"))
    return problems


def submit_registration(group: CitizenGroup, actor: Any) -> CitizenGroup:
    problems = missing_for_submission(group)
    if problems:
        raise RegistrationIncomplete(problems)
    return transition(group, Status.SUBMITTED, actor, by="manager")


def approve_registration(group: CitizenGroup, actor: Any) -> CitizenGroup:
    if group.status != Status.SUBMITTED:  # staff's REGISTERED move also restores; not here
        raise RegistryError(_("Only a registration awaiting approval can be approved."))
    return transition(group, Status.REGISTERED, actor)


def return_registration(group: CitizenGroup, actor: Any, reason: str) -> CitizenGroup:
    return transition(group, Status.RETURNED, actor, reason=reason)


# --- renewal ----------------------------------------------------------------------------


def renew_registration(
    group: CitizenGroup, actor: Any, today: datetime.date | None = None
) -> CitizenGroup:
    """The manager confirms the profile for the new fiscal year (一年ごとの更新)."""
    today = today or timezone.localdate()
    if not group.renewal_is_due(today):
        raise RegistryError(
            _("This registration is valid until %(date)s; nothing to renew yet.")
            % {"date": group.valid_until}
        )
    return transition(group, Status.REGISTERED, actor, by="manager", today=today)


def renewal_deadline(today: datetime.date) -> datetime.date:
    """The day of the current fiscal year after which unrenewed groups become 更新待ち."""
    month, day = settings.PORTAL_RENEWAL_DEADLINE
    year = fiscal_year(today)
    return datetime.date(year if month >= 4 else year + 1, month, day)


def mark_unrenewed_groups(today: datetime.date | None = None) -> int:
    """Registered groups still unrenewed after the deadline become 更新待ち (nothing deleted)."""
    today = today or timezone.localdate()
    if today <= renewal_deadline(today):
        return 0
    lapsed = CitizenGroup.objects.filter(
        status=Status.REGISTERED, valid_until__lt=today
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(lapsed):
        try:
            transition(CitizenGroup(pk=pk), Status.RENEWAL_DUE, None, by="system", today=today)
        except RegistryError:
            continue  # changed meanwhile (renewed, suspended): nothing to do
        count += 1
    return count


def send_renewal_reminders(today: datetime.date | None = None) -> int:
    """Remind managers of groups whose renewal is due, at most every N days per group."""
    today = today or timezone.localdate()
    due = CitizenGroup.objects.filter(
        status__in=(Status.REGISTERED, Status.RENEWAL_DUE),
        valid_until__lt=today,
    )
    every = datetime.timedelta(days=settings.PORTAL_RENEWAL_REMINDER_DAYS)
    count = 0
    for group in due:
        if group.renewal_reminded_on and group.renewal_reminded_on > today - every:
            continue
        # Claim the reminder with a conditional update, so two workers never both send it.
        claimed = CitizenGroup.objects.filter(
            pk=group.pk, renewal_reminded_on=group.renewal_reminded_on
        ).update(renewal_reminded_on=today)
        if claimed:
            _mail_managers(
                group, "groups/email/renewal_reminder", {"deadline": renewal_deadline(today)}
            )
            count += 1
    return count


def _forget_user_cache(user: Any) -> None:
    from accounts.services import forget_cached_roles

    forget_cached_roles(user)


# --- staff ------------------------------------------------------------------------------


def add_staff_note(group: CitizenGroup, author: Any, body: str) -> StaffNote:
    body = body.strip()
    if not body:
        raise RegistryError(_("Write the note before saving it."))
    return StaffNote.objects.create(group=group, author=author, body=body)
