"""The secretariat's pages: rounds, the year's reports, review and publication."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from measures.models import ProgressReport, ReportingRound
from tests.conftest import client_for, for_every_role, roles_except
from tests.html import field_error
from tests.measures.conftest import make_report

pytestmark = pytest.mark.django_db

Status = ProgressReport.Status
SECRETARIAT = {"secretariat", "administrator"}
ONLY_SECRETARIAT = {**roles_except(SECRETARIAT, yes=200, no=403), "anonymous": 302}


@for_every_role(ONLY_SECRETARIAT)
def test_only_the_secretariat_sees_the_review_list(
    role_client: Any, expected: Any, reporting_round: Any
) -> None:
    assert role_client.get(reverse("measures:review_progress_reports")).status_code == expected


def test_the_review_list_counts_the_round_s_reports(
    secretariat: Any, guideline: Any, reporting_round: Any, django_assert_num_queries: Any
) -> None:
    make_report(guideline, "1-a-1", status=Status.SUBMITTED)
    make_report(guideline, "1-a-2", status=Status.APPROVED)
    client = client_for(secretariat)
    # 1 session, 2 user with its roles and managed groups (accounts.backends; permission and
    # menu); 3 the rounds with plans; 4 counts per status; 5 the round's measures with their
    # reports, 6 their lead departments; 7 the plans of the round form.
    with django_assert_num_queries(7):
        response = client.get(reverse("measures:review_progress_reports"))
    counts = {key: n for key, _, n in response.context["counts"]}
    assert counts == {
        "not_reported": 2,
        "draft": 0,
        "submitted": 1,
        "returned": 0,
        "approved": 1,
        "published": 0,
    }
    statuses = {m.code: m.report_status for m in response.context["measures"]}
    assert statuses == {
        "1-a-1": "submitted",
        "1-a-2": "approved",
        "1-i-1": "not_reported",
        "2-1": "not_reported",
    }


def test_the_review_list_costs_the_same_with_many_measures(
    secretariat: Any,
    guideline: Any,
    reporting_round: Any,
    dept_own: Any,
    django_assert_num_queries: Any,
) -> None:
    from measures.models import Measure

    for n in range(25):
        extra = Measure.objects.create(
            plan=guideline, code=f"x{n}", title="追加", sort_order=50 + n
        )
        extra.lead_departments.add(dept_own)
        make_report(guideline, f"x{n}", status=Status.SUBMITTED)
    client = client_for(secretariat)
    with django_assert_num_queries(7):
        client.get(reverse("measures:review_progress_reports"))


@for_every_role({**roles_except(SECRETARIAT, yes=302, no=403), "anonymous": 302})
def test_only_the_secretariat_opens_a_round(
    role: Any, role_client: Any, expected: Any, guideline: Any
) -> None:
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    data = {
        "plan": guideline.pk,
        "fiscal_year": timezone.localdate().year - 1,
        "deadline": deadline.isoformat(),
    }
    response = role_client.post(reverse("measures:open_round"), data)
    assert response.status_code == expected
    assert ReportingRound.objects.exists() is (role in SECRETARIAT)


def test_a_deadline_in_the_past_is_refused_beside_the_field(
    secretariat: Any, guideline: Any
) -> None:
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    data = {
        "plan": guideline.pk,
        "fiscal_year": timezone.localdate().year - 1,
        "deadline": yesterday.isoformat(),
    }
    response = client_for(secretariat).post(reverse("measures:open_round"), data)
    assert response.status_code == 200
    assert field_error(response.content.decode(), "id_deadline")
    assert not ReportingRound.objects.exists()


@for_every_role(ONLY_SECRETARIAT)
def test_only_the_secretariat_opens_the_review_page(
    role_client: Any, expected: Any, guideline: Any, reporting_round: Any
) -> None:
    report = make_report(guideline, "1-a-1", status=Status.SUBMITTED)
    assert (
        role_client.get(reverse("measures:review_progress_report", args=[report.pk])).status_code
        == expected
    )


@for_every_role({**roles_except(SECRETARIAT, yes=302, no=403), "anonymous": 302})
def test_only_the_secretariat_approves(
    role: Any, role_client: Any, expected: Any, guideline: Any, reporting_round: Any
) -> None:
    report = make_report(guideline, "1-a-1", status=Status.SUBMITTED)
    response = role_client.post(
        reverse("measures:review_progress_report", args=[report.pk]), {"action": "approve"}
    )
    assert response.status_code == expected
    report.refresh_from_db()
    assert (report.status == Status.APPROVED) is (role in SECRETARIAT)


def test_returning_without_a_comment_is_refused_beside_the_field(
    secretariat: Any, guideline: Any, reporting_round: Any
) -> None:
    report = make_report(guideline, "1-a-1", status=Status.SUBMITTED)
    response = client_for(secretariat).post(
        reverse("measures:review_progress_report", args=[report.pk]),
        {"action": "return", "comment": ""},
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "id_comment")
    report.refresh_from_db()
    assert report.status == Status.SUBMITTED


def test_returning_with_a_comment_sends_it_back(
    secretariat: Any, guideline: Any, reporting_round: Any
) -> None:
    report = make_report(guideline, "1-a-1", status=Status.SUBMITTED)
    client_for(secretariat).post(
        reverse("measures:review_progress_report", args=[report.pk]),
        {"action": "return", "comment": "数値を"},
    )
    report.refresh_from_db()
    assert (report.status, report.return_comment) == (Status.RETURNED, "数値を")


def test_an_illegal_action_is_explained_and_changes_nothing(
    secretariat: Any, guideline: Any, reporting_round: Any
) -> None:
    report = make_report(guideline, "1-a-1", status=Status.DRAFT)
    response = client_for(secretariat).post(
        reverse("measures:review_progress_report", args=[report.pk]),
        {"action": "publish"},
        follow=True,
    )
    message = gettext("A report that is “%(from)s” cannot become “%(to)s”.") % {
        "from": Status.DRAFT.label,
        "to": Status.PUBLISHED.label,
    }
    assert message in response.content.decode()
    report.refresh_from_db()
    assert report.status == Status.DRAFT


def test_publishing_all_approved_reports_of_a_round(
    secretariat: Any, guideline: Any, reporting_round: Any
) -> None:
    make_report(guideline, "1-a-1", status=Status.APPROVED)
    make_report(guideline, "1-a-2", status=Status.APPROVED)
    response = client_for(secretariat).post(
        reverse("measures:publish_approved", args=[reporting_round.pk])
    )
    assert response.status_code == 302
    assert set(ProgressReport.objects.values_list("status", flat=True)) == {Status.PUBLISHED}


@for_every_role({**roles_except(SECRETARIAT, yes=302, no=403), "anonymous": 302})
def test_only_the_secretariat_publishes_a_round(
    role: Any, role_client: Any, expected: Any, guideline: Any, reporting_round: Any
) -> None:
    make_report(guideline, "1-a-1", status=Status.APPROVED)
    response = role_client.post(reverse("measures:publish_approved", args=[reporting_round.pk]))
    assert response.status_code == expected
    published = ProgressReport.objects.filter(status=Status.PUBLISHED).exists()
    assert published is (role in SECRETARIAT)
