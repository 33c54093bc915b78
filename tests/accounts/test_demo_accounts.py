from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse

from accounts.demo import DEMO_ACCOUNTS, DEMO_GROUPS, DEMO_PASSWORD, load_demo_accounts
from accounts.models import User
from accounts.services import load_departments
from groups.models import GroupMembership

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    load_departments()
    load_demo_accounts()


def test_every_demo_account_has_a_verified_primary_email(demo: None) -> None:
    for spec in DEMO_ACCOUNTS:
        address = EmailAddress.objects.get(email=spec.email)
        assert address.verified and address.primary, spec.email


def test_every_demo_account_holds_the_roles_it_is_listed_with(demo: None) -> None:
    for spec in DEMO_ACCOUNTS:
        user = User.objects.get(email=spec.email)
        assert user.role_set == {role for role, _ in spec.roles}, spec.email
        assert user.display_name == spec.display_name


def test_each_demo_group_is_managed_by_its_demo_manager(demo: None) -> None:
    for name, _kana, manager_email in DEMO_GROUPS:
        assert GroupMembership.objects.filter(group__name=name, user__email=manager_email).exists()


def test_loading_demo_accounts_again_resets_a_changed_password(demo: None) -> None:
    spec = DEMO_ACCOUNTS[0]
    user = User.objects.get(email=spec.email)
    user.set_password("changed-by-a-visitor-123")
    user.save()
    load_demo_accounts()
    assert User.objects.get(email=spec.email).check_password(DEMO_PASSWORD)


@pytest.mark.parametrize("spec", DEMO_ACCOUNTS, ids=lambda spec: spec.email.split("@")[0])
def test_a_demo_account_can_log_in_through_the_login_form(demo: None, spec: Any) -> None:
    client = Client()
    response = client.post(
        reverse("account_login"), {"login": spec.email, "password": DEMO_PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    assert int(client.session["_auth_user_id"]) == User.objects.get(email=spec.email).pk
