"""Every way a group's text changes keeps its search document current: the registration
form (services), the import, the demo loader and the admin (issue 13, item 6)."""

from typing import Any

import pytest
from django.urls import reverse

from accounts.demo import DEMO_GROUPS, load_demo_accounts
from accounts.services import load_departments
from groups.models import CitizenGroup, Contact
from groups.reference import load_taxonomies
from kamakura_portal.db import is_postgresql
from tests.admin import no_inline_rows
from tests.conftest import client_for

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not is_postgresql(), reason="the full-text path is PostgreSQL's"),
]


def found(client: Any, query: str) -> list[str]:
    response = client.get(reverse("groups:directory"), {"q": query})
    return [group.name for group in response.context["page_obj"].object_list]


@pytest.fixture
def demo(db: None) -> None:
    load_departments()
    load_taxonomies()
    load_demo_accounts()


@pytest.mark.parametrize("name", [name for name, _kana, _manager in DEMO_GROUPS])
def test_the_demo_accounts_groups_are_found_by_their_exact_names(
    client: Any, demo: None, name: str
) -> None:
    assert found(client, name) == [name]


def test_the_demo_accounts_groups_have_full_profiles(demo: None) -> None:
    for name, _kana, _manager in DEMO_GROUPS:
        group = CitizenGroup.objects.get(name=name)
        assert group.organization_type is not None
        assert group.activity_fields.exists() and group.districts.exists()
        assert group.activities and group.purpose and group.offers
        assert group.registered_on and group.valid_until
        public = [item for contact in group.contacts.all() for item in contact.public_items()]
        assert public, name


def test_their_activities_and_districts_are_found_too(client: Any, demo: None) -> None:
    assert "由比ガ浜ビーチクリーンの会" in found(client, "ごみ拾い")
    assert "大船子育てネットワーク" in found(client, "大船 よみきかせ")


def test_the_demo_loader_keeps_what_a_demo_user_changed(demo: None) -> None:
    group = CitizenGroup.objects.get(name="由比ガ浜ビーチクリーンの会")
    CitizenGroup.objects.filter(pk=group.pk).update(activities="書き換えた活動内容")
    load_demo_accounts()
    group.refresh_from_db()
    assert group.activities == "書き換えた活動内容"


def test_a_group_edited_in_the_admin_is_found_by_its_new_words(
    client: Any, administrator: Any, group_a: Any
) -> None:
    Contact.objects.filter(group=group_a).delete()
    response = client_for(administrator).post(
        reverse("admin:groups_citizengroup_change", args=[group_a.pk]),
        {
            "name": "腰越しらす研究会",
            "name_kana": "コシゴエシラスケンキュウカイ",
            "activities": "地引き網の体験と、しらすの加工を学ぶ。",
            **no_inline_rows("contacts", "memberships", "status_changes"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert found(client, "しらす") == ["腰越しらす研究会"]
    assert found(client, "じびきあみ") == ["腰越しらす研究会"]
