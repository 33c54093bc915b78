"""Permissions on printed reports, one per action.

Staff of the city and the centre, the secretariat, administrators and committee members ask
for reports and read drafts; each kind names its audience, narrower where the report holds
what only some of them read (survey results before publication, self-evaluations of
projects). The centre and the secretariat publish. Everyone reads published reports.
"""

from __future__ import annotations

import rules

from accounts.models import Visitor
from accounts.rules import (
    is_administrator,
    is_centre_staff,
    is_city_staff,
    is_committee_member,
    is_secretariat,
)

from .kinds import Kind, kind_of
from .models import Report

is_report_staff = (
    is_city_staff | is_committee_member | is_centre_staff | is_secretariat | is_administrator
)
# Who requests and reads the drafts of a kind (Kind.audience).
AUDIENCES = {
    "staff": is_report_staff,
    # As surveys.rules' readers of results before they are published.
    "survey_results": is_centre_staff | is_secretariat | is_committee_member,
    # As collaboration.rules' readers of every project's evaluations.
    "evaluations": is_centre_staff | is_secretariat | is_committee_member,
}
is_publisher = is_centre_staff | is_secretariat


def reads(user: Visitor, kind: Kind) -> bool:
    return bool(AUDIENCES[kind.audience](user))


@rules.predicate
def reads_kind(user: Visitor, kind: Kind | None) -> bool:
    return kind is not None and reads(user, kind)


@rules.predicate
def reads_report(user: Visitor, report: Report | None) -> bool:
    return report is not None and reads(user, kind_of(report.kind))


@rules.predicate
def report_is_published(user: Visitor, report: Report | None) -> bool:
    return report is not None and report.is_published


@rules.predicate
def report_is_ready(user: Visitor, report: Report | None) -> bool:
    return report is not None and report.status == Report.Status.DONE


@rules.predicate
def kind_is_publishable(user: Visitor, report: Report | None) -> bool:
    return report is not None and kind_of(report.kind).publishable


rules.add_perm("reports.view_reports", is_report_staff)
rules.add_perm("reports.request_report", is_report_staff & reads_kind)
rules.add_perm("reports.view_report", report_is_published | reads_report)
rules.add_perm(
    "reports.publish_report", is_publisher & reads_report & report_is_ready & kind_is_publishable
)
rules.add_perm("reports.view_published_reports", rules.always_allow)
