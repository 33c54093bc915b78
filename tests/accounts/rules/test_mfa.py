"""Two-factor authentication gates private data when PORTAL_REQUIRE_MFA_FOR_STAFF is on."""

from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from accounts import rules as account_rules

pytestmark = pytest.mark.django_db


@pytest.fixture
def mfa_required(settings: Any) -> None:
    settings.PORTAL_REQUIRE_MFA_FOR_STAFF = True


def activate_totp(user: Any) -> Authenticator:
    return TOTP.activate(user, generate_totp_secret()).instance


def test_mfa_is_not_needed_when_the_setting_is_off(centre_staff: Any) -> None:
    assert not account_rules.has_mfa.test(centre_staff)
    assert centre_staff.has_perm("accounts.view_private_data")


def test_centre_staff_without_totp_cannot_see_private_data(
    mfa_required: Any, centre_staff: Any
) -> None:
    assert not centre_staff.has_perm("accounts.view_private_data")
    assert not centre_staff.has_perm("accounts.view_audit_history")


def test_centre_staff_with_totp_can_see_private_data(mfa_required: Any, centre_staff: Any) -> None:
    authenticator = activate_totp(centre_staff)
    assert authenticator.type == Authenticator.Type.TOTP
    assert account_rules.has_mfa.test(centre_staff)
    assert centre_staff.has_perm("accounts.view_private_data")
    assert centre_staff.has_perm("accounts.view_audit_history")


def test_recovery_codes_alone_do_not_count_as_mfa(mfa_required: Any, secretariat: Any) -> None:
    Authenticator.objects.create(
        user=secretariat, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "00"}
    )
    assert not secretariat.has_perm("accounts.view_private_data")


def test_mfa_does_not_give_private_data_to_a_role_without_it(
    mfa_required: Any, citizen: Any
) -> None:
    activate_totp(citizen)
    assert account_rules.has_mfa.test(citizen)
    assert not citizen.has_perm("accounts.view_private_data")


def test_an_administrator_without_totp_cannot_see_private_data(
    mfa_required: Any, administrator: Any
) -> None:
    assert not administrator.has_perm("accounts.view_private_data")
    assert not administrator.has_perm("accounts.view_audit_history")
    activate_totp(administrator)
    assert administrator.has_perm("accounts.view_private_data")


def test_anonymous_never_has_mfa(anonymous: Any) -> None:
    assert not account_rules.has_mfa.test(anonymous)
