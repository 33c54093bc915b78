"""The yearly renewal (groups:renew): one page to check, one button to confirm."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from groups.models import CitizenGroup, Contact
from kamakura_portal.dates import fiscal_year, fiscal_year_end, fiscal_year_label
from tests.conftest import client_for, for_every_role, roles_except
from tests.factories import ContactFactory
from tests.html import Page

from .profile_data import complete, ja

pytestmark = pytest.mark.django_db
Status = CitizenGroup.Status
ONLY_MANAGERS = {**roles_except({"group_manager"}, yes=200, no=403), "anonymous": 302}


@pytest.fixture
def ready(due: Any) -> Any:
    """``due`` with the items a renewal needs filled in."""
    return complete(due)


def url(group: Any) -> str:
    return reverse("groups:renew", args=[group.pk])


@pytest.fixture
def due(group_a: Any) -> Any:
    """group_a, registered for last fiscal year: its renewal is due."""
    group_a.valid_until = timezone.localdate() - datetime.timedelta(days=1)
    group_a.save()
    return group_a


def test_the_route() -> None:
    assert reverse("groups:renew", args=[4]) == "/groups/4/renew/"


@for_every_role(ONLY_MANAGERS)
def test_only_the_group_s_managers_renew_it(
    role_client: Any, expected: Any, due: Any, group_b: Any
) -> None:
    assert role_client.get(url(due)).status_code == expected


@for_every_role({**ONLY_MANAGERS, "group_manager": 302})
def test_only_the_group_s_managers_confirm_the_renewal(
    role: Any, role_client: Any, expected: Any, ready: Any, group_b: Any
) -> None:
    assert role_client.post(url(ready)).status_code == expected
    renewed = CitizenGroup.objects.get(pk=ready.pk).renewed_on is not None
    assert renewed is (role == "group_manager")


def test_a_registration_that_is_not_due_cannot_be_renewed(group_manager: Any, group_a: Any) -> None:
    group_a.valid_until = datetime.date(2099, 3, 31)
    group_a.save()
    client = client_for(group_manager)
    assert client.get(url(group_a)).status_code == 403
    assert client.post(url(group_a)).status_code == 403


def test_the_page_shows_the_whole_profile_with_edit_links_and_privacy_marks(
    group_manager: Any, due: Any
) -> None:
    ContactFactory.create(group=due, name="由比 一郎", name_public=True, phone="0467-99-9999")
    page = Page(client_for(group_manager).get(url(due)).content.decode())
    for section in ("basic", "activities", "contacts", "links"):
        assert reverse("groups:edit", args=[due.pk, section]) in page.hrefs()
    values = [dd.text for dd in page.find_all("dd")]
    assert any("由比 一郎" in text and ja("Public") in text for text in values)
    assert any("0467-99-9999" in text and ja("Private") in text for text in values)
    label = fiscal_year_label(fiscal_year(timezone.localdate()))
    button = [b for b in page.find_all("button") if label in b.text]
    assert button, "the button names the fiscal year"


def test_confirming_renews_to_the_end_of_the_fiscal_year(group_manager: Any, ready: Any) -> None:
    due = ready
    today = timezone.localdate()
    response = client_for(group_manager).post(url(due), follow=True)
    assert response.redirect_chain[-1][0] == reverse("groups:manage", args=[due.pk])
    due.refresh_from_db()
    assert due.valid_until == fiscal_year_end(fiscal_year(today))
    assert due.renewed_on == today
    assert due.status == Status.REGISTERED
    change = due.status_changes.get()
    assert (change.from_status, change.to_status) == ("registered", "registered")
    new_date = f"{due.valid_until.year}年{due.valid_until.month}月{due.valid_until.day}日"
    assert new_date in response.content.decode()


def test_a_group_waiting_for_renewal_is_registered_again_and_mailed(
    group_manager: Any, group_a: Any, django_capture_on_commit_callbacks: Any
) -> None:
    complete(group_a)
    CitizenGroup.objects.filter(pk=group_a.pk).update(status=Status.RENEWAL_DUE)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(group_manager).post(url(group_a))
    group_a.refresh_from_db()
    assert group_a.status == Status.REGISTERED
    assert [message.to for message in mail.outbox] == [[group_manager.email]]
    assert group_a.name in mail.outbox[0].subject


def test_contacts_are_listed_representative_first(group_manager: Any, due: Any) -> None:
    ContactFactory.create(group=due, kind=Contact.Kind.LIAISON, name="連絡 担当")
    ContactFactory.create(group=due, kind=Contact.Kind.REPRESENTATIVE, name="代表 者")
    html = client_for(group_manager).get(url(due)).content.decode()
    assert html.index("代表 者") < html.index("連絡 担当")


def test_a_renewal_with_empty_required_items_is_refused_naming_each(
    group_manager: Any, group_a: Any
) -> None:
    # Issue 13, item 9: a hollow profile (no type, fields, districts, activities or
    # representative) was renewed.
    group_a.valid_until = timezone.localdate() - datetime.timedelta(days=1)
    group_a.save()
    response = client_for(group_manager).post(url(group_a))
    assert response.status_code == 200
    html = response.content.decode()
    for message, section in [
        ("Choose the organisation type.", "basic"),
        ("Choose at least one activity field.", "activities"),
        ("Choose at least one area of activity.", "activities"),
        ("Describe the group's main activities.", "activities"),
        ("Enter the representative's name.", "contacts"),
    ]:
        assert ja(message) in html
        assert reverse("groups:edit", args=[group_a.pk, section]) in html
    group_a.refresh_from_db()
    assert group_a.renewed_on is None
    assert not group_a.status_changes.exists()


def test_a_lapsed_registration_shows_one_state_and_no_deadline_that_has_passed(
    group_manager: Any, due: Any, settings: Any
) -> None:
    # Issue 13, item 9: in December the page said 登録 and asked to renew "by 30 June".
    settings.PORTAL_RENEWAL_DEADLINE = (6, 30)
    today = timezone.localdate()
    html = client_for(group_manager).get(reverse("groups:manage", args=[due.pk])).content.decode()
    assert (
        ja(
            "The group is registered and appears in the public directory. "
            "Changes you save are public at once."
        )
        not in html
    )
    deadline = datetime.date(fiscal_year(today), 6, 30)
    said = f"{deadline.year}年{deadline.month}月{deadline.day}日"
    if today > deadline:
        assert "を過ぎています" in html
        assert f"{said}までに" not in html
    else:
        assert f"{said}までに" in html
