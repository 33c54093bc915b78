"""Submitting a registration tells the applicant (a receipt, in the inbox and by mail) and the
centre's staff (in the inbox, and a count on their dashboard) (issue 13, item 8)."""

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from kamakura_portal.models import Notification
from tests.conftest import client_for, for_every_role

from .profile_data import complete, draft_of, ja

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted(citizen: Any, django_capture_on_commit_callbacks: Any) -> Any:
    draft = complete(draft_of(citizen), agreed=False)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(citizen).post(reverse("groups:submit", args=[draft.pk]), {"agree": "on"})
    draft.refresh_from_db()
    assert draft.status == "submitted"
    return draft


def test_the_applicant_gets_a_receipt_by_mail_and_in_the_inbox(
    citizen: Any, submitted: Any
) -> None:
    [receipt] = mail.outbox
    assert receipt.to == [citizen.email]
    assert submitted.name in receipt.subject
    assert "受け付けました" in receipt.subject
    assert reverse("groups:manage", args=[submitted.pk]) in receipt.body
    [notice] = Notification.objects.filter(recipient=citizen)
    assert notice.message == ja("The centre has received the registration of “%(name)s”.") % {
        "name": submitted.name
    }


def test_the_centre_staff_are_told_in_their_inbox_and_nobody_else(
    centre_staff: Any, secretariat: Any, city_staff: Any, submitted: Any
) -> None:
    [notice] = Notification.objects.filter(recipient=centre_staff)
    assert notice.url == reverse("groups:review", args=[submitted.pk])
    assert submitted.name in notice.message
    assert not Notification.objects.filter(recipient__in=[secretariat, city_staff]).exists()
    # The staff's notice is not mailed: only the applicant's receipt is.
    assert [message.to for message in mail.outbox] == [[submitted.managers.get().email]]


@for_every_role(
    {
        "anonymous": 302,
        "citizen": 0,
        "group_manager": 0,
        "other_group_manager": 0,
        "centre_staff": 1,
        "city_staff": 0,
        "other_city_staff": 0,
        "secretariat": 1,
        "committee_member": 0,
        "administrator": 1,
        "centre_staff_without_mfa": 0,
        "secretariat_without_mfa": 0,
        "administrator_without_mfa": 0,
    }
)
def test_the_dashboard_counts_the_registrations_waiting_for_those_who_approve_them(
    role_client: Any, expected: Any, submitted: Any
) -> None:
    response = role_client.get(reverse("dashboard"))
    if expected == 302:
        assert response.status_code == 302
        return
    waiting = {item["label"]: item["count"] for item in response.context["waiting"]}
    label = ja("Group registrations waiting for approval")
    assert waiting.get(label, 0) == expected
    if expected:
        assert reverse("groups:queue") in response.content.decode()


def test_the_dashboard_counts_the_proposals_waiting_for_the_secretariat(
    secretariat: Any, city_staff: Any, group_a: Any
) -> None:
    from collaboration.models import Proposal

    for title in ("浜の清掃", "子育てひろば"):
        Proposal.objects.create(
            title=title,
            proposer_side=Proposal.ProposerSide.GROUP,
            proposing_group=group_a,
            status=Proposal.Status.SUBMITTED,
        )
    label = ja("Proposals waiting for the secretariat")
    counts = {
        user: {i["label"]: i["count"] for i in client_for(user).get("/mypage/").context["waiting"]}
        for user in (secretariat, city_staff)
    }
    assert counts[secretariat][label] == 2
    assert label not in counts[city_staff]


def test_a_user_without_a_group_is_led_to_register_one(citizen: Any, group_manager: Any) -> None:
    register = reverse("groups:register")
    assert register in client_for(citizen).get(reverse("dashboard")).content.decode()
    html = client_for(group_manager).get(reverse("dashboard")).content.decode()
    assert f'class="button" href="{register}"' not in html


def test_the_dashboard_of_centre_staff_is_pinned_to_its_queries(
    centre_staff: Any, submitted: Any, django_assert_num_queries: Any
) -> None:
    client = client_for(centre_staff)
    # 1. the session
    # 2. the signed-in user with its role assignments and the ids of the groups it manages
    #    (accounts.backends; menu and page share them); no role has a department, so no
    #    query for departments
    # 3. account security: does the user have a TOTP authenticator?
    # 4–6. what waits, one count per entry the user acts on: the registrations to approve,
    # the groups interested in a need, the consultation follow-ups due
    with django_assert_num_queries(6):
        response = client.get(reverse("dashboard"))
    assert len(response.context["waiting"]) == 1


def test_the_dashboard_of_the_secretariat_is_pinned_to_its_queries(
    secretariat: Any, django_assert_num_queries: Any
) -> None:
    client = client_for(secretariat)
    # 1–3 as for centre staff; then one count per entry the secretariat acts on:
    # 4. registrations to approve  5. progress reports to review
    # 6. proposals waiting for the secretariat  7. open needs without a contact person
    with django_assert_num_queries(7):
        response = client.get(reverse("dashboard"))
    assert response.context["waiting"] == []  # nothing waits: no entry is shown
