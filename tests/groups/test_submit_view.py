"""Sending a registration to the centre (groups:submit) from the confirmation step."""

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from groups.models import CitizenGroup
from tests.conftest import client_for, for_every_role
from tests.factories import GroupMembershipFactory
from tests.html import Page, field_error

from .profile_data import complete, draft_of, ja

pytestmark = pytest.mark.django_db
Status = CitizenGroup.Status


def url(group: Any) -> str:
    return reverse("groups:submit", args=[group.pk])


def test_the_route() -> None:
    assert reverse("groups:submit", args=[3]) == "/groups/3/submit/"


@for_every_role(
    {
        "anonymous": 302,
        "citizen": 403,
        "group_manager": 302,
        "other_group_manager": 403,
        "centre_staff": 403,
        "city_staff": 403,
        "other_city_staff": 403,
        "secretariat": 403,
        "committee_member": 403,
        "administrator": 403,
    }
)
def test_only_the_group_s_managers_send_its_registration(
    role: Any, role_client: Any, expected: Any, group_a: Any, group_b: Any
) -> None:
    group_a.status = Status.DRAFT
    complete(group_a)
    response = role_client.post(url(group_a), {"agree": "on"})
    assert response.status_code == expected
    submitted = CitizenGroup.objects.get(pk=group_a.pk).status == Status.SUBMITTED
    assert submitted is (role == "group_manager")


def test_a_registered_group_cannot_be_sent_again(group_manager: Any, group_a: Any) -> None:
    assert client_for(group_manager).post(url(group_a), {"agree": "on"}).status_code == 403


def test_sending_is_a_post(citizen: Any) -> None:
    draft = draft_of(citizen)
    assert client_for(citizen).get(url(draft)).status_code == 405


def test_a_complete_draft_is_sent_with_the_consent_and_recorded(
    citizen: Any, django_capture_on_commit_callbacks: Any
) -> None:
    draft = complete(draft_of(citizen), agreed=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(citizen).post(url(draft), {"agree": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("groups:manage", args=[draft.pk])
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED
    assert draft.agreed_to_rules_at is not None
    change = draft.status_changes.get()
    assert (change.from_status, change.to_status, change.actor) == ("draft", "submitted", citizen)
    # The applicant's receipt (issue 13, item 8; nothing was mailed before).
    assert [message.to for message in mail.outbox] == [[citizen.email]]
    assert ja(
        "Thank you. Your registration has been sent to the Civic Activity Centre. "
        "We will mail you when it is approved."
    ) in (response.content.decode())


def test_without_the_consent_nothing_is_sent_and_the_box_says_why(citizen: Any) -> None:
    draft = complete(draft_of(citizen), agreed=False)
    response = client_for(citizen).post(url(draft), {})
    assert response.status_code == 200
    assert field_error(response.content.decode(), "id_agree")
    draft.refresh_from_db()
    assert (draft.status, draft.agreed_to_rules_at) == (Status.DRAFT, None)


def test_an_incomplete_draft_lists_each_problem_linked_to_its_step_and_keeps_nothing(
    citizen: Any,
) -> None:
    draft = draft_of(citizen)
    response = client_for(citizen).post(url(draft), {"agree": "on"})
    assert response.status_code == 200
    page = Page(response.content.decode())
    alert = page.find_all(role="alert")
    assert any(ja("The registration could not be sent yet") in a.text for a in alert)
    hrefs = {link.text: link.attrs["href"] for link in page.find_all("a")}
    basic = reverse("groups:edit", args=[draft.pk, "basic"])
    assert hrefs[ja("Choose the organisation type.")] == basic
    assert hrefs[ja("Describe the group's main activities.")] == basic.replace(
        "basic", "activities"
    )
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.agreed_to_rules_at is None  # the consent is kept only with a sending


def test_a_returned_registration_is_corrected_and_sent_again(
    citizen: Any, centre_staff: Any
) -> None:
    from groups import services

    draft = complete(draft_of(citizen))
    services.submit_registration(draft, citizen)
    services.return_registration(draft, centre_staff, "写真を追加してください。")
    client = client_for(citizen)
    page = client.get(reverse("groups:edit", args=[draft.pk, "confirm"])).content.decode()
    assert "写真を追加してください。" in page
    response = client.post(url(draft), {})  # consent given before: no need to tick again
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.SUBMITTED


def test_a_co_manager_may_send_too(citizen: Any) -> None:
    draft = complete(draft_of(citizen))
    co_manager = GroupMembershipFactory.create(group=draft, role="editor").user
    assert client_for(co_manager).post(url(draft), {}).status_code == 302
