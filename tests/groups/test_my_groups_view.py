import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groups.models import CitizenGroup
from tests.conftest import client_for, for_every_role, roles_except
from tests.factories import GroupMembershipFactory
from tests.html import Page

from .profile_data import ja

pytestmark = pytest.mark.django_db

URL = "/groups/mine/"


def test_my_groups_lives_under_groups_mine() -> None:
    assert reverse("groups:mine") == URL


@for_every_role(
    {**roles_except({"group_manager", "other_group_manager"}, yes=200, no=403), "anonymous": 302}
)
def test_only_group_managers_have_a_my_groups_page(role_client: Any, expected: Any) -> None:
    assert role_client.get(URL).status_code == expected


def test_a_manager_sees_their_own_group_and_not_another(
    group_manager: Any, group_a: Any, group_b: Any
) -> None:
    response = client_for(group_manager).get(URL)
    html = response.content.decode()
    assert group_a.name in html
    assert group_b.name not in html
    assert [m.group for m in response.context["memberships"]] == [group_a]


def test_the_other_manager_sees_only_group_b(
    other_group_manager: Any, group_a: Any, group_b: Any
) -> None:
    html = client_for(other_group_manager).get(URL).content.decode()
    assert group_b.name in html
    assert group_a.name not in html


def test_groups_are_listed_in_kana_order(group_manager: Any) -> None:
    GroupMembershipFactory.create(
        user=group_manager, group__name="朝の会", group__name_kana="アサノカイ"
    )
    GroupMembershipFactory.create(
        user=group_manager, group__name="夜の会", group__name_kana="ヨルノカイ"
    )
    response = client_for(group_manager).get(URL)
    names = [m.group.name for m in response.context["memberships"]]
    assert names == ["朝の会", "由比ガ浜の会", "夜の会"]


def queries_for(client: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_page_uses_the_same_queries_for_1_or_20_groups(group_manager: Any) -> None:
    client = client_for(group_manager)
    one = queries_for(client)
    GroupMembershipFactory.create_batch(19, user=group_manager)
    assert queries_for(client) == one


def test_the_page_is_pinned_to_its_queries(
    group_manager: Any, django_assert_num_queries: Any
) -> None:
    GroupMembershipFactory.create_batch(19, user=group_manager)
    client = client_for(group_manager)
    # 1. the session
    # 2. the signed-in user with the ids of the groups it manages (permission check and
    #    menu) and its role assignments (the menu's staff-only entries): accounts.backends
    # 3. the memberships with their groups (one JOINed query)
    with django_assert_num_queries(3):
        assert client.get(URL).status_code == 200


def test_each_group_links_to_its_page_and_shows_its_registration_dates(
    group_manager: Any, group_a: Any
) -> None:
    group_a.valid_until = datetime.date(2099, 3, 31)
    group_a.save()
    response = client_for(group_manager).get(URL)
    page = Page(response.content.decode())
    assert page.link(reverse("groups:manage", args=[group_a.pk])).text == group_a.name
    assert "2099年3月31日" in response.content.decode()
    badge = page.find_all("span", class_="badge badge--success")[0]
    assert badge.text == ja("Registered")


def test_a_due_renewal_is_flagged_with_a_link_to_renew(group_manager: Any, group_a: Any) -> None:
    group_a.valid_until = datetime.date(2020, 3, 31)
    group_a.save()
    page = Page(client_for(group_manager).get(URL).content.decode())
    assert reverse("groups:renew", args=[group_a.pk]) in page.hrefs()
    assert ja("Renewal due") in [strong.text for strong in page.find_all("strong")]


def test_a_current_registration_has_no_renewal_link(group_manager: Any, group_a: Any) -> None:
    group_a.valid_until = datetime.date(2099, 3, 31)
    group_a.save()
    page = Page(client_for(group_manager).get(URL).content.decode())
    assert reverse("groups:renew", args=[group_a.pk]) not in page.hrefs()


def test_a_draft_links_to_continue_its_registration(group_manager: Any, group_a: Any) -> None:
    CitizenGroup.objects.filter(pk=group_a.pk).update(status=CitizenGroup.Status.DRAFT)
    page = Page(client_for(group_manager).get(URL).content.decode())
    assert reverse("groups:edit", args=[group_a.pk, "basic"]) in page.hrefs()


def test_the_page_offers_to_register_a_new_group(group_manager: Any) -> None:
    page = Page(client_for(group_manager).get(URL).content.decode())
    assert page.link(reverse("groups:register")).text == ja("Register a new group")
