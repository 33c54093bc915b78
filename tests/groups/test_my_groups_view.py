import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import client_for, for_every_role, roles_except
from tests.factories import GroupMembershipFactory

pytestmark = pytest.mark.django_db

URL = "/groups/mine/"


def test_my_groups_lives_under_groups_mine() -> None:
    assert reverse("groups:mine") == URL


@for_every_role(
    {**roles_except({"group_manager", "other_group_manager"}, yes=200, no=403), "anonymous": 302}
)
def test_only_group_managers_have_a_my_groups_page(role_client, expected) -> None:
    assert role_client.get(URL).status_code == expected


def test_a_manager_sees_their_own_group_and_not_another(group_manager, group_a, group_b) -> None:
    response = client_for(group_manager).get(URL)
    html = response.content.decode()
    assert group_a.name in html
    assert group_b.name not in html
    assert [m.group for m in response.context["memberships"]] == [group_a]


def test_the_other_manager_sees_only_group_b(other_group_manager, group_a, group_b) -> None:
    html = client_for(other_group_manager).get(URL).content.decode()
    assert group_b.name in html
    assert group_a.name not in html


def test_groups_are_listed_in_kana_order(group_manager) -> None:
    GroupMembershipFactory.create(
        user=group_manager, group__name="朝の会", group__name_kana="アサノカイ"
    )
    GroupMembershipFactory.create(
        user=group_manager, group__name="夜の会", group__name_kana="ヨルノカイ"
    )
    response = client_for(group_manager).get(URL)
    names = [m.group.name for m in response.context["memberships"]]
    assert names == ["朝の会", "由比ガ浜の会", "夜の会"]


def queries_for(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_page_uses_the_same_queries_for_1_or_20_groups(group_manager) -> None:
    client = client_for(group_manager)
    one = queries_for(client)
    GroupMembershipFactory.create_batch(19, user=group_manager)
    assert queries_for(client) == one


def test_the_page_is_pinned_to_its_queries(group_manager, django_assert_num_queries) -> None:
    GroupMembershipFactory.create_batch(19, user=group_manager)
    client = client_for(group_manager)
    # 1. the session
    # 2. the signed-in user
    # 3. permission check: the ids of the groups the user manages (cached on the user,
    #    so the menu asks no more)
    # 4. menu: Django's ModelBackend, the user's own permissions (for a rule that said no)
    # 5. menu: Django's ModelBackend, the permissions of the user's auth groups
    # 6. menu: the user's role assignments (staff-only entries; cached on the user)
    # 7. the memberships with their groups (one JOINed query)
    with django_assert_num_queries(7):
        assert client.get(URL).status_code == 200
