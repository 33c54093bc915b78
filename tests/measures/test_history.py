"""A progress report's history rows are as private as the report: centre staff, who do not
read unpublished reports, do not read them in the change history either (issue 13, item 1)."""

from typing import Any

import pytest
from django.urls import reverse

from kamakura_portal.audit import acting_as
from tests.conftest import client_for, for_every_role, roles_except

pytestmark = pytest.mark.django_db

FEED = "/staff/history/"
DRAFT_TEXT = "未公開の実績: 交流会の参加者が減った理由"
RETURN_COMMENT = "差し戻し: 指標の数字が前年と合いません"


@pytest.fixture
def returned_report(own_report: Any, city_staff: Any, secretariat: Any) -> Any:
    with acting_as(city_staff):
        own_report.achievements = DRAFT_TEXT
        own_report.save()
    with acting_as(secretariat):
        own_report.status = "returned"
        own_report.return_comment = RETURN_COMMENT
        own_report.save()
    return own_report


@for_every_role(
    {
        **roles_except({"secretariat", "administrator"}, yes=200, no=403),
        "anonymous": 302,
        # Without two-factor authentication staff are first sent to set it up (302).
        "centre_staff_without_mfa": 302,
        "secretariat_without_mfa": 302,
        "administrator_without_mfa": 302,
    }
)
def test_an_unpublished_reports_history_is_read_by_those_who_read_the_report(
    role_client: Any, expected: Any, returned_report: Any
) -> None:
    url = reverse("object_history", args=["measures", "progressreport", returned_report.pk])
    response = role_client.get(url)
    assert response.status_code == expected
    if expected == 200:
        assert RETURN_COMMENT in response.content.decode()


@pytest.mark.parametrize(
    ("role", "reads"), [("centre_staff", False), ("secretariat", True), ("administrator", True)]
)
def test_the_feed_shows_an_unpublished_report_only_to_its_readers(
    role: str, reads: bool, request: pytest.FixtureRequest, returned_report: Any
) -> None:
    client = client_for(request.getfixturevalue(role))
    page_status = client.get(
        reverse("measures:progress_report", args=[returned_report.pk])
    ).status_code
    assert page_status == (200 if reads else 403)
    page = client.get(FEED).content.decode()
    assert (DRAFT_TEXT in page, RETURN_COMMENT in page) == (reads, reads)
