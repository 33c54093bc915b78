"""Writes to department needs (市の業務課題): posting, editing and moving their status.

City staff post needs for their own department (the secretariat for any); coordinators of the
centre mark a need matched or closed as their matching goes. The audit trail records each
change; the forms have checked the values before they reach here.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Department

from .models import DepartmentNeed
from .workflow import ProposalError


class NeedError(ProposalError):
    """A need cannot be written as asked; the message says why, in the user's language."""


def _check_department(actor: Any, department: Department) -> None:
    if actor.has_role("secretariat") or department.pk in actor.department_ids:
        return
    raise NeedError(_("You post needs for your own department only."))


@transaction.atomic
def save_need(
    need: DepartmentNeed | None,
    actor: Any,
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
    return need


@transaction.atomic
def set_need_status(need: DepartmentNeed, actor: Any, status: str) -> DepartmentNeed:
    if not actor.has_perm("collaboration.set_need_status", need):
        raise NeedError(_("You cannot change the status of this need."))
    if status not in DepartmentNeed.Status.values:
        raise NeedError(_("Choose one of the statuses offered."))
    locked = DepartmentNeed.objects.select_for_update().get(pk=need.pk)
    if locked.status != status:
        locked.status = status
        locked.save(update_fields=["status", "updated_at"])
    need.status = status
    return need
