"""The site pages: everyone reads them; the centre's staff and the secretariat keep them."""

from __future__ import annotations

from typing import Any

import pytest
from auditlog.models import LogEntry
from django.test import Client

from pages.models import SitePage
from tests.conftest import client_for, for_every_role, roles_except
from tests.html import Page, field_error

pytestmark = pytest.mark.django_db
SIGN_IN = 302
KEEPERS = {"centre_staff", "secretariat", "administrator"}
KEYS = ("terms", "privacy", "group-rules", "centre")


@for_every_role(roles_except(set(), 200, 200))
def test_every_page_is_open_to_everyone(role_client: Client, expected: int) -> None:
    for key in KEYS:
        assert role_client.get(f"/about/{key}/").status_code == expected


@for_every_role({**roles_except(KEEPERS, 200, 403), "anonymous": SIGN_IN})
def test_the_pages_are_edited_by_the_centre_and_the_secretariat(
    role_client: Client, expected: int
) -> None:
    for key in KEYS:
        assert role_client.get(f"/about/{key}/edit/").status_code == expected


@for_every_role({**roles_except(KEEPERS, 302, 403), "anonymous": SIGN_IN})
def test_only_the_keepers_save_a_page(role_client: Client, expected: int) -> None:
    data = {"title": "利用規約", "body": "新しい本文", "revised_on": "2027-04-01"}
    response = role_client.post("/about/terms/edit/", data)
    assert response.status_code == expected
    saved = SitePage.objects.filter(key="terms").first()
    if expected == 302 and response["Location"] == "/about/terms/":
        assert saved is not None and saved.body == "新しい本文"
    else:
        assert saved is None


def test_a_page_shows_the_starting_text_until_staff_save_theirs(client: Client) -> None:
    html = client.get("/about/centre/").content.decode()
    assert "〒248-8686 鎌倉市御成町18番10号" in html
    assert "0467-23-3000" in html
    assert 'href="mailto:npo@city.kamakura.kanagawa.jp"' in html
    assert not SitePage.objects.exists(), "reading a page never writes"


def test_a_saved_page_is_shown_with_its_revision_date_and_kept_in_the_history(
    secretariat: Any,
) -> None:
    data = {
        "title": "センターのご案内",
        "body": "開館時間：9時〜21時\n\n休館日：第4月曜日",
        "revised_on": "2027-04-01",
    }
    response = client_for(secretariat).post("/about/centre/edit/", data)
    assert response.status_code == 302
    page = SitePage.objects.get(key="centre")
    assert page.updated_by == secretariat
    html = Client().get("/about/centre/").content.decode()
    assert "<p>開館時間：9時〜21時</p>" in html and "<p>休館日：第4月曜日</p>" in html
    assert "2027年4月1日" in html
    assert LogEntry.objects.get_for_object(page).count() == 1


def test_an_empty_text_is_refused_beside_the_field_and_nothing_is_saved(
    centre_staff: Any,
) -> None:
    data = {"title": "利用規約", "body": "", "revised_on": "2027-04-01"}
    response = client_for(centre_staff).post("/about/terms/edit/", data)
    assert response.status_code == 200
    assert field_error(response.content.decode(), "id_body")
    assert not SitePage.objects.exists()


def test_a_key_outside_the_set_is_not_found(client: Client, centre_staff: Any) -> None:
    assert client.get("/about/cookies/").status_code == 404
    assert client_for(centre_staff).get("/about/cookies/edit/").status_code == 404


def test_the_keepers_see_an_edit_link_and_others_do_not(client: Client, centre_staff: Any) -> None:
    assert "/about/terms/edit/" in client_for(centre_staff).get("/about/terms/").content.decode()
    assert "/about/terms/edit/" not in client.get("/about/terms/").content.decode()


def test_the_footer_links_every_page(client: Client) -> None:
    hrefs = Page(client.get("/").content.decode()).hrefs()
    for key in KEYS:
        assert f"/about/{key}/" in hrefs


def test_a_page_runs_one_query(client: Client, django_assert_num_queries: Any) -> None:
    # session-less anonymous request: 1 the page.
    with django_assert_num_queries(1):
        assert client.get("/about/privacy/").status_code == 200


def test_addresses_inside_japanese_text_become_links_and_markup_stays_text(
    centre_staff: Any,
) -> None:
    body = "メール：info@example.jp\nサイト：https://example.jp/センター\n<script>alert(1)</script>"
    data = {"title": "センターのご案内", "body": body, "revised_on": "2027-04-01"}
    assert client_for(centre_staff).post("/about/centre/edit/", data).status_code == 302
    html = Client().get("/about/centre/").content.decode()
    assert 'メール：<a href="mailto:info@example.jp">info@example.jp</a><br>' in html
    assert '<a href="https://example.jp/' in html
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
