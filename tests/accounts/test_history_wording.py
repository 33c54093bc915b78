"""The change history reads in the reader's words: field labels, choice labels, yes/no,
related rows by name and times in Japan time, never raw names, None/True or UTC (issue 13,
item 13)."""

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from groups.models import CitizenGroup
from kamakura_portal.audit import acting_as
from tests.conftest import client_for
from tests.factories import OrganizationTypeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def page(administrator: Any, centre_staff: Any, group_a: Any) -> str:
    kind = OrganizationTypeFactory.create(name="任意団体")
    with acting_as(administrator):
        group_a.status = CitizenGroup.Status.SUSPENDED
        group_a.organization_type = kind
        group_a.submitted_at = datetime.datetime(2026, 4, 1, 0, 30, tzinfo=datetime.UTC)
        group_a.save()
        contact = group_a.contacts.create(kind="representative", name="由比 花子")
        contact.name_public = True
        contact.save()
    url = reverse("object_history", args=["groups", "citizengroup", group_a.pk])
    feed = client_for(centre_staff).get(reverse("audit_feed")).content.decode()
    return client_for(centre_staff).get(url).content.decode() + feed


def test_fields_are_named_by_their_labels(page: str) -> None:
    assert "状態" in page and "組織形態" in page
    assert "status:" not in page and "organization_type" not in page


def test_choices_are_shown_by_their_labels(page: str) -> None:
    assert "登録 <span aria-hidden" in page or "登録" in page
    assert "休止" in page
    assert "registered" not in page and "suspended" not in page


def test_related_rows_are_shown_by_name_and_empty_values_as_empty(page: str) -> None:
    assert "任意団体" in page
    assert "None" not in page


def test_booleans_read_yes_or_no(page: str) -> None:
    assert "True" not in page and "False" not in page
    assert "はい" in page


def test_times_are_japan_time(page: str) -> None:
    # 00:30 UTC is 09:30 in Japan.
    assert "09:30" in page or "9:30" in page
    assert "00:30" not in page


def test_the_page_keeps_its_pinned_queries_with_related_names(
    centre_staff: Any, administrator: Any, group_a: Any, django_assert_num_queries: Any
) -> None:
    kinds = [OrganizationTypeFactory.create(name=f"種別{n}") for n in range(5)]
    with acting_as(administrator):
        for kind in kinds:
            group_a.organization_type = kind
            group_a.save()
    assert timezone.now()
    client = client_for(centre_staff)
    url = reverse("object_history", args=["groups", "citizengroup", group_a.pk])
    # 1. session 2. user with its roles and managed groups (accounts.backends) 3. the object
    # 4. the log entries with actor and content type
    # 5. the organisation types the entries name, in one query
    with django_assert_num_queries(5):
        html = client.get(url).content.decode()
    assert all(kind.name in html for kind in kinds)
