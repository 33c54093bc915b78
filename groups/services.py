"""Writes to the registry: registration, renewal and staff notes.

Status moves go through :func:`kamakura_portal.workflow.transition` with the table of
:mod:`groups.workflow`; the verbs here name what a person does (submit, approve, renew).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kamakura_portal.claims import claim_once
from kamakura_portal.dates import fiscal_year
from kamakura_portal.errors import PortalError, Problem
from kamakura_portal.workflow import SYSTEM, transition

from .models import CitizenGroup, Contact, GroupMembership, StaffNote
from .notices import tell_managers
from .search import refresh_search_index

if TYPE_CHECKING:
    from accounts.models import User

Status = CitizenGroup.Status


class RegistryError(PortalError):
    """A registry rule was broken; the message is shown to the user as it is."""


# --- registration -----------------------------------------------------------------------


@transaction.atomic
def start_registration(user: User, *, name: str, name_kana: str) -> CitizenGroup:
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


@transaction.atomic
def save_section(
    group: CitizenGroup,
    *,
    profile: Sequence[tuple[Mapping[str, Any], Mapping[str, Iterable[Any]]]] = (),
    contacts: Sequence[tuple[Contact, Mapping[str, Any]]] = (),
) -> CitizenGroup:
    """A registration step's forms saved together: its profile fields (with many-to-many
    choices) and its contacts, all or nothing."""
    for fields, many in profile:
        update_profile(group, fields, many=many)
    for contact, fields in contacts:
        update_contact(contact, fields)
    return group


def contacts_of(group: CitizenGroup) -> dict[str, Contact]:
    """The group's representative and contact person. One the group has no row for yet (a
    group made in the admin, say) comes unsaved: reading a page never writes, and saving its
    form creates the row (:func:`update_contact`)."""
    contacts = {contact.kind: contact for contact in group.contacts.all()}
    for kind in Contact.Kind.values:
        contacts.setdefault(kind, Contact(group=group, kind=kind))
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


def submit_registration(group: CitizenGroup, actor: User) -> CitizenGroup:
    """Refused with one :class:`Problem` per gap (:func:`missing_for_submission`)."""
    return transition(group, Status.SUBMITTED, actor)


@transaction.atomic
def agree_and_submit(group: CitizenGroup, actor: User) -> CitizenGroup:
    """The manager agrees to the centre's rules and submits: the consent is kept only with a
    successful submission."""
    if group.agreed_to_rules_at is None:
        update_profile(group, {"agreed_to_rules_at": timezone.now()})
    return submit_registration(group, actor)


def approve_registration(group: CitizenGroup, actor: User) -> CitizenGroup:
    if group.status != Status.SUBMITTED:  # staff's REGISTERED move also restores; not here
        raise RegistryError(_("Only a registration awaiting approval can be approved."))
    return transition(group, Status.REGISTERED, actor)


def return_registration(group: CitizenGroup, actor: User, reason: str) -> CitizenGroup:
    return transition(group, Status.RETURNED, actor, reason=reason)


# --- renewal ----------------------------------------------------------------------------


def missing_for_renewal(group: CitizenGroup) -> list[Problem]:
    """What must be filled in before a renewal: what a registration needs, but the consent,
    which a group registered before the portal (imported) never gave on it."""
    return [problem for problem in missing_for_submission(group) if problem.section != "confirm"]


def renew_registration(
    group: CitizenGroup, actor: User, today: datetime.date | None = None
) -> CitizenGroup:
    """The manager confirms the profile for the new fiscal year (一年ごとの更新)."""
    return transition(group, Status.REGISTERED, actor, today=today or timezone.localdate())


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
            transition(CitizenGroup(pk=pk), Status.RENEWAL_DUE, SYSTEM, today=today)
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
        # Claimed with a conditional update, so two workers never both send it.
        rows = CitizenGroup.objects.filter(
            pk=group.pk, renewal_reminded_on=group.renewal_reminded_on
        )
        with transaction.atomic():
            if not claim_once(rows, renewal_reminded_on=today):
                continue
            with translation.override(settings.LANGUAGE_CODE):
                message = _("Please confirm the details of “%(name)s” for the new fiscal year.") % {
                    "name": group.name
                }
            tell_managers(
                group,
                message,
                "groups/email/renewal_reminder",
                {"deadline": renewal_deadline(today)},
            )
        count += 1
    return count


def _forget_user_cache(user: User) -> None:
    from accounts.services import forget_cached_roles

    forget_cached_roles(user)


# --- staff ------------------------------------------------------------------------------


def add_staff_note(group: CitizenGroup, author: User, body: str) -> StaffNote:
    body = body.strip()
    if not body:
        raise RegistryError(_("Write the note before saving it."))
    return StaffNote.objects.create(group=group, author=author, body=body)
