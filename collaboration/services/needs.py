"""Writes to department needs (市の業務課題): posting, editing and moving their status.

City staff post needs for their own department (the secretariat for any); coordinators of the
centre mark a need matched or closed as their matching goes. The audit trail records each
change; the forms have checked the values before they reach here.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts.models import Department, User
from accounts.rules import is_secretariat
from kamakura_portal.workflow import SYSTEM, transition

from ..errors import NeedError
from ..models import DepartmentNeed
from ..search import refresh_need_search


def _check_department(actor: User, department: Department) -> None:
    if is_secretariat(actor) or department.pk in actor.department_ids:
        return
    raise NeedError(_("You post needs for your own department only."))


@transaction.atomic
def save_need(
    need: DepartmentNeed | None,
    actor: User,
    fields: Mapping[str, Any],
    *,
    many: Mapping[str, Iterable[Any]] | None = None,
) -> DepartmentNeed:
    """Create a need (``need`` None) or update one, with its fields and areas."""
    if not actor.has_perm("collaboration.post_need"):
        raise NeedError(_("Only the city's staff post department needs."))
    if need is None:
        need = DepartmentNeed(created_by=actor)
    elif not actor.has_perm("collaboration.edit_need", need):
        raise NeedError(_("Only the department's staff and the secretariat edit this need."))
    for name, value in fields.items():
        setattr(need, name, value)
    _check_department(actor, need.department)
    need.save()
    for name, values in (many or {}).items():
        getattr(need, name).set(list(values))
    refresh_need_search([need.pk])
    return need


def set_need_status(need: DepartmentNeed, actor: User, status: str) -> DepartmentNeed:
    """Move the need along its table (:mod:`collaboration.workflow.needs`)."""
    return transition(need, status, actor)


def close_needs_past_deadline(today: datetime.date | None = None) -> int:
    """Open needs whose 募集期限 (``apply_by``) has passed are closed by the portal, with the
    reason in their history; returns how many. Each move is the workflow's own."""
    today = today or timezone.localdate()
    due = DepartmentNeed.objects.filter(status=DepartmentNeed.Status.OPEN, apply_by__lt=today)
    closed = 0
    for need in list(due):
        deadline = need.apply_by or today  # not None: filtered on it
        reason = _("Applications closed on %(date)s.") % {
            "date": formats.date_format(deadline, "DATE_FORMAT")
        }
        try:
            transition(need, DepartmentNeed.Status.CLOSED, SYSTEM, reason=reason)
        except NeedError:
            continue  # moved meanwhile: nothing to do
        closed += 1
    return closed
