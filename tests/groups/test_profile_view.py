import datetime
from typing import Any

import pytest
from django.urls import reverse

from groups.models import CitizenGroup
from tests.conftest import client_for, for_every_role, roles_except
from tests.factories import (
    ActivityFieldFactory,
    CitizenGroupFactory,
    ContactFactory,
    DistrictFactory,
    OrganizationTypeFactory,
)
from tests.html import Page

pytestmark = pytest.mark.django_db

Status = CitizenGroup.Status
PRIVATE = {
    "name": "秘密 太郎",
    "phone": "0467-99-1234",
    "email": "private-rep@example.jp",
    "address": "鎌倉市非公開町9-9-9",
}


def url(group: Any) -> str:
    return reverse("groups:profile", args=[group.pk])


def test_a_profile_lives_under_the_groups_id(group_a: Any) -> None:
    assert url(group_a) == f"/groups/{group_a.pk}/"


@for_every_role(roles_except(set(), yes=200, no=200))
def test_everyone_may_read_a_registered_groups_profile(
    role_client: Any, expected: Any, group_a: Any
) -> None:
    response = role_client.get(url(group_a))
    assert response.status_code == expected
    assert group_a.name in response.content.decode()


@for_every_role(roles_except(set(), yes=404, no=404))
def test_an_unregistered_group_has_no_public_page_even_for_staff(
    role_client: Any, expected: Any, group_a: Any
) -> None:
    group_a.status = Status.SUBMITTED
    group_a.save()
    assert role_client.get(url(group_a)).status_code == expected


@pytest.mark.parametrize(
    "status", [s for s in Status.values if s != Status.REGISTERED], ids=lambda s: s
)
def test_no_other_status_is_public(client: Any, status: Any) -> None:
    group = CitizenGroupFactory.create(status=status)
    assert client.get(url(group)).status_code == 404


def test_a_missing_group_is_not_found(client: Any) -> None:
    assert client.get("/groups/999999/").status_code == 404


@pytest.fixture
def full_group(group_a: Any) -> Any:
    group_a.organization_type = OrganizationTypeFactory.create(name="NPO法人")
    group_a.founded_year = 2010
    group_a.member_count = 25
    group_a.citizen_member_count = 20
    group_a.purpose = "海をきれいにする"
    group_a.activities = "毎月の海岸清掃"
    group_a.offers = "清掃用具の貸し出し"
    group_a.collaboration_interest = "active"
    group_a.website = "https://yuigahama.example.jp/"
    group_a.social_links = "https://sns.example.jp/yui\njavascript:alert(1)\nただの文字"
    group_a.registered_on = datetime.date(2024, 5, 1)
    group_a.save()
    group_a.activity_fields.add(ActivityFieldFactory.create(name="自然・環境・安全・災害"))
    group_a.districts.add(DistrictFactory.create(name="鎌倉"))
    ContactFactory.create(
        group=group_a,
        name=PRIVATE["name"],
        phone=PRIVATE["phone"],
        email=PRIVATE["email"],
        address=PRIVATE["address"],
        name_kana="ヒミツ　タロウ",
    )
    ContactFactory.create(
        group=group_a,
        kind="liaison",
        name="窓口 花子",
        name_public=True,
        email="public-desk@example.jp",
        email_public=True,
        phone="0467-11-1111",
    )
    return group_a


def test_the_profile_shows_the_public_fields(client: Any, full_group: Any) -> None:
    html = client.get(url(full_group)).content.decode()
    for text in [
        "NPO法人",
        "2010",
        "海をきれいにする",
        "毎月の海岸清掃",
        "清掃用具の貸し出し",
        "自然・環境・安全・災害",
        "鎌倉",
        str(CitizenGroup.Interest.ACTIVE.label),
        "2024",
    ]:
        assert text in html, text


@for_every_role(roles_except(set(), yes=True, no=True))
def test_private_contact_items_never_appear_for_any_role(
    role_client: Any, expected: Any, full_group: Any
) -> None:
    html = role_client.get(url(full_group)).content.decode()
    for value in [*PRIVATE.values(), "ヒミツ", "0467-11-1111"]:
        assert value not in html
    # The items the group made public are there.
    assert ("窓口 花子" in html) is expected
    assert ("public-desk@example.jp" in html) is expected


def test_without_public_items_it_says_to_ask_the_centre(client: Any, group_a: Any) -> None:
    ContactFactory.create(group=group_a, name=PRIVATE["name"])
    response = client.get(url(group_a))
    assert response.context["contacts"] == []
    assert PRIVATE["name"] not in response.content.decode()


def test_links_are_external_and_only_web_addresses(client: Any, full_group: Any) -> None:
    page = Page(client.get(url(full_group)).content.decode())
    links = {a.attrs["href"]: a for a in page.find_all("a") if "href" in a.attrs}
    for address in ["https://yuigahama.example.jp/", "https://sns.example.jp/yui"]:
        assert "noopener" in links[address].attrs["rel"]
        assert "external" in links[address].attrs["rel"]
    assert not [href for href in links if href.startswith("javascript:")]


def test_the_page_has_one_h1_and_the_stylesheet(client: Any, full_group: Any) -> None:
    html = client.get(url(full_group)).content.decode()
    assert html.count("<h1") == 1
    assert "css/groups-directory.css" in html


def test_the_profile_is_pinned_to_its_queries(
    client: Any, full_group: Any, django_assert_num_queries: Any
) -> None:
    # An anonymous visitor: no session, no user.
    # 1. the group with its organisation type (one JOINed query)
    # 2. prefetch: its activity fields
    # 3. prefetch: its districts
    # 4. prefetch: its contacts (filtered to the public items in Python)
    with django_assert_num_queries(4):
        assert client.get(url(full_group)).status_code == 200


def test_a_manager_sees_the_same_public_page(group_manager: Any, full_group: Any) -> None:
    html = client_for(group_manager).get(url(full_group)).content.decode()
    assert PRIVATE["phone"] not in html
