"""Demo accounts, one for every role (demo mode only; listed in the README)."""

from __future__ import annotations

from django.db import transaction

from groups.demo import complete_demo_group
from groups.models import CitizenGroup, GroupMembership

from .models import Role
from .services import AccountSpec, ensure_verified_user

DEMO_PASSWORD = "kamakura-demo-2026"
DEMO_DOMAIN = "demo.kamakura-portal.example"

DEMO_ACCOUNTS = (
    AccountSpec(
        f"admin@{DEMO_DOMAIN}", "管理者 デモ", DEMO_PASSWORD, ((Role.ADMINISTRATOR, None),)
    ),
    AccountSpec(
        f"centre@{DEMO_DOMAIN}", "センター 職員", DEMO_PASSWORD, ((Role.CENTRE_STAFF, None),)
    ),
    AccountSpec(
        f"secretariat@{DEMO_DOMAIN}",
        "つながり 事務局",
        DEMO_PASSWORD,
        ((Role.SECRETARIAT, None), (Role.CITY_STAFF, "chiiki-no-tsunagari")),
    ),
    AccountSpec(
        f"city@{DEMO_DOMAIN}", "福祉 職員", DEMO_PASSWORD, ((Role.CITY_STAFF, "fukushi-somu"),)
    ),
    AccountSpec(
        f"city-other@{DEMO_DOMAIN}", "広報 職員", DEMO_PASSWORD, ((Role.CITY_STAFF, "hisho-koho"),)
    ),
    AccountSpec(f"committee@{DEMO_DOMAIN}", "推進 委員", DEMO_PASSWORD, ((Role.COMMITTEE, None),)),
    AccountSpec(f"manager@{DEMO_DOMAIN}", "由比 花子", DEMO_PASSWORD),
    AccountSpec(f"manager-other@{DEMO_DOMAIN}", "大船 太郎", DEMO_PASSWORD),
    AccountSpec(f"citizen@{DEMO_DOMAIN}", "市民 一郎", DEMO_PASSWORD),
)

DEMO_GROUPS = (
    ("由比ガ浜ビーチクリーンの会", "ユイガハマビーチクリーンノカイ", f"manager@{DEMO_DOMAIN}"),
    ("大船子育てネットワーク", "オオフナコソダテネットワーク", f"manager-other@{DEMO_DOMAIN}"),
)


@transaction.atomic
def load_demo_accounts() -> int:
    """Create or refresh the demo accounts and their groups (idempotent)."""
    users = {spec.email: ensure_verified_user(spec) for spec in DEMO_ACCOUNTS}
    for name, kana, manager_email in DEMO_GROUPS:
        group, _ = CitizenGroup.objects.get_or_create(
            name=name,
            defaults={"name_kana": kana, "status": CitizenGroup.Status.REGISTERED},
        )
        GroupMembership.objects.get_or_create(
            user=users[manager_email],
            group=group,
            defaults={"role": GroupMembership.Role.REPRESENTATIVE},
        )
        complete_demo_group(group)
    return len(users)
