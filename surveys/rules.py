"""Permissions on surveys, one per action.

The centre and the secretariat build and run surveys and read every result while a survey is
open; only the secretariat publishes results. Committee members read results (not free text:
it may name people). Group managers answer for their own groups, city staff for their own
departments, signed-in people for themselves. Published results are public.
"""

from __future__ import annotations

import rules

from accounts.models import User, Visitor
from accounts.rules import is_centre_staff, is_committee_member, is_secretariat

from .models import Survey


@rules.predicate
def results_are_published(user: Visitor, survey: Survey | None) -> bool:
    return survey is not None and survey.status == Survey.Status.PUBLISHED


@rules.predicate
def may_answer(user: Visitor, survey: Survey | None) -> bool:
    """The user is in the survey's audience (for a group, a department or themself).

    Whether the survey still takes answers is the page's to say, with the closing date.
    """
    if survey is None or not isinstance(user, User):
        return False
    if survey.status == Survey.Status.DRAFT:
        return False
    if survey.audience == Survey.Audience.GROUPS:
        return bool(user.managed_group_ids)
    if survey.audience == Survey.Audience.CITY_STAFF:
        return bool(user.department_ids)
    return True


@rules.predicate
def may_answer_any(user: Visitor) -> bool:
    return isinstance(user, User)


is_survey_staff = is_centre_staff | is_secretariat
is_results_reader = is_survey_staff | is_committee_member

rules.add_perm("surveys.manage_surveys", is_survey_staff)
rules.add_perm("surveys.build_survey", is_survey_staff)
rules.add_perm("surveys.run_survey", is_survey_staff)
rules.add_perm("surveys.publish_results", is_secretariat)
rules.add_perm("surveys.view_live_results", is_results_reader)
rules.add_perm("surveys.view_free_text", is_survey_staff)
rules.add_perm("surveys.export_responses", is_survey_staff)
rules.add_perm("surveys.view_published_results", results_are_published)
rules.add_perm("surveys.view_my_surveys", may_answer_any)
rules.add_perm("surveys.answer_survey", may_answer)
