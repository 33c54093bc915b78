"""マイページ of a group's managers: the open public needs that fit their groups, ranked and
explained by the matching (issue 14, item 4)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from collaboration.models import DepartmentNeed
from groups.search import refresh_search_index
from tests.collaboration.conftest import make_need
from tests.conftest import client_for, for_every_role, roles_except
from tests.factories import ActivityFieldFactory
from tests.html import Page

pytestmark = pytest.mark.django_db
SIGN_IN = 302
MANAGERS = {"group_manager", "other_group_manager"}
URL = "/coordination/needs/fitting/"


@for_every_role({**roles_except(MANAGERS, 200, 403), "anonymous": SIGN_IN})
def test_the_fitting_needs_are_for_group_managers(role_client: Client, expected: int) -> None:
    assert role_client.get(URL).status_code == expected


def _clean_up_group(group: Any) -> Any:
    field = ActivityFieldFactory.create(name="環境保全")
    group.activity_fields.add(field)
    group.activities = "由比ガ浜で毎月ビーチクリーンをしています。海岸のごみ拾いと分別。"
    group.save()
    refresh_search_index([group.pk])
    return field


def test_a_manager_sees_open_public_needs_that_fit_the_group_explained(
    group_manager: Any, group_a: Any, dept_own: Any
) -> None:
    field = _clean_up_group(group_a)
    fits = make_need(dept_own, title="海岸のごみ対策", wanted="海岸清掃を一緒に担う団体")
    fits.activity_fields.add(field)
    hidden = make_need(dept_own, title="海岸の清掃（職員のみ）", is_public=False)
    hidden.activity_fields.add(field)
    closed = make_need(dept_own, title="海岸の清掃（終了）", status=DepartmentNeed.Status.CLOSED)
    closed.activity_fields.add(field)
    html = client_for(group_manager).get(URL).content.decode()
    hrefs = Page(html).hrefs()
    assert f"/collaboration/needs/{fits.pk}/" in hrefs
    assert f"/collaboration/needs/{hidden.pk}/" not in hrefs
    assert f"/collaboration/needs/{closed.pk}/" not in hrefs
    assert group_a.name in html and "環境保全" in html  # the explanation names the field


def test_my_page_loads_the_list_for_managers_only(group_manager: Any, citizen: Any) -> None:
    page = Page(client_for(group_manager).get("/mypage/").content.decode())
    [loader] = page.find_all("div", **{"hx-get": URL})
    assert loader.attrs["hx-trigger"] == "load"
    assert URL in page.hrefs(), "a link for browsers without JavaScript"
    assert URL not in client_for(citizen).get("/mypage/").content.decode()


def test_htmx_gets_only_the_list(group_manager: Any, group_a: Any) -> None:
    response = client_for(group_manager).get(URL, headers={"HX-Request": "true"})
    html = response.content.decode()
    assert "<html" not in html and group_a.name in html


@pytest.mark.parametrize("count", [1, 12])
def test_the_list_runs_a_fixed_number_of_queries(
    group_manager: Any, group_a: Any, dept_own: Any, count: int, django_assert_num_queries: Any
) -> None:
    field = _clean_up_group(group_a)
    for index in range(count):
        need = make_need(dept_own, title=f"海岸清掃{index}")
        need.activity_fields.add(field)
    client = client_for(group_manager)
    client.get(URL)  # fills the cache of the civic synonyms (kamakura_portal.cached)
    # 1 session, 1 user with its roles and managed groups (accounts.backends), 1 the
    # registered groups; per group (one here), the ranking: 1 needs, 1 their fields and
    # districts, 1 the group's tokens, 1 its fields and districts, 1 its past proposals (as
    # proposer and as counterpart, with their partner departments).
    with django_assert_num_queries(8):
        assert client.get(URL, headers={"HX-Request": "true"}).status_code == 200
