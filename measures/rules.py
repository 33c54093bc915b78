"""Permissions on plans, measures and progress reports, one per action.

Plans, measures and published reports are public. A report is written by city staff of one
of the measure's lead departments (staff of another department do not pass) and reviewed,
published and edited by the secretariat (地域のつながり課) and administrators, with two-factor
authentication where the settings require it.
"""

from __future__ import annotations

import rules

from accounts.models import User, Visitor
from accounts.rules import is_administrator, is_city_staff, is_secretariat

from .models import Measure, ProgressReport


@rules.predicate
def leads_measure(user: Visitor, measure: Measure | None) -> bool:
    """City staff of one of the measure's lead departments (reads a prefetch when present)."""
    if measure is None or not isinstance(user, User) or not is_city_staff(user):
        return False
    lead_ids = {department.pk for department in measure.lead_departments.all()}
    return bool(lead_ids & user.department_ids)


@rules.predicate
def leads_reported_measure(user: Visitor, report: ProgressReport | None) -> bool:
    return report is not None and leads_measure(user, report.measure)


@rules.predicate
def report_is_editable(user: Visitor, report: ProgressReport | None) -> bool:
    return report is not None and report.is_editable


@rules.predicate
def report_is_published(user: Visitor, report: ProgressReport | None) -> bool:
    return report is not None and report.status == ProgressReport.Status.PUBLISHED


is_plan_secretariat = is_secretariat | is_administrator

rules.add_perm("measures.report_progress", is_city_staff)
rules.add_perm("measures.write_report", leads_measure)
rules.add_perm("measures.edit_report", leads_reported_measure & report_is_editable)
rules.add_perm("measures.submit_report", leads_reported_measure & report_is_editable)
rules.add_perm(
    "measures.view_report", report_is_published | leads_reported_measure | is_plan_secretariat
)
rules.add_perm("measures.review_reports", is_plan_secretariat)
rules.add_perm("measures.manage_plans", is_plan_secretariat)
