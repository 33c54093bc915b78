"""Writes to proposals: starting a draft, saving its sections, and mutual confirmation.

Status moves are in :mod:`collaboration.workflow.proposals`. Sections are written while the proposal
is a draft (by its authors) or in consultation (by both sides). Any change to sections 1–3
withdraws both sides' confirmations; the functions return how many they withdrew, so the
page can say so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Department, User
from groups.models import CitizenGroup

from ..domain.parties import sides_of
from ..domain.sections import CONFIRMED_SECTIONS, MUTUAL, PURPOSE, ROLES, missing_for_submission
from ..domain.sections import section as section_named
from ..errors import ProposalError
from ..models import Confirmation, CostLine, DepartmentNeed, Goal, Milestone, Proposal, RoleItem

Status = Proposal.Status
EDITABLE_STATUSES = frozenset({Status.DRAFT, Status.CONSULTATION})
CONFIRMABLE_STATUSES = frozenset({Status.SUBMITTED, Status.CONSULTATION})
# The tables of rows, and the section each belongs to.
ROW_MODELS: Mapping[str, tuple[type[models.Model], str]] = {
    "cost_lines": (CostLine, "budget"),
    "roles": (RoleItem, ROLES),
    "goals": (Goal, PURPOSE),
    "milestones": (Milestone, PURPOSE),
}


@transaction.atomic
def start_proposal(
    author: User,
    *,
    title: str,
    group: CitizenGroup | None = None,
    department: Department | None = None,
    need: DepartmentNeed | None = None,
) -> Proposal:
    """A draft 団体提案 (``group``) or 市提案 (``department``), answering ``need`` if given:
    a group proposes to the need's department; a city proposal comes from it."""
    if (group is None) == (department is None):
        raise ProposalError(_("A proposal comes either from a group or from a department."))
    title = title.strip()
    if not title:
        raise ProposalError(_("Enter the project's title."))
    if need is not None and department is not None and need.department_id != department.pk:
        raise ProposalError(_("A city proposal answers needs of the department that proposes it."))
    proposal = Proposal.objects.create(
        title=title,
        proposer_side=(
            Proposal.ProposerSide.GROUP if group is not None else Proposal.ProposerSide.CITY
        ),
        proposing_group=group,
        proposing_department=department,
        created_by=author,
        related_need=need,
    )
    if need is not None and group is not None:
        proposal.counterpart_departments.add(need.department)
    return proposal


def _check_editable(proposal: Proposal) -> None:
    if proposal.status not in EDITABLE_STATUSES:
        raise ProposalError(
            _("A proposal that is “%(status)s” can no longer be edited.")
            % {"status": Status(proposal.status).label}
        )


@transaction.atomic
def update_section(
    proposal: Proposal,
    section: str,
    actor: User,
    fields: Mapping[str, Any],
    *,
    many: Mapping[str, Iterable[Any]] | None = None,
) -> int:
    """Save a section's fields; returns how many confirmations the change withdrew."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _check_editable(locked)
    changed = False
    for name, value in fields.items():
        if getattr(locked, name) != value:
            setattr(locked, name, value)
            changed = True
    locked.save()
    for name, values in (many or {}).items():
        manager = getattr(locked, name)
        new = {obj.pk for obj in values}
        if set(manager.values_list("pk", flat=True)) != new:
            manager.set(list(values))
            changed = True
    for name in fields:
        setattr(proposal, name, getattr(locked, name))
    if changed and section in CONFIRMED_SECTIONS:
        return withdraw_confirmations(locked, actor, section)
    return 0


def _row_values(row: models.Model, names: Sequence[str]) -> tuple[Any, ...]:
    return tuple(getattr(row, name) for name in names)


@transaction.atomic
def replace_rows(
    proposal: Proposal, table: str, actor: User, rows: Sequence[Mapping[str, Any]]
) -> int:
    """Replace one of the proposal's tables with ``rows`` (in order); returns withdrawals."""
    model, section = ROW_MODELS[table]
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    _check_editable(locked)
    existing = list(getattr(locked, table).all())
    names = sorted({name for row in rows for name in row})
    wanted = [tuple(row.get(name) for name in names) for row in rows]
    if [_row_values(row, names) for row in existing] == wanted:
        return 0
    getattr(locked, table).all().delete()
    model._default_manager.bulk_create(
        [model(proposal=locked, sort_order=index, **row) for index, row in enumerate(rows)]
    )
    locked.save(update_fields=["updated_at"])
    if section in CONFIRMED_SECTIONS:
        return withdraw_confirmations(locked, actor, section)
    return 0


@transaction.atomic
def save_section(
    proposal: Proposal,
    section: str,
    actor: User,
    fields: Mapping[str, Any] | None,
    *,
    many: Mapping[str, Iterable[Any]] | None = None,
    tables: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
) -> int:
    """Save a section's fields (``None`` for a section of tables only) and its tables of rows
    together, all or nothing; returns how many confirmations the change withdrew."""
    withdrawn = 0
    if fields is not None:
        withdrawn += update_section(proposal, section, actor, fields, many=many)
    for table, rows in (tables or {}).items():
        withdrawn += replace_rows(proposal, table, actor, rows)
    return withdrawn


def withdraw_confirmations(proposal: Proposal, actor: User, section: str) -> int:
    return proposal.confirmations.filter(withdrawn_at__isnull=True).update(
        withdrawn_at=timezone.now(),
        withdrawn_by=actor,
        withdrawn_because=_("“%(section)s” was edited.")
        % {"section": section_named(section).title},
    )


@transaction.atomic
def confirm_sections(proposal: Proposal, user: User, side: str) -> Confirmation:
    """``user`` confirms sections 1–3 for ``side`` ("group" or "city")."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status not in CONFIRMABLE_STATUSES:
        raise ProposalError(
            _("Sections 1–3 are confirmed while the proposal is submitted or in consultation.")
        )
    if side not in sides_of(user, locked):
        raise ProposalError(_("Only someone of that side can confirm for it."))
    gaps = [p for p in missing_for_submission(locked) if p.section in (MUTUAL, ROLES, PURPOSE)]
    if gaps:
        raise ProposalError(_("Sections 1–3 are not complete yet: ") + " ".join(gaps))
    live = locked.confirmations.filter(side=side, withdrawn_at__isnull=True).first()
    if live is not None:
        return live
    return Confirmation.objects.create(proposal=locked, side=side, confirmed_by=user)


@transaction.atomic
def save_implementation(
    proposal: Proposal,
    actor: User,
    progress: Sequence[tuple[int, Any, str]],
    report_summary: str,
) -> None:
    """Milestone progress ``(milestone id, done on, note)`` and the implementation report."""
    locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if locked.status != Status.IN_PROGRESS:
        raise ProposalError(_("Progress is recorded while the project is in progress."))
    if not sides_of(actor, locked):
        raise ProposalError(
            _("Only the group and the city department of this project can do this.")
        )
    for pk, done_on, note in progress:
        locked.milestones.filter(pk=pk).update(done_on=done_on, progress_note=note)
    locked.report_summary = report_summary
    locked.save()
