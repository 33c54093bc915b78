from io import StringIO
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command

from accounts.demo import DEMO_ACCOUNTS
from accounts.models import Department, RoleAssignment, User
from groups.models import CitizenGroup, GroupMembership

pytestmark = pytest.mark.django_db


def run_setup(*args: str) -> str:
    out = StringIO()
    call_command("setup_portal", *args, stdout=out)
    return out.getvalue()


def test_it_loads_the_departments_without_demo_accounts(settings: Any) -> None:
    settings.PORTAL_DEMO_MODE = False
    output = run_setup()
    assert Department.objects.filter(name="地域のつながり課").exists()
    assert not User.objects.exists()
    assert "accounts.services.load_departments" in output


def test_it_refuses_demo_data_when_demo_mode_is_off(settings: Any) -> None:
    settings.PORTAL_DEMO_MODE = False
    with pytest.raises(CommandError, match="PORTAL_DEMO_MODE"):
        run_setup("--demo")
    assert not User.objects.exists()
    assert not Department.objects.exists()


def test_running_it_twice_with_demo_creates_each_demo_account_once(settings: Any) -> None:
    settings.PORTAL_DEMO_MODE = True
    run_setup("--demo")
    counts = (
        User.objects.count(),
        Department.objects.count(),
        RoleAssignment.objects.count(),
        CitizenGroup.objects.count(),
        GroupMembership.objects.count(),
        EmailAddress.objects.count(),
    )
    run_setup("--demo")
    assert counts == (
        User.objects.count(),
        Department.objects.count(),
        RoleAssignment.objects.count(),
        CitizenGroup.objects.count(),
        GroupMembership.objects.count(),
        EmailAddress.objects.count(),
    )
    assert sorted(User.objects.values_list("email", flat=True)) == sorted(
        spec.email for spec in DEMO_ACCOUNTS
    )
