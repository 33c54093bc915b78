import datetime
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groups.models import CitizenGroup
from tests.conftest import for_every_role, roles_except
from tests.factories import (
    ActivityFieldFactory,
    CitizenGroupFactory,
    ContactFactory,
    DistrictFactory,
    OrganizationTypeFactory,
)
from tests.html import Page

pytestmark = pytest.mark.django_db

URL = "/groups/"
Status = CitizenGroup.Status


def names(response: Any) -> list[str]:
    return [group.name for group in response.context["page_obj"].object_list]


def test_the_directory_lives_under_groups() -> None:
    assert reverse("groups:directory") == URL


@for_every_role(roles_except(set(), yes=200, no=200))
def test_everyone_may_browse_the_directory(role_client: Any, expected: Any, group_a: Any) -> None:
    response = role_client.get(URL)
    assert response.status_code == expected
    assert group_a.name in response.content.decode()


@pytest.mark.parametrize(
    "status", [s for s in Status.values if s != Status.REGISTERED], ids=lambda s: s
)
def test_only_registered_groups_are_listed(client: Any, status: Any) -> None:
    CitizenGroupFactory.create(name="登録済みの会", name_kana="トウロクズミノカイ")
    CitizenGroupFactory.create(name="ほかの状態の会", name_kana="ホカノカイ", status=status)
    assert names(client.get(URL)) == ["登録済みの会"]


def test_groups_are_in_kana_order_by_default(client: Any) -> None:
    for name, kana in [
        ("夜の会", "ヨルノカイ"),
        ("朝の会", "アサノカイ"),
        ("昼の会", "ヒルノカイ"),
    ]:
        CitizenGroupFactory.create(name=name, name_kana=kana)
    assert names(client.get(URL)) == ["朝の会", "昼の会", "夜の会"]


def test_newest_sorts_by_registration_date(client: Any) -> None:
    CitizenGroupFactory.create(name="古い会", registered_on=datetime.date(2020, 4, 1))
    CitizenGroupFactory.create(name="新しい会", registered_on=datetime.date(2025, 4, 1))
    assert names(client.get(URL, {"sort": "newest"})) == ["新しい会", "古い会"]


def test_updated_sorts_by_the_latest_change(client: Any) -> None:
    first = CitizenGroupFactory.create(name="先に作った会")
    CitizenGroupFactory.create(name="後に作った会")
    first.save()  # now the most recently updated
    assert names(client.get(URL, {"sort": "updated"})) == ["先に作った会", "後に作った会"]


def test_it_filters_by_any_of_the_chosen_fields(client: Any) -> None:
    welfare = ActivityFieldFactory.create(name="福祉")
    culture = ActivityFieldFactory.create(name="文化")
    sport = ActivityFieldFactory.create(name="スポーツ")
    CitizenGroupFactory.create(name="福祉の会", name_kana="フクシ").activity_fields.add(welfare)
    both = CitizenGroupFactory.create(name="両方の会", name_kana="リョウホウ")
    both.activity_fields.add(welfare, culture)
    CitizenGroupFactory.create(name="運動の会", name_kana="ウンドウ").activity_fields.add(sport)
    response = client.get(URL, {"activity_field": [welfare.pk, culture.pk]})
    assert names(response) == ["福祉の会", "両方の会"]  # once each, in kana order


def test_filters_narrow_each_other(client: Any) -> None:
    ofuna = DistrictFactory.create(name="大船")
    kamakura = DistrictFactory.create(name="鎌倉")
    npo = OrganizationTypeFactory.create(name="NPO法人")
    match = CitizenGroupFactory.create(
        name="大船のNPO", organization_type=npo, collaboration_interest="active"
    )
    match.districts.add(ofuna)
    CitizenGroupFactory.create(name="鎌倉のNPO", organization_type=npo).districts.add(kamakura)
    CitizenGroupFactory.create(name="大船の任意団体").districts.add(ofuna)
    CitizenGroupFactory.create(name="関心の違う会", organization_type=npo).districts.add(ofuna)
    response = client.get(
        URL,
        {"district": ofuna.pk, "organization_type": npo.pk, "collaboration_interest": "active"},
    )
    assert names(response) == ["大船のNPO"]


def test_a_bad_filter_value_shows_an_error_and_no_groups(client: Any, group_a: Any) -> None:
    response = client.get(URL, {"district": "9999"})
    assert response.status_code == 200
    assert names(response) == []
    assert response.context["filter"].form.errors["district"]


def test_the_form_keeps_the_filters_in_the_address(client: Any) -> None:
    field = ActivityFieldFactory.create(name="福祉")
    html = client.get(URL, {"activity_field": field.pk, "q": "会"}).content.decode()
    page = Page(html)
    form = page.find_all("form", role="search")[0]
    assert form.attrs["method"] == "get"
    checked = [i for i in page.find_all("input", name="activity_field") if "checked" in i.attrs]
    assert [i.attrs["value"] for i in checked] == [str(field.pk)]
    assert page.find_all("input", name="q")[0].attrs["value"] == "会"


def test_pagination_keeps_the_filters(client: Any) -> None:
    field = ActivityFieldFactory.create(name="福祉")
    for n in range(25):
        CitizenGroupFactory.create(name_kana=f"カイ{n:02}").activity_fields.add(field)
    response = client.get(URL, {"activity_field": field.pk, "sort": "kana"})
    assert len(names(response)) == 20
    next_link = Page(response.content.decode()).find_all("a", rel="next")[0].attrs["href"]
    assert f"activity_field={field.pk}" in next_link
    assert "sort=kana" in next_link
    assert "page=2" in next_link
    assert len(names(client.get(URL + next_link))) == 5


def test_the_count_is_announced_in_a_live_region(client: Any) -> None:
    CitizenGroupFactory.create_batch(3)
    count = Page(client.get(URL).content.decode()).by_id("result-count")
    assert count.attrs["role"] == "status"
    assert "3" in count.text


def test_htmx_gets_only_the_results_with_the_count_out_of_band(client: Any, group_a: Any) -> None:
    response = client.get(
        URL, {"q": ""}, headers={"HX-Request": "true", "HX-Target": "directory-results"}
    )
    html = response.content.decode()
    assert group_a.name in html
    assert "<h1" not in html
    assert 'hx-swap-oob="innerHTML:#result-count"' in html
    assert "HX-Request" in response["Vary"]


def test_without_htmx_the_same_address_is_a_whole_page(client: Any, group_a: Any) -> None:
    html = client.get(URL, {"q": ""}).content.decode()
    assert html.count("<h1") == 1
    assert "hx-swap-oob" not in html


def test_a_card_shows_the_public_summary(client: Any) -> None:
    field = ActivityFieldFactory.create(name="子ども・子育て")
    district = DistrictFactory.create(name="腰越")
    kind = OrganizationTypeFactory.create(name="任意団体")
    group = CitizenGroupFactory.create(
        name="こどもの会",
        name_kana="コドモノカイ",
        organization_type=kind,
        activities="あ" * 100,
    )
    group.activity_fields.add(field)
    group.districts.add(district)
    html = client.get(URL).content.decode()
    for text in ["こどもの会", "コドモノカイ", "子ども・子育て", "腰越", "任意団体", "あ" * 79]:
        assert text in html
    assert "あ" * 81 not in html
    assert reverse("groups:profile", args=[group.pk]) in Page(html).hrefs()


def test_an_empty_result_gives_hints(client: Any, group_a: Any) -> None:
    html = client.get(URL, {"q": "存在しない言葉"}).content.decode()
    assert "empty-state" in html
    assert 'href="/groups/"' in html


def test_private_contact_values_never_appear(client: Any, group_a: Any) -> None:
    ContactFactory.create(
        group=group_a,
        name="秘密 代表",
        phone="0467-99-9999",
        email="secret@example.jp",
        address="鎌倉市秘密町1-2-3",
    )
    html = client.get(URL).content.decode()
    for private in ["秘密 代表", "0467-99-9999", "secret@example.jp", "鎌倉市秘密町1-2-3"]:
        assert private not in html


def queries_for(client: Any) -> int:
    # Another address fills the cache of the form's choice lists (kamakura_portal.cached), not
    # the kept rendering of this one (kamakura_portal.shared_pages).
    client.get(URL, {"page": "1"})
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def make_groups(count: int) -> None:
    field = ActivityFieldFactory.create(code="f", name="福祉")
    district = DistrictFactory.create(code="d", name="大船")
    for group in CitizenGroupFactory.create_batch(count):
        group.activity_fields.add(field)
        group.districts.add(district)


def test_the_queries_do_not_grow_with_the_groups(client: Any) -> None:
    make_groups(3)
    three = queries_for(client)
    make_groups(27)
    assert queries_for(client) == three


def test_the_directory_is_pinned_to_its_queries(
    client: Any, django_assert_num_queries: Any
) -> None:
    make_groups(30)
    # (The empty values are what the form sends when nothing is chosen.)
    empty_form = {"q": "", "organization_type": "", "collaboration_interest": "", "sort": ""}
    # The first request fills the cache of the form's activity fields, districts and
    # organisation types (kamakura_portal.cached): three queries, none on the next requests.
    with django_assert_num_queries(7):
        client.get(URL, empty_form)
    # Another address. An anonymous visitor has no session and no user to load.
    # 1. paginator: the number of matching groups
    # 2. the page of groups with their organisation types (one JOINed query)
    # 3. prefetch: the activity fields of those groups
    # 4. prefetch: the districts of those groups
    with django_assert_num_queries(4):
        assert client.get(URL, {**empty_form, "page": "1"}).status_code == 200
    # The first address again: kept rendered (kamakura_portal.shared_pages), no query.
    with django_assert_num_queries(0):
        assert client.get(URL, empty_form).status_code == 200
