"""The first step of a registration (groups:register) and its htmx suggestions."""

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from groups.models import CitizenGroup, GroupMembership
from tests.conftest import client_for, for_every_role, roles_except
from tests.html import Page, field_error

pytestmark = pytest.mark.django_db

URL = "/groups/register/"
KANA_URL = "/groups/suggest/kana/"
ADDRESS_URL = "/groups/suggest/address/"
SIGNED_IN = {**roles_except(set(), yes=None, no=200), "anonymous": 302}


def ja(message: str) -> str:
    """A message as the (Japanese by default) pages show it."""
    with translation.override("ja"):
        return gettext(message)


def test_the_routes_are_where_the_pages_link_to() -> None:
    assert reverse("groups:register") == URL
    assert reverse("groups:suggest_kana") == KANA_URL
    assert reverse("groups:suggest_address") == ADDRESS_URL


@for_every_role(SIGNED_IN)
def test_every_signed_in_user_may_start_a_registration(role_client: Any, expected: Any) -> None:
    assert role_client.get(URL).status_code == expected


def test_an_anonymous_visitor_is_sent_to_sign_in_and_back(client: Any) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next={URL}"


def test_the_form_asks_for_the_name_and_explains_the_steps(citizen: Any) -> None:
    page = Page(client_for(citizen).get(URL).content.decode())
    name = page.by_id("id_name")
    assert name.attrs["hx-get"] == KANA_URL
    assert name.attrs["hx-target"] == "#kana-suggestion"
    assert page.by_id("kana-suggestion").attrs["aria-live"] == "polite"
    assert len(page.find_all("h1")) == 1


def test_starting_creates_a_draft_managed_by_the_user(citizen: Any) -> None:
    response = client_for(citizen).post(URL, {"name": "腰越おさんぽの会", "name_kana": "コシゴエ"})
    group = CitizenGroup.objects.get(name="腰越おさんぽの会")
    assert response.status_code == 302
    assert response["Location"] == reverse("groups:edit", args=[group.pk, "basic"])
    assert group.status == CitizenGroup.Status.DRAFT
    assert group.name_kana == "コシゴエ"
    membership = GroupMembership.objects.get(group=group)
    assert (membership.user, membership.role) == (citizen, "representative")


def test_hiragana_furigana_is_converted_to_katakana(citizen: Any) -> None:
    client_for(citizen).post(URL, {"name": "腰越の会", "name_kana": "こしごえのかい"})
    assert CitizenGroup.objects.get().name_kana == "コシゴエノカイ"


def test_an_empty_furigana_is_filled_from_the_name_and_shown_for_checking(citizen: Any) -> None:
    client = client_for(citizen)
    response = client.post(URL, {"name": "腰越おさんぽの会", "name_kana": ""}, follow=True)
    assert CitizenGroup.objects.get().name_kana == "コシゴエオサンポノカイ"
    page = Page(response.content.decode())
    assert page.by_id("id_name_kana").attrs["value"] == "コシゴエオサンポノカイ"
    assert any("コシゴエオサンポノカイ" in alert.text for alert in page.find_all(role="status"))


def test_latin_letters_in_the_furigana_are_refused_beside_the_field(citizen: Any) -> None:
    response = client_for(citizen).post(URL, {"name": "腰越の会", "name_kana": "Koshigoe"})
    assert response.status_code == 200
    error = field_error(response.content.decode(), "id_name_kana")
    assert error == ja("Enter the furigana in full-width katakana (ァ–ヶ, ー and spaces).")
    assert not CitizenGroup.objects.exists()


def test_a_missing_name_is_refused_and_nothing_is_created(citizen: Any) -> None:
    response = client_for(citizen).post(URL, {"name": "", "name_kana": ""})
    assert field_error(response.content.decode(), "id_name")
    assert not CitizenGroup.objects.exists()


# --- htmx suggestions -------------------------------------------------------------------


@for_every_role(SIGNED_IN)
def test_signed_in_users_get_kana_suggestions(role_client: Any, expected: Any) -> None:
    assert role_client.get(KANA_URL, {"name": "腰越の会"}).status_code == expected


@for_every_role(SIGNED_IN)
def test_signed_in_users_get_address_suggestions(role_client: Any, expected: Any) -> None:
    assert role_client.get(ADDRESS_URL, {"postal_code": "248-0005"}).status_code == expected


@pytest.mark.parametrize("path", [KANA_URL, ADDRESS_URL])
def test_an_htmx_request_after_the_session_ended_swaps_nothing(client: Any, path: Any) -> None:
    response = client.get(path, {"name": "腰越の会"}, headers={"HX-Request": "true"})
    assert response.status_code == 204


def test_the_kana_fragment_offers_the_reading_with_a_button(citizen: Any) -> None:
    response = client_for(citizen).get(KANA_URL, {"name": "腰越おさんぽの会", "name_kana": ""})
    html = response.content.decode()
    assert "<html" not in html  # a fragment, not a page
    assert "コシゴエオサンポノカイ" in html
    button = Page(html).find_all("button")[0]
    assert button.attrs["hx-get"].startswith(KANA_URL + "?")
    assert "fill=1" in button.attrs["hx-get"]
    assert "hx-swap-oob" not in html


def test_the_kana_fragment_fills_the_input_out_of_band_when_asked(citizen: Any) -> None:
    html = client_for(citizen).get(KANA_URL, {"name": "腰越の会", "fill": "1"}).content.decode()
    kana_input = Page(html).by_id("id_name_kana")
    assert kana_input.attrs["value"] == "コシゴエノカイ"
    assert kana_input.attrs["hx-swap-oob"] == "true"
    assert kana_input.attrs["aria-describedby"] == "id_name_kana_help"


def test_the_kana_fragment_is_empty_without_a_name_or_when_the_reading_is_entered(
    citizen: Any,
) -> None:
    client = client_for(citizen)
    assert client.get(KANA_URL, {"name": ""}).content.decode().strip() == ""
    same = client.get(KANA_URL, {"name": "腰越の会", "name_kana": "コシゴエノカイ"})
    assert same.content.decode().strip() == ""


def test_the_address_fragment_offers_the_address_of_a_postal_code(citizen: Any) -> None:
    response = client_for(citizen).get(
        ADDRESS_URL, {"representative-postal_code": "２４８ー０００５", "prefix": "representative"}
    )
    html = response.content.decode()
    assert "神奈川県鎌倉市雪ノ下" in html
    button = Page(html).find_all("button")[0]
    assert button.attrs["hx-target"] == "#representative-address-suggestion"
    assert "fill=1" in button.attrs["hx-get"]


def test_the_address_fragment_fills_the_address_input_when_asked(citizen: Any) -> None:
    html = (
        client_for(citizen)
        .get(ADDRESS_URL, {"postal_code": "248-0005", "prefix": "liaison", "fill": "1"})
        .content.decode()
    )
    address = Page(html).by_id("id_liaison-address")
    assert address.attrs["value"] == "神奈川県鎌倉市雪ノ下"
    assert address.attrs["hx-swap-oob"] == "true"


def test_an_unknown_postal_code_says_so(citizen: Any) -> None:
    html = client_for(citizen).get(ADDRESS_URL, {"postal_code": "999-9999"}).content.decode()
    message = (
        "No address was found for this postal code. "
        "Check the number, or enter the address yourself."
    )
    assert ja(message) in Page(html).elements[0].text
    assert "hx-swap-oob" not in html
