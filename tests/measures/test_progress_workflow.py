"""The progress-report workflow: rounds, drafts, the state machine, its records and mails."""

from __future__ import annotations

import datetime
import re
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone
from django.utils.translation import gettext

from kamakura_portal.workflow import history_of, transition
from measures import services
from measures.models import ProgressReport, ReportingRound
from tests.measures.conftest import make_report

pytestmark = pytest.mark.django_db

Status = ProgressReport.Status


def test_a_report_can_be_started_only_for_a_year_the_secretariat_asked_for(
    guideline: Any, city_staff: Any
) -> None:
    measure = guideline.measures.get(code="1-a-1")
    expected = gettext("The secretariat has not asked for reports on this fiscal year.")
    with pytest.raises(services.ProgressError, match=re.escape(expected)):
        services.start_report(measure, 2025, city_staff)
    assert not ProgressReport.objects.exists()


def test_starting_twice_gives_the_same_draft_and_records_its_creation_once(
    guideline: Any, reporting_round: Any, city_staff: Any
) -> None:
    measure = guideline.measures.get(code="1-a-1")
    first = services.start_report(measure, 2025, city_staff)
    second = services.start_report(measure, 2025, city_staff)
    assert first == second
    assert first.status == Status.DRAFT
    assert list(history_of(first, oldest_first=True).values_list("to_status", flat=True)) == [
        Status.DRAFT
    ]


def test_submitting_an_incomplete_report_names_each_gap_and_changes_nothing(
    guideline: Any, reporting_round: Any, city_staff: Any
) -> None:
    report = make_report(guideline, "1-a-1", progress="", grade="", achievements=" ", next_steps="")
    with pytest.raises(services.ProgressError) as raised:
        transition(report, Status.SUBMITTED, city_staff)
    assert [gap.section for gap in raised.value.problems] == [
        "progress",
        "grade",
        "achievements",
        "next_steps",
    ]
    report.refresh_from_db()
    assert report.status == Status.DRAFT
    assert not history_of(report).exists()


def test_submission_records_who_and_when_and_mails_the_secretariat(
    own_report: Any, city_staff: Any, secretariat: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        report = transition(own_report, Status.SUBMITTED, city_staff)
    assert report.status == Status.SUBMITTED
    assert report.submitted_by == city_staff
    assert report.submitted_at is not None
    event = history_of(report).get()
    assert (event.from_status, event.to_status, event.actor) == ("draft", "submitted", city_staff)
    assert [m.to for m in mail.outbox] == [[secretariat.email]]
    assert "施策1-a-1" in mail.outbox[0].subject
    assert f"/measures/review/{report.pk}/" in mail.outbox[0].body


def test_returning_needs_a_comment_that_the_lead_department_receives(
    own_report: Any,
    city_staff: Any,
    other_city_staff: Any,
    secretariat: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    report = transition(own_report, Status.SUBMITTED, city_staff)
    why = gettext("Write why the report is returned; the department will read it.")
    with pytest.raises(services.ProgressError, match=re.escape(why)):
        transition(report, Status.RETURNED, secretariat, reason=" ")
    with django_capture_on_commit_callbacks(execute=True):
        report = transition(
            report,
            Status.RETURNED,
            secretariat,
            reason="指標の実績を入れてください",
        )
    assert report.status == Status.RETURNED
    assert report.return_comment == "指標の実績を入れてください"
    assert [m.to for m in mail.outbox] == [[city_staff.email]]  # not another department's staff
    assert "指標の実績を入れてください" in mail.outbox[0].body


def test_the_full_cycle_ends_published_with_every_move_recorded(
    own_report: Any, city_staff: Any, secretariat: Any
) -> None:
    report = transition(own_report, Status.SUBMITTED, city_staff)
    report = transition(report, Status.RETURNED, secretariat, reason="直して")
    report = transition(report, Status.SUBMITTED, city_staff)
    report = transition(report, Status.APPROVED, secretariat)
    assert report.approved_by == secretariat
    assert report.return_comment == ""
    report = transition(report, Status.PUBLISHED, secretariat)
    assert report.published_at is not None
    assert list(history_of(report, oldest_first=True).values_list("to_status", flat=True)) == [
        "submitted",
        "returned",
        "submitted",
        "approved",
        "published",
    ]


@pytest.mark.parametrize(
    ("start", "to", "by"),
    [
        (Status.DRAFT, Status.APPROVED, "secretariat"),  # not submitted yet
        (Status.DRAFT, Status.PUBLISHED, "secretariat"),
        (Status.SUBMITTED, Status.APPROVED, "city_staff"),  # a department cannot approve
        (Status.SUBMITTED, Status.PUBLISHED, "secretariat"),  # approve first
        (Status.PUBLISHED, Status.SUBMITTED, "city_staff"),
        (Status.APPROVED, Status.SUBMITTED, "city_staff"),
    ],
)
def test_illegal_moves_are_refused_in_japanese_and_change_nothing(
    request: Any, guideline: Any, reporting_round: Any, start: Any, to: Any, by: Any
) -> None:
    report = make_report(guideline, "1-a-1", status=start)
    with pytest.raises(services.ProgressError) as raised:
        transition(report, to, request.getfixturevalue(by))
    message = gettext("A report that is “%(from)s” cannot become “%(to)s”.")
    assert str(raised.value) == message % {"from": Status(start).label, "to": Status(to).label}
    report.refresh_from_db()
    assert report.status == start
    assert not history_of(report).exists()


def test_withdrawing_a_published_report_takes_it_off_the_public_pages(
    guideline: Any, reporting_round: Any, secretariat: Any
) -> None:
    report = make_report(guideline, "1-a-1", status=Status.PUBLISHED)
    report = transition(report, Status.APPROVED, secretariat)
    assert report.status == Status.APPROVED
    assert report.published_at is None


def test_a_submitted_report_can_no_longer_be_saved(own_report: Any, city_staff: Any) -> None:
    report = transition(own_report, Status.SUBMITTED, city_staff)
    message = gettext("This report is “%(status)s” and can no longer be changed.")
    with pytest.raises(
        services.ProgressError, match=message % {"status": report.get_status_display()}
    ):
        services.save_report(report, {"achievements": "上書き"}, [], [])
    report.refresh_from_db()
    assert report.achievements == "交流会を3回開催した。"


def test_saving_replaces_text_indicators_and_links_together(own_report: Any) -> None:
    services.save_report(
        own_report,
        {"achievements": "新しい実績"},
        [{"name": "参加団体数", "unit": "団体", "target": 30, "actual": 24}],
        [{"title": "実施報告", "url": "https://www.city.kamakura.kanagawa.jp/"}],
    )
    services.save_report(
        own_report,
        {"achievements": "さらに新しい実績"},
        [{"name": "交流会の回数", "unit": "回", "target": 3, "actual": 3}],
        [],
    )
    own_report.refresh_from_db()
    assert own_report.achievements == "さらに新しい実績"
    assert list(own_report.indicators.values_list("name", flat=True)) == ["交流会の回数"]
    assert not own_report.evidence_links.exists()


def test_publishing_a_round_publishes_only_its_approved_reports(
    guideline: Any, reporting_round: Any, secretariat: Any
) -> None:
    approved = make_report(guideline, "1-a-1", status=Status.APPROVED)
    submitted = make_report(guideline, "1-a-2", status=Status.SUBMITTED)
    other_year = make_report(guideline, "1-i-1", status=Status.APPROVED, year=2024)
    assert services.publish_approved(reporting_round, secretariat) == 1
    statuses = {r.pk: r.status for r in ProgressReport.objects.all()}
    assert statuses == {
        approved.pk: Status.PUBLISHED,
        submitted.pk: Status.SUBMITTED,
        other_year.pk: Status.APPROVED,
    }


def test_moving_a_deadline_keeps_one_round_and_restarts_its_reminders(
    guideline: Any, secretariat: Any, dept_own: Any
) -> None:
    today = timezone.localdate()
    round_ = services.open_round(guideline, 2025, today + datetime.timedelta(days=10), secretariat)
    services.claim_reminder(round_, dept_own, 14)
    later = today + datetime.timedelta(days=40)
    again = services.open_round(guideline, 2025, later, secretariat)
    assert again.pk == round_.pk
    assert ReportingRound.objects.get().deadline == later
    assert not round_.reminders.exists()
