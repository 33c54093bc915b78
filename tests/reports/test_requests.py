"""Asking for a report: the same inputs reuse the report, changed inputs make a new one and
mark the old one 古い, and with the broker down nothing is asked for at all."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest
from django.urls import reverse

from groups.models import CitizenGroup
from reports import kinds
from reports.models import Report
from reports.services import ReportsUnavailable, mark_stale, request_report
from reports.workflow import told_of
from tests.conftest import broker_unreachable, client_for, ja
from tests.reports.conftest import stored_report

pytestmark = pytest.mark.django_db


def test_the_same_inputs_reuse_the_report_being_made(
    register: dict[str, Any], centre_staff: Any, not_eager: None
) -> None:
    first = request_report("roster", {}, centre_staff)
    second = request_report("roster", {}, centre_staff)
    assert not first.reused and second.reused
    assert second.report == first.report
    assert first.report.status == Report.Status.QUEUED
    assert first.report.title == ja("Roster of civic activity groups")


def test_a_finished_report_of_the_same_inputs_is_handed_out_again(
    register: dict[str, Any], centre_staff: Any, not_eager: None
) -> None:
    report = request_report("roster", {}, centre_staff).report
    Report.objects.filter(pk=report.pk).update(status=Report.Status.DONE)
    again = request_report("roster", {}, centre_staff)
    assert again.reused and again.report.pk == report.pk


def test_changed_inputs_make_a_new_report_and_mark_the_old_one_outdated(
    register: dict[str, Any], centre_staff: Any, not_eager: None
) -> None:
    old = request_report("roster", {}, centre_staff).report
    Report.objects.filter(pk=old.pk).update(status=Report.Status.DONE)
    register["kita"].activities = "森の手入れ"
    register["kita"].save()
    new = request_report("roster", {}, centre_staff)
    assert not new.reused and new.report.digest != old.digest
    old.refresh_from_db()
    assert old.is_stale


def test_the_sweep_marks_outdated_what_changed_since(
    register: dict[str, Any], centre_staff: Any, not_eager: None
) -> None:
    report = request_report("roster", {}, centre_staff).report
    Report.objects.filter(pk=report.pk).update(status=Report.Status.DONE)
    assert mark_stale() == 0
    register["waiting"].status = CitizenGroup.Status.REGISTERED
    register["waiting"].save()
    assert mark_stale() == 1
    report.refresh_from_db()
    assert report.is_stale


def test_a_private_change_of_a_contact_also_counts_as_changed_inputs(
    register: dict[str, Any], centre_staff: Any, not_eager: None
) -> None:
    """A contact made public changes the roster though no group row is saved."""
    report = request_report("roster", {}, centre_staff).report
    contact = register["ofuna"].contacts.get()
    contact.phone_public = True
    contact.save()
    assert request_report("roster", {}, centre_staff).report.digest != report.digest


@pytest.mark.django_db(transaction=True)
def test_with_the_broker_down_a_request_is_refused_and_nothing_is_left(
    register: dict[str, Any], centre_staff: Any, caplog: Any
) -> None:
    with broker_unreachable(), pytest.raises(ReportsUnavailable):
        request_report("roster", {}, centre_staff)
    assert not Report.objects.exists()
    with broker_unreachable():
        response = client_for(centre_staff).post(
            reverse("reports:request", args=["roster"]), follow=True
        )
        home = client_for(centre_staff).get(reverse("reports:staff"))
    assert response.status_code == 200
    message = ja(
        "Reports cannot be made just now: the service that makes them is not answering. "
        "Nothing was requested; please try again later."
    )
    assert message in response.content.decode()
    assert home.status_code == 200
    assert not Report.objects.exists()


def test_the_staff_list_marks_an_outdated_report(centre_staff: Any) -> None:
    report = stored_report()
    Report.objects.filter(pk=report.pk).update(is_stale=True)
    page = client_for(centre_staff).get(reverse("reports:staff")).content.decode()
    assert ja("Outdated") in page


def test_who_asks_while_the_report_is_made_is_told_too_and_the_committee_when_it_reads_it(
    register: dict[str, Any],
    centre_staff: Any,
    secretariat: Any,
    committee_member: Any,
    not_eager: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    report = request_report("roster", {}, centre_staff).report
    assert request_report("roster", {}, secretariat).reused
    assert request_report("roster", {}, centre_staff).reused  # the requester is not added twice
    assert list(report.also_requested_by.all()) == [secretariat]
    assert set(told_of(report, Report.Status.DONE)) == {centre_staff, secretariat}
    assert set(told_of(report, Report.Status.FAILED)) == {centre_staff, secretariat}

    # A kind the committee reads on paper: the committee is told once it is ready.
    read_on_paper = dataclasses.replace(kinds.kind_of("roster"), tells_committee=True)
    monkeypatch.setitem(kinds._KINDS, "roster", read_on_paper)
    assert set(told_of(report, Report.Status.DONE)) == {
        centre_staff,
        secretariat,
        committee_member,
    }
    assert committee_member not in told_of(report, Report.Status.FAILED)


def test_asking_again_for_a_finished_report_adds_nobody_to_be_told(
    register: dict[str, Any], centre_staff: Any, secretariat: Any, not_eager: None
) -> None:
    report = request_report("roster", {}, centre_staff).report
    Report.objects.filter(pk=report.pk).update(status=Report.Status.DONE)
    assert request_report("roster", {}, secretariat).reused
    assert not report.also_requested_by.exists()
