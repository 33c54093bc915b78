"""Who stands on which side of a proposal (the group side, the city side, the proposer).

The group side is the proposing group and the partner groups; the city side is the
proposing department and the partner departments, and the secretariat, which may do for
every department what city staff do for their own (DESIGN.md §2). Managers of another group
and staff of another department are on no side.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from accounts.models import Role, User, Visitor
from accounts.rules import is_secretariat

from ..models import Proposal

GROUP = "group"
CITY = "city"


def group_ids(proposal: Proposal) -> set[int]:
    ids = {group.pk for group in proposal.counterpart_groups.all()}
    if proposal.proposing_group_id is not None:
        ids.add(proposal.proposing_group_id)
    return ids


def department_ids(proposal: Proposal) -> set[int]:
    ids = {department.pk for department in proposal.counterpart_departments.all()}
    if proposal.proposing_department_id is not None:
        ids.add(proposal.proposing_department_id)
    return ids


def sides_of(user: Visitor, proposal: Proposal) -> set[str]:
    """``{"group"}``, ``{"city"}``, both (a city employee who manages the group) or none."""
    if not isinstance(user, User) or not user.is_active:
        return set()
    sides = set()
    if user.managed_group_ids & group_ids(proposal):
        sides.add(GROUP)
    if is_secretariat(user) or user.department_ids & department_ids(proposal):
        sides.add(CITY)
    return sides


def is_proposer(user: Visitor, proposal: Proposal) -> bool:
    """The side that wrote the proposal: the group's managers, or the department's staff."""
    if not isinstance(user, User) or not user.is_active:
        return False
    if proposal.proposer_side == Proposal.ProposerSide.GROUP:
        return proposal.proposing_group_id in user.managed_group_ids
    return bool(is_secretariat(user)) or proposal.proposing_department_id in user.department_ids


def users_of_side(proposal: Proposal, side: str) -> QuerySet[User]:
    """The active users who act for ``side``: the managers of its groups or the staff of its
    departments (the secretariat is reached through :func:`secretariat_users`)."""
    if side == GROUP:
        condition = Q(group_memberships__group_id__in=group_ids(proposal))
    else:
        condition = Q(
            roles__role=Role.CITY_STAFF, roles__department_id__in=department_ids(proposal)
        )
    return User.objects.filter(condition, is_active=True).distinct()
