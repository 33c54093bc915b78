"""Who may do what in the coordinators' workbench (django-rules)."""

from __future__ import annotations

import rules

from accounts.models import User, Visitor
from accounts.rules import is_administrator, is_centre_staff, is_city_staff, is_secretariat
from collaboration.rules import need_is_listed, need_of_own_department
from groups.rules import manages_any_group

from .models import Invitation

# The coordinators (市民活動コーディネーター) are the centre's staff, with two-factor
# authentication where the settings require it (accounts.rules).
is_coordinator = is_centre_staff


# Invitations (打診): coordinators run them; the need's department and the secretariat follow
# them; a group's managers see and answer their own group's invitations once sent — never a
# shortlist (候補), never another group's.
@rules.predicate
def manages_invited_group(user: Visitor, invitation: Invitation | None) -> bool:
    if invitation is None or not isinstance(user, User):
        return False
    return invitation.group_id in user.managed_group_ids


@rules.predicate
def was_sent(user: Visitor, invitation: Invitation | None) -> bool:
    return invitation is not None and invitation.status != Invitation.Status.CANDIDATE


@rules.predicate
def works_on_invited_need(user: Visitor, invitation: Invitation | None) -> bool:
    if invitation is None or not isinstance(user, User) or not is_city_staff(user):
        return False
    return invitation.need.department_id in user.department_ids


@rules.predicate
def invited_need_is_listed(user: Visitor, invitation: Invitation | None) -> bool:
    return invitation is not None and invitation.need.is_listed


rules.add_perm("coordination.use_workbench", is_coordinator)
rules.add_perm(
    "coordination.view_pipeline", is_coordinator | need_of_own_department | is_secretariat
)
rules.add_perm("coordination.invite_groups", is_coordinator)
rules.add_perm("coordination.raise_hand", manages_any_group & need_is_listed)
rules.add_perm("coordination.view_my_invitations", manages_any_group)
rules.add_perm(
    "coordination.view_invitation",
    is_coordinator | is_secretariat | works_on_invited_need | (manages_invited_group & was_sent),
)
# The invitation's moves (coordination.workflow).
rules.add_perm("coordination.invite_group", is_coordinator)
rules.add_perm("coordination.answer_invitation", manages_invited_group)
rules.add_perm("coordination.raise_hand_as", manages_invited_group & invited_need_is_listed)
rules.add_perm("coordination.coordinate_invitation", is_coordinator)
rules.add_perm("coordination.open_proposal", is_coordinator | manages_invited_group)
rules.add_perm("coordination.end_talks", is_coordinator | manages_invited_group)

# The consultation log (相談記録) is the centre's own record: its staff keep it, and
# administrators may too. Not the secretariat nor any department: consultations hold groups'
# and people's inner matters (money, members, tax); the status report reads only the yearly
# counts, through coordination.queries.consultations.
keeps_consultation_log = is_centre_staff | is_administrator
rules.add_perm("coordination.view_consultations", keeps_consultation_log)
rules.add_perm("coordination.record_consultation", keeps_consultation_log)
rules.add_perm("coordination.edit_consultation", keeps_consultation_log)

# The civic synonyms the matching reads (kamakura_portal.CivicSynonym): the centre's staff
# keep the vocabulary they match with, and administrators may too.
keeps_synonyms = is_centre_staff | is_administrator
rules.add_perm("coordination.view_synonyms", keeps_synonyms)
rules.add_perm("coordination.add_synonym", keeps_synonyms)
rules.add_perm("coordination.change_synonym", keeps_synonyms)
rules.add_perm("coordination.delete_synonym", keeps_synonyms)
