"""The inbox (お知らせ, /inbox/): everyone signed in reads their own notices about any object —
a proposal, a group, a need — newest first, and marks them read; nobody reads another's."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from kamakura_portal.models import Notification
from tests.conftest import ROLES, client_for, for_every_role, ja
from tests.factories import make_notice
from tests.html import Page

pytestmark = pytest.mark.django_db
URL = "/inbox/"
SIGNED_IN = {role: 200 for role in ROLES if role != "anonymous"}


def test_the_inbox_lives_at_inbox() -> None:
    assert reverse("inbox") == URL
    assert reverse("inbox_read") == "/inbox/read/"


@for_every_role({**SIGNED_IN, "anonymous": 302})
def test_everyone_signed_in_has_an_inbox(
    role_client: Client, role_user: Any, expected: int, group_a: Any, citizen: Any
) -> None:
    make_notice(citizen, group_a, "よその人へのお知らせ")
    if role_user.is_authenticated:
        make_notice(role_user, group_a, "あなたへのお知らせ", url="/groups/1/")
    response = role_client.get(URL)
    assert response.status_code == expected
    if expected == 200:
        html = response.content.decode()
        assert "あなたへのお知らせ" in html
        assert ("よその人へのお知らせ" in html) is (role_user == citizen)
        assert Page(html).link("/groups/1/").text == "あなたへのお知らせ"
    else:
        assert response["Location"].startswith(reverse("account_login"))


def test_notices_about_any_kind_of_object_are_listed_newest_first(
    centre_staff: Any, group_a: Any, dept_own: Any
) -> None:
    from tests.collaboration.conftest import make_need

    make_notice(centre_staff, group_a, "団体について")
    make_notice(centre_staff, make_need(dept_own), "業務課題について")
    html = client_for(centre_staff).get(URL).content.decode()
    assert html.index("業務課題について") < html.index("団体について")


@for_every_role({**{role: 302 for role in SIGNED_IN}, "anonymous": 302})
def test_marking_read_touches_only_ones_own(
    role_client: Client, role_user: Any, expected: int, group_a: Any, citizen: Any
) -> None:
    other = make_notice(citizen, group_a, "x")
    own = make_notice(role_user, group_a, "y") if role_user.is_authenticated else None
    assert role_client.post("/inbox/read/").status_code == expected
    other.refresh_from_db()
    assert (other.read_at is not None) is (role_user == citizen)
    if own is not None:
        own.refresh_from_db()
        assert own.read_at is not None


def test_unread_notices_are_marked_and_counted(group_manager: Any, group_a: Any) -> None:
    make_notice(group_manager, group_a, "一つ目")
    make_notice(group_manager, group_a, "二つ目")
    client = client_for(group_manager)
    html = client.get(URL).content.decode()
    assert html.count("inbox__item--unread") == 2
    lead = Page(html).find_all("p", class_="lead")[0].text
    assert lead == ja("You have %(count)s unread notification.") % {"count": 2}
    client.post("/inbox/read/")
    html = client.get(URL).content.decode()
    assert "inbox__item--unread" not in html
    assert ja("Mark all as read") not in html


def test_an_empty_inbox_says_so(citizen: Any) -> None:
    assert ja("No notifications yet.") in client_for(citizen).get(URL).content.decode()


def test_the_inbox_is_in_the_account_menu_of_every_page(citizen: Any) -> None:
    html = client_for(citizen).get("/").content.decode()
    assert f'href="{URL}"' in html


@pytest.mark.parametrize("count", [1, 45])
def test_the_inbox_is_pinned_to_its_queries(
    group_manager: Any, group_a: Any, count: int, django_assert_num_queries: Any
) -> None:
    first = make_notice(group_manager, group_a)
    Notification.objects.bulk_create(
        [
            Notification(
                recipient=group_manager,
                content_type_id=first.content_type_id,
                object_id=group_a.pk,
                message=f"お知らせ{n}",
            )
            for n in range(count - 1)
        ]
    )
    client = client_for(group_manager)
    # 1. the session 2. the signed-in user with its role assignments and managed groups
    # (accounts.backends; the menus read them) 3. paginator: the number of notices 4. the
    # page of notices 5. the number of unread ones
    with django_assert_num_queries(5):
        assert client.get(URL).status_code == 200
