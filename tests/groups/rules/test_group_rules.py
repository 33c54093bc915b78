"""Each predicate and permission of groups/rules.py, for every role."""

from typing import Any

import pytest

from groups import rules as group_rules
from tests.conftest import for_every_role, roles_except

pytestmark = pytest.mark.django_db

MANAGERS = {"group_manager", "other_group_manager"}


@for_every_role(roles_except({"group_manager"}, yes=True, no=False))
def test_only_its_own_manager_manages_group_a(role_user: Any, expected: Any, group_a: Any) -> None:
    assert group_rules.manages_group.test(role_user, group_a) is expected


@for_every_role(roles_except({"other_group_manager"}, yes=True, no=False))
def test_the_manager_of_group_a_does_not_manage_group_b(
    role_user: Any, expected: Any, group_b: Any
) -> None:
    assert group_rules.manages_group.test(role_user, group_b) is expected


@for_every_role(roles_except(set(), yes=True, no=False))
def test_nobody_manages_no_group(role_user: Any, expected: Any) -> None:
    assert group_rules.manages_group.test(role_user, None) is expected


@for_every_role(roles_except(MANAGERS, yes=True, no=False))
def test_only_managers_manage_any_group(role_user: Any, expected: Any) -> None:
    assert group_rules.manages_any_group.test(role_user) is expected


@for_every_role(roles_except(MANAGERS, yes=True, no=False))
def test_only_managers_see_my_groups(role_user: Any, expected: Any) -> None:
    assert role_user.has_perm("groups.view_my_groups") is expected


REGISTRY_STAFF = {"centre_staff", "secretariat", "administrator"}
STAFF_PERMS = (
    "groups.review_registrations",
    "groups.change_status",
    "groups.view_staff_registry",
    "groups.write_staff_notes",
    "groups.import_registry",
    "groups.export_private",
)


@pytest.mark.parametrize("perm", STAFF_PERMS)
@for_every_role(roles_except(REGISTRY_STAFF, yes=True, no=False))
def test_only_the_centre_secretariat_and_administrators_run_the_registry(
    role_user: Any, expected: Any, perm: Any
) -> None:
    assert role_user.has_perm(perm) is expected


@for_every_role(roles_except({"anonymous"}, yes=False, no=True))
def test_any_signed_in_person_may_register_a_group(role_user: Any, expected: Any) -> None:
    assert role_user.has_perm("groups.register_group") is expected


@for_every_role(roles_except(set(), yes=False, no=True))
def test_everyone_sees_a_registered_group(role_user: Any, expected: Any, group_a: Any) -> None:
    assert role_user.has_perm("groups.view_group", group_a) is expected


@for_every_role(roles_except({"group_manager"} | REGISTRY_STAFF, yes=True, no=False))
def test_a_draft_is_seen_by_its_managers_and_the_registry_staff(
    role_user: Any, expected: Any, group_a: Any
) -> None:
    group_a.status = "draft"
    assert role_user.has_perm("groups.view_group", group_a) is expected


@for_every_role(roles_except({"group_manager"} | REGISTRY_STAFF, yes=True, no=False))
def test_private_contacts_are_for_the_group_and_the_registry_staff(
    role_user: Any, expected: Any, group_a: Any
) -> None:
    assert role_user.has_perm("groups.view_private_contacts", group_a) is expected


@for_every_role(roles_except({"group_manager"} | REGISTRY_STAFF, yes=True, no=False))
def test_managers_and_staff_edit_a_registered_group(
    role_user: Any, expected: Any, group_a: Any
) -> None:
    assert role_user.has_perm("groups.edit_group", group_a) is expected


@pytest.mark.parametrize("status", ["submitted", "suspended", "archived"])
def test_managers_cannot_edit_while_the_centre_reviews_or_after_suspension(
    group_manager: Any, centre_staff: Any, group_a: Any, status: Any
) -> None:
    group_a.status = status
    assert not group_manager.has_perm("groups.edit_group", group_a)
    assert centre_staff.has_perm("groups.edit_group", group_a)


@for_every_role(roles_except({"group_manager"}, yes=True, no=False))
def test_only_its_managers_submit_a_draft(role_user: Any, expected: Any, group_a: Any) -> None:
    group_a.status = "draft"
    assert role_user.has_perm("groups.submit_registration", group_a) is expected


def test_a_registered_group_cannot_be_submitted_again(group_manager: Any, group_a: Any) -> None:
    assert not group_manager.has_perm("groups.submit_registration", group_a)


@for_every_role(roles_except({"group_manager"}, yes=True, no=False))
def test_only_its_managers_renew_a_group_whose_renewal_is_due(
    role_user: Any, expected: Any, group_a: Any
) -> None:
    group_a.status = "renewal_due"
    assert role_user.has_perm("groups.renew_registration", group_a) is expected


def test_a_group_valid_until_next_march_cannot_be_renewed_yet(
    group_manager: Any, group_a: Any
) -> None:
    import datetime

    from django.utils import timezone

    group_a.valid_until = timezone.localdate() + datetime.timedelta(days=30)
    assert not group_manager.has_perm("groups.renew_registration", group_a)


def test_staff_need_two_factor_authentication_when_required(
    settings: Any, centre_staff: Any
) -> None:
    settings.PORTAL_REQUIRE_MFA_FOR_STAFF = True
    assert not centre_staff.has_perm("groups.review_registrations")
