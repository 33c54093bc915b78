"""Permissions on collaboration proposals, one per action.

A draft is seen only by the side writing it. From submission on, both sides (the group's
managers, the department's staff), the secretariat and the centre's coordinators take part;
committee members read proposals from the review on. Managers of other groups and staff of
other departments see only the public parts of adopted projects.
"""

from __future__ import annotations

import rules

from accounts.models import User, Visitor
from accounts.rules import (
    is_centre_staff,
    is_city_staff,
    is_committee_member,
    is_secretariat,
    works_in_department,
)
from groups.rules import manages_any_group

from .domain.parties import CITY, is_proposer, sides_of
from .models import DepartmentNeed, PanelMember, Proposal

Status = Proposal.Status
BEFORE_REVIEW = frozenset({Status.DRAFT, Status.SUBMITTED, Status.CONSULTATION})
AGREEMENT_STATUSES = frozenset({Status.ADOPTED, Status.AGREED, Status.IN_PROGRESS, Status.REPORTED})


@rules.predicate
def writes_proposal(user: Visitor, proposal: Proposal | None) -> bool:
    return proposal is not None and is_proposer(user, proposal)


@rules.predicate
def is_party(user: Visitor, proposal: Proposal | None) -> bool:
    """On the group side or the city side of this proposal (the secretariat is city side)."""
    return proposal is not None and bool(sides_of(user, proposal))


@rules.predicate
def on_city_side(user: Visitor, proposal: Proposal | None) -> bool:
    """For the department (or the secretariat): a manager of the group who works in another
    department is on the group side only."""
    return proposal is not None and CITY in sides_of(user, proposal)


@rules.predicate
def is_draft(user: Visitor, proposal: Proposal | None) -> bool:
    return proposal is not None and proposal.status == Status.DRAFT


@rules.predicate
def in_consultation(user: Visitor, proposal: Proposal | None) -> bool:
    return proposal is not None and proposal.status == Status.CONSULTATION


@rules.predicate
def is_confirmable(user: Visitor, proposal: Proposal | None) -> bool:
    return proposal is not None and proposal.status in (Status.SUBMITTED, Status.CONSULTATION)


@rules.predicate
def reached_review(user: Visitor, proposal: Proposal | None) -> bool:
    return proposal is not None and proposal.status not in BEFORE_REVIEW


@rules.predicate
def is_public_project(user: Visitor, proposal: Proposal | None) -> bool:
    return proposal is not None and proposal.is_public


@rules.predicate
def sits_on_panel(user: Visitor, proposal: Proposal | None) -> bool:
    if proposal is None or not isinstance(user, User):
        return False
    return PanelMember.objects.filter(panel__proposal=proposal, reviewer=user).exists()


@rules.predicate
def under_review(user: Visitor, proposal: Proposal | None) -> bool:
    return proposal is not None and proposal.status == Status.REVIEW


@rules.predicate
def in_panel_phase(user: Visitor, proposal: Proposal | None) -> bool:
    return proposal is not None and proposal.status in (Status.CONSULTATION, Status.REVIEW)


@rules.predicate
def agreement_phase(user: Visitor, proposal: Proposal | None) -> bool:
    return proposal is not None and proposal.status in AGREEMENT_STATUSES


@rules.predicate
def implementing(user: Visitor, proposal: Proposal | None) -> bool:
    return proposal is not None and proposal.status == Status.IN_PROGRESS


@rules.predicate
def evaluation_phase(user: Visitor, proposal: Proposal | None) -> bool:
    return proposal is not None and proposal.status in (Status.IN_PROGRESS, Status.REPORTED)


@rules.predicate
def reported(user: Visitor, proposal: Proposal | None) -> bool:
    return proposal is not None and proposal.status == Status.REPORTED


@rules.predicate
def need_is_listed(user: Visitor, need: DepartmentNeed | None) -> bool:
    return need is not None and need.is_listed


@rules.predicate
def need_of_own_department(user: Visitor, need: DepartmentNeed | None) -> bool:
    return need is not None and bool(works_in_department(user, need.department))


is_workflow_staff = is_secretariat | is_centre_staff
# Staff-only and closed needs are read by the city's staff and the centre, never by groups.
reads_every_need = is_city_staff | is_secretariat | is_centre_staff
is_submitted = ~is_draft

rules.add_perm("collaboration.start_group_proposal", manages_any_group)
rules.add_perm("collaboration.start_city_proposal", is_city_staff | is_secretariat)
rules.add_perm(
    "collaboration.view_my_proposals", manages_any_group | is_city_staff | is_secretariat
)
rules.add_perm(
    "collaboration.view_proposal",
    writes_proposal
    | (is_submitted & (is_party | is_workflow_staff))
    | (reached_review & is_committee_member)
    | (is_submitted & sits_on_panel),
)
rules.add_perm("collaboration.view_project", is_public_project)
# The proposal's moves (collaboration.workflow.proposals): the side that wrote it, either
# side of the project, or the secretariat deciding.
rules.add_perm("collaboration.move_as_proposer", writes_proposal)
rules.add_perm("collaboration.move_as_party", is_party)
rules.add_perm("collaboration.decide_proposal", is_secretariat)
rules.add_perm(
    "collaboration.edit_proposal",
    (is_draft & writes_proposal) | (in_consultation & is_party),
)
rules.add_perm("collaboration.confirm_sections", is_confirmable & is_party)
rules.add_perm("collaboration.discuss_proposal", is_submitted & (is_party | is_workflow_staff))
rules.add_perm(
    "collaboration.view_staff_notes",
    is_submitted & (on_city_side | is_workflow_staff),
)
rules.add_perm("collaboration.review_proposals", is_secretariat | is_committee_member)
rules.add_perm("collaboration.manage_panel", in_panel_phase & is_secretariat)
rules.add_perm("collaboration.score_proposal", under_review & sits_on_panel)
rules.add_perm("collaboration.work_on_agreement", agreement_phase & is_party)
rules.add_perm("collaboration.report_implementation", implementing & is_party)
rules.add_perm("collaboration.evaluate_as_party", evaluation_phase & is_party)
rules.add_perm("collaboration.evaluate_as_committee", reported & is_committee_member)
rules.add_perm("collaboration.import_proposals", is_secretariat)
rules.add_perm("collaboration.manage_programs", is_secretariat)

rules.add_perm("collaboration.view_need", need_is_listed | reads_every_need)
rules.add_perm("collaboration.view_staff_needs", reads_every_need)
rules.add_perm("collaboration.post_need", is_city_staff | is_secretariat)
rules.add_perm("collaboration.edit_need", need_of_own_department | is_secretariat)
# The need's moves (collaboration.workflow.needs): coordinators mark a need matched or
# closed as their matching goes, the department and the secretariat too.
rules.add_perm(
    "collaboration.set_need_status", need_of_own_department | is_secretariat | is_centre_staff
)
