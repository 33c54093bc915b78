"""A group's page for its managers (groups:manage)."""

import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from groups import comanagers, services
from groups.models import CitizenGroup
from kamakura_portal.models import StatusChange
from tests.conftest import client_for, for_every_role
from tests.factories import GroupMembershipFactory, UserFactory
from tests.html import Page

from .profile_data import complete, draft_of, ja

pytestmark = pytest.mark.django_db
Status = CitizenGroup.Status

MANAGERS_AND_CENTRE = {
    "anonymous": 302,
    "citizen": 403,
    "group_manager": 200,
    "other_group_manager": 403,
    "centre_staff": 200,
    "city_staff": 403,
    "other_city_staff": 403,
    "secretariat": 200,
    "committee_member": 403,
    "administrator": 200,
}


def url(group: Any) -> str:
    return reverse("groups:manage", args=[group.pk])


def test_the_route() -> None:
    assert reverse("groups:manage", args=[5]) == "/groups/5/manage/"


@for_every_role(MANAGERS_AND_CENTRE)
def test_the_group_s_managers_and_the_centre_see_its_page(
    role_client: Any, expected: Any, group_a: Any, group_b: Any
) -> None:
    assert role_client.get(url(group_a)).status_code == expected


def test_an_unknown_group_is_404(group_manager: Any) -> None:
    assert client_for(group_manager).get("/groups/99999/manage/").status_code == 404


def test_a_registered_group_shows_its_status_dates_sections_and_public_page(
    group_manager: Any, group_a: Any
) -> None:
    group_a.registered_on = datetime.date(2024, 5, 1)
    group_a.valid_until = datetime.date(2099, 3, 31)
    group_a.save()
    page = Page(client_for(group_manager).get(url(group_a)).content.decode())
    badge = page.find_all("span", class_="badge badge--large badge--success")[0]
    assert badge.text == ja("Registered")
    hrefs = page.hrefs()
    assert reverse("groups:profile", args=[group_a.pk]) in hrefs
    for section in ("basic", "activities", "contacts", "links"):
        assert reverse("groups:edit", args=[group_a.pk, section]) in hrefs
    assert reverse("groups:edit", args=[group_a.pk, "confirm"]) not in hrefs
    assert reverse("groups:renew", args=[group_a.pk]) not in hrefs
    assert len(page.find_all("h1")) == 1


def test_the_valid_until_date_is_shown(group_manager: Any, group_a: Any) -> None:
    group_a.valid_until = datetime.date(2099, 3, 31)
    group_a.save()
    html = client_for(group_manager).get(url(group_a)).content.decode()
    assert "2099年3月31日" in html


def test_a_due_renewal_shows_a_banner_with_the_renew_button(
    group_manager: Any, group_a: Any
) -> None:
    group_a.valid_until = timezone.localdate() - datetime.timedelta(days=1)
    group_a.save()
    page = Page(client_for(group_manager).get(url(group_a)).content.decode())
    assert reverse("groups:renew", args=[group_a.pk]) in page.hrefs()
    assert ja("Please renew the registration") in [h.text for h in page.find_all("h2")]


def test_staff_see_a_due_renewal_but_cannot_renew_for_the_group(
    centre_staff: Any, group_a: Any
) -> None:
    CitizenGroup.objects.filter(pk=group_a.pk).update(status=Status.RENEWAL_DUE)
    page = Page(client_for(centre_staff).get(url(group_a)).content.decode())
    assert ja("Please renew the registration") in [h.text for h in page.find_all("h2")]
    assert reverse("groups:renew", args=[group_a.pk]) not in page.hrefs()


def test_a_draft_links_to_its_steps_and_the_confirmation(citizen: Any) -> None:
    draft = draft_of(citizen)
    hrefs = Page(client_for(citizen).get(url(draft)).content.decode()).hrefs()
    assert reverse("groups:edit", args=[draft.pk, "basic"]) in hrefs
    assert reverse("groups:edit", args=[draft.pk, "confirm"]) in hrefs
    assert reverse("groups:profile", args=[draft.pk]) not in hrefs


def test_a_submitted_group_cannot_be_edited_and_says_what_happens_next(citizen: Any) -> None:
    draft = complete(draft_of(citizen))
    services.submit_registration(draft, citizen)
    html = client_for(citizen).get(url(draft)).content.decode()
    assert reverse("groups:edit", args=[draft.pk, "basic"]) not in html
    assert ja("The profile cannot be edited at the moment.") in html
    assert (
        ja(
            "The Civic Activity Centre is checking the registration. We will mail you when it is "
            "approved, or if something needs correcting. It cannot be changed meanwhile."
        )
        in html
    )


def test_a_returned_group_shows_the_reason_and_its_history(citizen: Any, centre_staff: Any) -> None:
    draft = complete(draft_of(citizen))
    services.submit_registration(draft, citizen)
    services.return_registration(draft, centre_staff, "代表者の電話番号を確認してください。")
    page = Page(client_for(citizen).get(url(draft)).content.decode())
    assert "代表者の電話番号を確認してください。" in page.find_all(role="note")[0].text
    rows = page.find_all("tr")
    assert any(ja("Returned") in row.text and "代表者の電話番号" in row.text for row in rows)


def test_the_managers_are_listed_with_remove_buttons_and_the_invite_form(
    group_manager: Any, group_a: Any
) -> None:
    co_manager = UserFactory.create(display_name="共同 管理者", email="co@example.jp")
    GroupMembershipFactory.create(group=group_a, user=co_manager, role="editor")
    comanagers.invite_manager(group_a, "new@example.jp", group_manager)
    page = Page(client_for(group_manager).get(url(group_a)).content.decode())
    managers = page.by_id("managers-caption")
    assert managers
    html_rows = [row.text for row in page.find_all("tr")]
    assert any("共同 管理者" in row and "co@example.jp" in row for row in html_rows)
    assert any("new@example.jp" in row for row in html_rows)
    memberships = group_a.memberships.order_by("pk")
    for membership in memberships:
        action = reverse("groups:remove_manager", args=[group_a.pk, membership.pk])
        assert page.find_all("form", action=action)
    invitation = group_a.invitations.get()
    assert page.find_all(
        "form", action=reverse("groups:cancel_invitation", args=[group_a.pk, invitation.pk])
    )
    assert page.find_all("form", action=reverse("groups:invite", args=[group_a.pk]))
    assert page.by_id("id_email").attrs["type"] == "email"


def test_expired_cancelled_and_accepted_invitations_are_not_listed(
    group_manager: Any, group_a: Any
) -> None:
    comanagers.invite_manager(group_a, "old@example.jp", group_manager)
    group_a.invitations.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    invitation, _token = comanagers.invite_manager(group_a, "gone@example.jp", group_manager)
    comanagers.cancel_invitation(invitation)
    html = client_for(group_manager).get(url(group_a)).content.decode()
    assert "old@example.jp" not in html
    assert "gone@example.jp" not in html


def grow(group: Any, count: int, actor: Any) -> None:
    """More managers, open invitations and status changes."""
    for n in range(count):
        GroupMembershipFactory.create(group=group, role="editor")
        comanagers.invite_manager(group, f"invitee{n}@example.jp", actor)
        StatusChange.record(group, "registered", "registered", "", None)


def queries_for(client: Any, group: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url(group)).status_code == 200
    return len(queries)


def test_the_page_uses_the_same_queries_for_1_or_20_managers(
    group_manager: Any, group_a: Any
) -> None:
    client = client_for(group_manager)
    grow(group_a, 1, group_manager)
    one = queries_for(client, group_a)
    grow(group_a, 19, group_manager)
    assert queries_for(client, group_a) == one


def test_the_page_is_pinned_to_its_queries(
    group_manager: Any, group_a: Any, django_assert_num_queries: Any
) -> None:
    grow(group_a, 10, group_manager)
    client = client_for(group_manager)
    # 1. the session
    # 2. the signed-in user with the ids of the groups it manages (permission check) and its
    #    role assignments (the staff side of the rules), in one query (accounts.backends)
    # 3. the group
    # 4. the managers with their users (one JOINed query)
    # 5. the open invitations with their inviters (one JOINed query)
    # 6. the status changes with their actors (one JOINed query)
    with django_assert_num_queries(6):
        assert client.get(url(group_a)).status_code == 200
