"""The agreement (協定) and its amendments: drafted by either side, confirmed by both.

Version 1 is drafted once the proposal is adopted; when both sides have confirmed it the
proposal becomes 協定締結. A confirmed version is never edited: a change is a new version
(an amendment, with its reason) that both sides confirm again. Editing a draft version that
one side had confirmed withdraws that confirmation.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from kamakura_portal.dates import fiscal_year_end, fiscal_year_start
from kamakura_portal.workflow import transition

from ..domain.parties import CITY, GROUP, sides_of
from ..errors import ProposalError
from ..models import AgreementVersion, Proposal

Status = Proposal.Status
AMENDABLE = frozenset({Status.AGREED, Status.IN_PROGRESS, Status.REPORTED})
FIELDS = ("purpose", "period_start", "period_end", "roles", "responsibilities", "reason")


def _versions(
    proposal: Proposal, versions: Sequence[AgreementVersion] | None
) -> Sequence[AgreementVersion]:
    """Newest first; pages pass the versions they loaded, services let them be queried."""
    return versions if versions is not None else list(proposal.agreement_versions.all())


def in_force(
    proposal: Proposal, versions: Sequence[AgreementVersion] | None = None
) -> AgreementVersion | None:
    return next((v for v in _versions(proposal, versions) if v.is_confirmed), None)


def pending(
    proposal: Proposal, versions: Sequence[AgreementVersion] | None = None
) -> AgreementVersion | None:
    """The version being drafted or confirmed, if any."""
    return next((v for v in _versions(proposal, versions) if not v.is_confirmed), None)


def initial_fields(proposal: Proposal) -> dict[str, Any]:
    """A first draft taken from the proposal: purpose, years and the role table."""
    current = in_force(proposal)
    if current is not None:
        return {name: getattr(current, name) for name in FIELDS if name != "reason"}
    first = proposal.first_fiscal_year or timezone.localdate().year
    roles = "\n".join(
        f"・{role.task}：{role.get_responsible_display()}"
        f"（費用：{role.get_cost_bearer_display()}、リスク：{role.get_risk_bearer_display()}）"
        for role in proposal.roles.all()
    )
    return {
        "purpose": proposal.shared_purpose,
        "period_start": fiscal_year_start(first),
        "period_end": fiscal_year_end(proposal.last_fiscal_year or first),
        "roles": roles,
        "responsibilities": "",
    }


def _acting_side(user: User, proposal: Proposal) -> None:
    if not sides_of(user, proposal):
        raise ProposalError(
            _("Only the group and the city department of this project can do this.")
        )


@transaction.atomic
def save_draft(
    proposal: Proposal, user: User, fields: Mapping[str, Any]
) -> tuple[AgreementVersion, bool]:
    """Create or update the version being drafted; returns it and whether a confirmation
    was withdrawn by the change."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _acting_side(user, locked)
    if locked.status != Status.ADOPTED and locked.status not in AMENDABLE:
        raise ProposalError(_("The agreement is drafted once the proposal is adopted."))
    period_start: datetime.date = fields["period_start"]
    if period_start > fields["period_end"]:
        raise ProposalError(_("The period cannot end before it starts."))
    draft = pending(locked)
    number = (locked.agreement_versions.count() + 1) if draft is None else draft.number
    if number > 1 and not str(fields.get("reason", "")).strip():
        raise ProposalError(_("Write the reason for the amendment."))
    if draft is None:
        draft = AgreementVersion(proposal=locked, number=number, created_by=user)
    withdrawn = False
    changed = any(getattr(draft, name) != fields.get(name, "") for name in FIELDS)
    for name in FIELDS:
        setattr(draft, name, fields.get(name, ""))
    if changed and (draft.group_confirmed_at or draft.city_confirmed_at):
        draft.group_confirmed_at = draft.city_confirmed_at = None
        draft.group_confirmed_by = draft.city_confirmed_by = None
        withdrawn = True
    draft.save()
    return draft, withdrawn


@transaction.atomic
def confirm(version: AgreementVersion, user: User, side: str) -> AgreementVersion:
    """``user`` confirms ``version`` for ``side``; both confirmations of version 1 conclude
    the agreement (採択 → 協定締結)."""
    locked = AgreementVersion.objects.select_for_update().get(pk=version.pk)
    proposal = locked.proposal
    if side not in sides_of(user, proposal) or side not in (GROUP, CITY):
        raise ProposalError(_("Only someone of that side can confirm for it."))
    if locked.is_confirmed:
        raise ProposalError(_("Both sides have confirmed this version already."))
    now = timezone.now()
    if side == GROUP:
        locked.group_confirmed_by, locked.group_confirmed_at = user, now
    else:
        locked.city_confirmed_by, locked.city_confirmed_at = user, now
    locked.save()
    if locked.is_confirmed and locked.number == 1 and proposal.status == Status.ADOPTED:
        transition(proposal, Status.AGREED, user)
    return locked
