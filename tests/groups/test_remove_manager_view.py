"""Removing a co-manager, or leaving a group (groups:remove_manager)."""

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from groups.models import GroupMembership
from tests.conftest import acts, client_for, for_every_role
from tests.factories import GroupMembershipFactory, UserFactory

from .profile_data import ja

pytestmark = pytest.mark.django_db


def url(membership: Any) -> str:
    return reverse("groups:remove_manager", args=[membership.group_id, membership.pk])


@pytest.fixture
def co_manager(group_a: Any) -> Any:
    user = UserFactory.create(display_name="共同 管理者")
    return GroupMembershipFactory.create(group=group_a, user=user, role="editor")


def test_the_route() -> None:
    assert reverse("groups:remove_manager", args=[1, 2]) == "/groups/1/managers/2/remove/"


@for_every_role(
    {
        "anonymous": 302,
        "citizen": 403,
        "group_manager": 302,
        "other_group_manager": 403,
        "centre_staff": 302,
        "city_staff": 403,
        "other_city_staff": 403,
        "secretariat": 302,
        "committee_member": 403,
        "administrator": 302,
    }
)
def test_the_group_s_managers_and_the_centre_remove_managers(
    role: Any, role_client: Any, expected: Any, group_manager: Any, co_manager: Any, group_b: Any
) -> None:
    assert role_client.post(url(co_manager)).status_code == expected
    removed = not GroupMembership.objects.filter(pk=co_manager.pk).exists()
    assert removed is acts(role, expected)


def test_a_manager_removes_a_co_manager(group_manager: Any, co_manager: Any, group_a: Any) -> None:
    response = client_for(group_manager).post(url(co_manager))
    assert response["Location"] == reverse("groups:manage", args=[group_a.pk])
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert messages == [ja("%(name)s no longer manages this group.") % {"name": "共同 管理者"}]


def test_the_last_manager_cannot_be_removed(group_manager: Any, group_a: Any) -> None:
    membership = GroupMembership.objects.get(user=group_manager)
    response = client_for(group_manager).post(url(membership))
    assert response["Location"] == reverse("groups:manage", args=[group_a.pk])
    messages = list(get_messages(response.wsgi_request))
    assert [m.level_tag for m in messages] == ["error"]
    assert str(messages[0]) == ja(
        "A group needs at least one manager. Invite someone else before leaving."
    )
    assert GroupMembership.objects.filter(pk=membership.pk).exists()


def test_the_centre_cannot_remove_the_last_manager_either(
    centre_staff: Any, group_manager: Any
) -> None:
    membership = GroupMembership.objects.get(user=group_manager)
    client_for(centre_staff).post(url(membership))
    assert GroupMembership.objects.filter(pk=membership.pk).exists()


def test_a_manager_may_leave_and_goes_to_their_page(group_manager: Any, co_manager: Any) -> None:
    membership = GroupMembership.objects.get(user=group_manager)
    response = client_for(group_manager).post(url(membership))
    assert response["Location"] == reverse("dashboard")
    assert not GroupMembership.objects.filter(pk=membership.pk).exists()
    # The co-manager became the representative: a group keeps one.
    co_manager.refresh_from_db()
    assert co_manager.role == "representative"


def test_a_manager_of_several_groups_goes_back_to_my_groups_after_leaving_one(
    group_manager: Any, co_manager: Any
) -> None:
    GroupMembershipFactory.create(user=group_manager)
    membership = GroupMembership.objects.get(user=group_manager, group=co_manager.group)
    response = client_for(group_manager).post(url(membership))
    assert response["Location"] == reverse("groups:mine")


def test_a_membership_of_another_group_is_404_through_this_one(
    group_manager: Any, group_a: Any, other_group_manager: Any
) -> None:
    other = GroupMembership.objects.get(user=other_group_manager)
    response = client_for(group_manager).post(
        reverse("groups:remove_manager", args=[group_a.pk, other.pk])
    )
    assert response.status_code == 404
    assert GroupMembership.objects.filter(pk=other.pk).exists()


def test_removing_is_a_post(group_manager: Any, co_manager: Any) -> None:
    assert client_for(group_manager).get(url(co_manager)).status_code == 405
