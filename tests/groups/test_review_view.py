from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from groups.models import CitizenGroup
from kamakura_portal.models import StatusChange
from tests.conftest import client_for, for_every_role, recipients_of, roles_except
from tests.factories import GroupMembershipFactory, UserFactory
from tests.html import field_error

pytestmark = pytest.mark.django_db

Status = CitizenGroup.Status
REGISTRY_STAFF = {"centre_staff", "secretariat", "administrator"}


@pytest.fixture
def pending(group_a: Any, group_manager: Any) -> Any:
    group_a.status = Status.SUBMITTED
    group_a.save()
    return group_a


def url(group: Any) -> str:
    return reverse("groups:review", args=[group.pk])


def test_the_review_lives_under_the_staff_page(group_a: Any) -> None:
    assert url(group_a) == f"/groups/staff/{group_a.pk}/review/"


@for_every_role({**roles_except(REGISTRY_STAFF, yes=302, no=403), "anonymous": 302})
def test_only_registry_staff_may_review(
    role_client: Any, role: Any, expected: Any, pending: Any
) -> None:
    response = role_client.post(url(pending), {"decision": "approve"})
    assert response.status_code == expected
    pending.refresh_from_db()
    approved = role in REGISTRY_STAFF
    assert pending.status == (Status.REGISTERED if approved else Status.SUBMITTED)


def test_a_get_is_not_allowed(centre_staff: Any, pending: Any) -> None:
    assert client_for(centre_staff).get(url(pending)).status_code == 405


def test_approval_puts_the_group_in_the_public_directory(
    centre_staff: Any, pending: Any, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    assert pending.name not in client.get("/groups/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(centre_staff).post(url(pending), {"decision": "approve"})
    assert response.status_code == 302
    assert response["Location"] == reverse("groups:queue")
    pending.refresh_from_db()
    assert pending.status == Status.REGISTERED
    assert pending.registered_on is not None
    assert pending.name in client.get("/groups/").content.decode()
    assert client.get(reverse("groups:profile", args=[pending.pk])).status_code == 200
    assert pending.status_changes.get().actor == centre_staff
    assert [message.to for message in mail.outbox] == [["manager@example.jp"]]


def test_the_queue_page_thanks_the_reviewer(centre_staff: Any, pending: Any) -> None:
    response = client_for(centre_staff).post(url(pending), {"decision": "approve"}, follow=True)
    assert pending.name in response.content.decode()
    assert [m.level_tag for m in response.context["messages"]] == ["success"]


def test_returning_mails_every_manager_the_reason(
    centre_staff: Any, pending: Any, django_capture_on_commit_callbacks: Any
) -> None:
    co_manager = UserFactory.create(email="co@example.jp")
    GroupMembershipFactory.create(user=co_manager, group=pending, role="editor")
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(centre_staff).post(
            url(pending), {"decision": "return", "reason": "活動内容をもう少し詳しく"}
        )
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == Status.RETURNED
    assert pending.status_reason == "活動内容をもう少し詳しく"
    assert recipients_of(mail.outbox) == ["co@example.jp", "manager@example.jp"]
    assert mail.outbox[0].subject.startswith("[つながる鎌倉]")
    assert "活動内容をもう少し詳しく" in mail.outbox[0].body
    assert pending.name not in client_for(centre_staff).get("/groups/").content.decode()


def test_returning_without_a_reason_is_refused_beside_the_field(
    centre_staff: Any, pending: Any
) -> None:
    response = client_for(centre_staff).post(url(pending), {"decision": "return", "reason": " "})
    assert response.status_code == 200
    assert field_error(response.content.decode(), "review_reason")
    pending.refresh_from_db()
    assert pending.status == Status.SUBMITTED
    assert not StatusChange.objects.exists()
    assert mail.outbox == []


def test_a_missing_decision_is_refused(centre_staff: Any, pending: Any) -> None:
    response = client_for(centre_staff).post(url(pending), {})
    assert response.status_code == 200
    assert response.context["review_form"].errors["decision"]
    pending.refresh_from_db()
    assert pending.status == Status.SUBMITTED


@pytest.mark.parametrize("status", [Status.REGISTERED, Status.RENEWAL_DUE, Status.DRAFT])
def test_a_group_not_awaiting_review_is_left_alone(
    centre_staff: Any, group_a: Any, status: Any
) -> None:
    group_a.status = status
    group_a.save()
    response = client_for(centre_staff).post(url(group_a), {"decision": "approve"})
    assert response.status_code == 200
    assert response.context["review_form"].non_field_errors()
    group_a.refresh_from_db()
    assert group_a.status == status
    assert group_a.renewed_on is None
    assert not StatusChange.objects.exists()


def test_a_missing_group_is_404_for_staff(centre_staff: Any) -> None:
    response = client_for(centre_staff).post(
        "/groups/staff/999999/review/", {"decision": "approve"}
    )
    assert response.status_code == 404
