"""Pages kept rendered (kamakura_portal.shared_pages): the directory and the public needs
board are served from the cache while nothing they read has changed, and never after."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.db import transaction
from django.test import Client
from django.utils import translation

from groups.models import CitizenGroup, Contact
from kamakura_portal import shared_pages
from kamakura_portal.shared_pages import shared_fragment
from tests.factories import (
    ActivityFieldFactory,
    CitizenGroupFactory,
    DistrictFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

URL = "/groups/"


def page(client: Client, params: dict[str, str] | None = None) -> str:
    response = client.get(URL, params or {})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def group() -> CitizenGroup:
    return CitizenGroupFactory.create(name="海の会", name_kana="ウミノカイ")


def test_the_same_address_again_asks_nothing(
    client: Client, group: CitizenGroup, django_assert_num_queries: Any
) -> None:
    first = page(client)
    with django_assert_num_queries(0):
        again = page(client)
    assert "海の会" in first
    assert "海の会" in again


def test_a_saved_change_shows_at_once(client: Client, group: CitizenGroup) -> None:
    page(client)
    group.name = "山の会"
    group.save()
    shown = page(client)
    assert "山の会" in shown
    assert "海の会" not in shown


def test_an_update_without_signals_shows_at_once(client: Client, group: CitizenGroup) -> None:
    assert "海の会" in page(client)
    CitizenGroup.objects.filter(pk=group.pk).update(status=CitizenGroup.Status.ARCHIVED)
    assert "海の会" not in page(client)


def test_a_bulk_created_group_shows_at_once(client: Client, group: CitizenGroup) -> None:
    page(client)
    CitizenGroup.objects.bulk_create(
        [CitizenGroup(name="川の会", name_kana="カワノカイ", status=CitizenGroup.Status.REGISTERED)]
    )
    assert "川の会" in page(client)


def test_a_field_added_or_cleared_shows_at_once(client: Client, group: CitizenGroup) -> None:
    field = ActivityFieldFactory.create(name="環境保全")
    filtered = {"activity_field": str(field.pk)}
    assert "海の会" not in page(client, filtered)
    group.activity_fields.add(field)
    assert "海の会" in page(client, filtered)
    field.groups.clear()  # the other side of the relation
    assert "海の会" not in page(client, filtered)


def test_a_renamed_district_shows_on_the_cards(client: Client, group: CitizenGroup) -> None:
    district = DistrictFactory.create(name="大船")
    group.districts.add(district)
    assert "大船" in page(client)
    district.name = "大船地域"
    district.save()
    assert "大船地域" in page(client)


def test_a_change_rolled_back_is_never_kept(client: Client, group: CitizenGroup) -> None:
    page(client)
    with pytest.raises(RuntimeError), transaction.atomic():
        CitizenGroup.objects.filter(pk=group.pk).update(name="仮の名")
        assert "仮の名" in page(client)  # the transaction reads its own rows
        raise RuntimeError
    # Nothing moves the generation on after a rollback: had the page read inside the
    # transaction been kept, it would be served now.
    shown = page(client)
    assert "仮の名" not in shown
    assert "海の会" in shown


def test_a_write_while_rendering_retires_what_was_rendered(group: CitizenGroup) -> None:
    rendered: list[str] = []

    def render() -> str:
        text = ",".join(CitizenGroup.objects.values_list("name", flat=True))
        if not rendered:  # another request commits a change while this one renders
            CitizenGroup.objects.filter(pk=group.pk).update(name="新しい名")
        rendered.append(text)
        return text

    assert shared_fragment("names", render) == "海の会"
    # Kept under the generations read before the rendering began: already out of date.
    assert shared_fragment("names", render) == "新しい名"
    assert shared_fragment("names", render) == "新しい名"
    assert len(rendered) == 2


def test_what_reads_an_untracked_table_is_never_kept(group: CitizenGroup) -> None:
    rendered: list[int] = []

    def render() -> str:
        rendered.append(Contact.objects.count())  # no model tells the cache of contacts
        return "text"

    shared_fragment("contacts", render)
    shared_fragment("contacts", render)
    assert len(rendered) == 2


def test_the_language_and_the_day_are_part_of_the_address(
    group: CitizenGroup, monkeypatch: Any
) -> None:
    rendered: list[str] = []

    def render() -> str:
        rendered.append(str(CitizenGroup.objects.count()))
        return rendered[-1]

    shared_fragment("count", render)
    shared_fragment("count", render)
    assert len(rendered) == 1
    with translation.override("en"):
        shared_fragment("count", render)
    assert len(rendered) == 2
    tomorrow = shared_pages.timezone.localdate() + datetime.timedelta(days=1)
    monkeypatch.setattr(shared_pages.timezone, "localdate", lambda: tomorrow)
    shared_fragment("count", render)
    assert len(rendered) == 3


def test_the_htmx_results_and_the_whole_page_are_kept_apart(
    client: Client, group: CitizenGroup
) -> None:
    htmx = {"HX-Request": "true", "HX-Target": "directory-results"}
    results = client.get(URL, headers=htmx)
    whole = client.get(URL)
    results_again = client.get(URL, headers=htmx)
    assert "<html" not in results.content.decode()
    assert "<html" in whole.content.decode()
    assert results_again.content == results.content
    for response in (results, whole):
        assert "HX-Request" in response["Vary"]
        assert "海の会" in response.content.decode()


def test_each_visitor_gets_their_own_shell_around_the_kept_content(
    client: Client, group: CitizenGroup
) -> None:
    member = UserFactory.create(display_name="鎌倉 花子")
    signed_in = Client()
    signed_in.force_login(member)
    mine = signed_in.get(URL).content.decode()
    theirs = page(client)
    assert "鎌倉 花子" in mine
    assert "花子" not in theirs
    assert "海の会" in theirs


def test_the_staff_list_of_needs_is_rendered_for_each_request(centre_staff: Any) -> None:
    staff = Client()
    staff.force_login(centre_staff)
    for _ in range(2):
        response = staff.get("/collaboration/staff/needs/")
        assert response.status_code == 200
        assert "needs" in response.context  # rendered again, not served from the cache


def test_the_public_needs_board_is_kept(client: Client, dept_own: Any) -> None:
    assert client.get("/collaboration/needs/").status_code == 200
    again = client.get("/collaboration/needs/")
    assert again.status_code == 200
    assert again.context is None or "needs" not in again.context


def test_nothing_is_kept_without_a_shared_cache(group: CitizenGroup) -> None:
    from django.test import override_settings

    rendered: list[int] = []

    def render() -> str:
        rendered.append(CitizenGroup.objects.count())
        return "text"

    memory = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"}
    # As in `make run`: a web process and a worker, each with its own local-memory cache.
    with override_settings(CACHES={"default": memory}):
        shared_fragment("alone", render)
        shared_fragment("alone", render)
    assert len(rendered) == 2
