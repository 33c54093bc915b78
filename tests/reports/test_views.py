"""Every report page for every role: the staff list and its request forms, a report's row
(htmx), the download of drafts and of published reports, publication, the public list."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from reports.models import Report
from surveys.models import Survey
from tests.conftest import acts, client_for, for_every_role, roles_except
from tests.reports.conftest import stored_report
from tests.surveys.conftest import make_survey

pytestmark = pytest.mark.django_db
SIGN_IN = 302
STAFF = {
    "centre_staff",
    "city_staff",
    "other_city_staff",
    "secretariat",
    "committee_member",
    "administrator",
}
# Survey results before publication and projects' self-evaluations.
NARROW = {"centre_staff", "secretariat", "committee_member"}
PUBLISHERS = {"centre_staff", "secretariat"}


@for_every_role({**roles_except(STAFF, 200, 403), "anonymous": SIGN_IN})
def test_the_staff_list_is_for_staff_and_the_committee(role_client: Client, expected: int) -> None:
    stored_report()
    assert role_client.get(reverse("reports:staff")).status_code == expected


@for_every_role({**roles_except(STAFF, 302, 403), "anonymous": SIGN_IN})
def test_staff_and_the_committee_ask_for_the_roster(
    role_client: Client, role: str, expected: int, not_eager: None
) -> None:
    response = role_client.post(reverse("reports:request", args=["roster"]))
    assert response.status_code == expected
    assert Report.objects.exists() is acts(role, expected)


@for_every_role({**roles_except(NARROW, 302, 403), "anonymous": SIGN_IN})
def test_a_survey_report_is_asked_for_by_the_readers_of_unpublished_results(
    role_client: Client, expected: int, not_eager: None
) -> None:
    survey = make_survey(status=Survey.Status.CLOSED)
    response = role_client.post(
        reverse("reports:request", args=["survey"]), {"survey-survey": survey.pk}
    )
    assert response.status_code == expected


@for_every_role({**roles_except(NARROW, 200, 403), "anonymous": SIGN_IN})
def test_a_draft_survey_report_is_read_by_its_audience_only(
    role_client: Client, expected: int
) -> None:
    report = stored_report("survey", parameters={"survey": 1}, title="調査の結果")
    assert role_client.get(reverse("reports:download", args=[report.pk])).status_code == expected
    assert role_client.get(reverse("reports:row", args=[report.pk])).status_code == expected


@for_every_role({**roles_except(STAFF, 200, 403), "anonymous": SIGN_IN})
def test_a_draft_roster_is_downloaded_by_staff_only(role_client: Client, expected: int) -> None:
    report = stored_report()
    response = role_client.get(reverse("reports:download", args=[report.pk]))
    assert response.status_code == expected
    if expected == 200:
        assert response["Content-Type"] == "application/pdf"
        assert response["Cache-Control"] == "private, no-store"


@for_every_role(roles_except(set(), 200, 200))
def test_a_published_report_is_downloaded_by_everyone(role_client: Client, expected: int) -> None:
    report = stored_report(published=True)
    assert role_client.get(reverse("reports:download", args=[report.pk])).status_code == expected
    assert role_client.get(reverse("reports:published")).status_code == expected


@for_every_role({**roles_except(PUBLISHERS, 302, 403), "anonymous": SIGN_IN})
def test_the_centre_and_the_secretariat_publish(
    role_client: Client, role: str, expected: int
) -> None:
    report = stored_report()
    url = reverse("reports:publication", args=[report.pk])
    assert role_client.post(url, {"publish": "1"}).status_code == expected
    report.refresh_from_db()
    assert report.is_published is (role in PUBLISHERS)


def test_a_report_being_made_has_no_file_and_its_row_asks_again(centre_staff: Any) -> None:
    report = stored_report(status=Report.Status.RUNNING)
    client = client_for(centre_staff)
    assert client.get(reverse("reports:download", args=[report.pk])).status_code == 404
    row = client.get(reverse("reports:row", args=[report.pk])).content.decode()
    assert f'hx-get="{reverse("reports:row", args=[report.pk])}"' in row
    assert "<progress" in row


def test_a_survey_report_waits_for_the_surveys_results_to_be_published(
    secretariat: Any,
) -> None:
    survey = make_survey(status=Survey.Status.CLOSED)
    report = stored_report("survey", parameters={"survey": survey.pk})
    client = client_for(secretariat)
    client.post(reverse("reports:publication", args=[report.pk]), {"publish": "1"})
    report.refresh_from_db()
    assert not report.is_published
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.PUBLISHED)
    client.post(reverse("reports:publication", args=[report.pk]), {"publish": "1"})
    report.refresh_from_db()
    assert report.is_published and report.expires_at is None


def test_an_unknown_survey_is_an_error_beside_the_field(centre_staff: Any) -> None:
    response = client_for(centre_staff).post(
        reverse("reports:request", args=["survey"]), {"survey-survey": "999"}
    )
    assert response.status_code == 200
    assert 'id="id_survey-survey_error"' in response.content.decode()
    assert not Report.objects.exists()


def test_the_staff_list_is_pinned_to_its_queries(
    centre_staff: Any, django_assert_num_queries: Any
) -> None:
    for _ in range(3):
        stored_report(requested_by=centre_staff)
    client = client_for(centre_staff)
    # session, user with its roles and groups (accounts.backends; permission and menu), the
    # count of the reports, the plans, projects and surveys offered in the forms, the status
    # report's fiscal years (years reported on, registrations, proposals), the page of
    # reports with their requesters.
    with django_assert_num_queries(10):
        client.get(reverse("reports:staff"))
    for _ in range(3):
        stored_report(requested_by=centre_staff)
    with django_assert_num_queries(10):
        client.get(reverse("reports:staff"))


def test_the_published_list_is_pinned_to_its_queries(django_assert_num_queries: Any) -> None:
    for _ in range(3):
        stored_report(published=True)
    # count of the published reports, the page of them.
    with django_assert_num_queries(2):
        Client().get(reverse("reports:published"))
