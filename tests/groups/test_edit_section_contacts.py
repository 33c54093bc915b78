"""The contacts section of groups:edit: two contacts, each item public or private, in one save."""

from typing import Any

import pytest
from django.urls import reverse

from groups.models import Contact
from tests.conftest import client_for
from tests.html import Page, field_error

from .profile_data import draft_of, ja

pytestmark = pytest.mark.django_db
ITEMS = Contact.ITEMS


@pytest.fixture
def draft(citizen: Any) -> Any:
    return draft_of(citizen)


def url(group: Any) -> str:
    return reverse("groups:edit", args=[group.pk, "contacts"])


def contacts_data(**overrides: Any) -> Any:
    return {
        "representative-name": "腰越 一郎",
        "representative-name_kana": "こしごえ いちろう",
        "representative-postal_code": "〒２４８ー０００５",
        "representative-address": "神奈川県鎌倉市雪ノ下1-1",
        "representative-phone": "０４６７（２３）３０００",
        "representative-email": "ichiro@example.jp",
        "representative-name_public": "on",
        "liaison-name": "腰越 花子",
        "liaison-email": "ＨＡＮＡＫＯ@example.jp",
        "liaison-email_public": "on",
        "action": "continue",
        **overrides,
    }


def contact(group: Any, kind: str) -> Contact:
    return Contact.objects.get(group=group, kind=kind)


def test_the_page_explains_privacy_and_gives_every_item_its_own_unticked_box(
    citizen: Any, draft: Any
) -> None:
    html = client_for(citizen).get(url(draft)).content.decode()
    page = Page(html)
    assert ja(
        "Items with “Make public” ticked appear on your group's public page. Items left "
        "unticked are private: only the Civic Activity Centre and your group's managers see them."
    ) in (page.find_all(role="note")[0].text)
    assert [legend.text for legend in page.find_all("legend")] == [
        ja("Representative"),
        ja("Contact person"),
    ]
    for kind in ("representative", "liaison"):
        for item in ITEMS:
            box = page.by_id(f"id_{kind}-{item}_public")
            assert box.attrs["type"] == "checkbox"
            assert "checked" not in box.attrs
            label = page.find_all("label", for_=f"id_{kind}-{item}_public")[0]
            assert label.text.startswith(ja("Make public (%(item)s)").split("%")[0])


def test_both_contacts_are_saved_normalised_with_their_public_items(
    citizen: Any, draft: Any
) -> None:
    response = client_for(citizen).post(url(draft), contacts_data())
    assert response["Location"] == reverse("groups:edit", args=[draft.pk, "links"])
    representative = contact(draft, "representative")
    assert representative.name_kana == "コシゴエ\u3000イチロウ"
    assert representative.postal_code == "248-0005"
    assert representative.phone == "0467-23-3000"
    assert representative.name_public is True
    assert representative.phone_public is False
    assert representative.address_public is False
    liaison = contact(draft, "liaison")
    assert liaison.email == "HANAKO@example.jp"
    assert (liaison.email_public, liaison.name_public) == (True, False)


def test_one_bad_item_saves_nothing_in_either_contact(citizen: Any, draft: Any) -> None:
    data = contacts_data(**{"liaison-postal_code": "248"})
    response = client_for(citizen).post(url(draft), data)
    assert response.status_code == 200
    error = field_error(response.content.decode(), "id_liaison-postal_code")
    assert error == ja("Enter the postal code as seven digits, for example 248-0005.")
    assert contact(draft, "representative").name == ""
    assert contact(draft, "liaison").name == ""
    assert ja("Nothing was saved. Please check what you entered.") in response.content.decode()


def test_the_representative_needs_a_name_and_a_phone_or_an_email(citizen: Any, draft: Any) -> None:
    data = contacts_data(
        **{"representative-name": "", "representative-phone": "", "representative-email": ""}
    )
    html = client_for(citizen).post(url(draft), data).content.decode()
    assert field_error(html, "id_representative-name")
    assert field_error(html, "id_representative-phone") == ja(
        "Enter a telephone number or an email address for the centre to reach you."
    )


def test_the_contact_person_may_be_left_empty(citizen: Any, draft: Any) -> None:
    data = {k: v for k, v in contacts_data().items() if not k.startswith("liaison-")}
    response = client_for(citizen).post(url(draft), data)
    assert response.status_code == 302
    assert contact(draft, "liaison").name == ""


def test_the_address_button_is_an_htmx_lookup_and_a_plain_submit_without_script(
    citizen: Any, draft: Any
) -> None:
    page = Page(client_for(citizen).get(url(draft)).content.decode())
    button = page.find_all("button", name="lookup_address", value="representative")[0]
    assert button.attrs["type"] == "submit"
    assert button.attrs["hx-get"] == reverse("groups:suggest_address")
    assert button.attrs["hx-target"] == "#representative-address-suggestion"
    # Enter in a text box must save, not look up an address: the first submit button saves.
    in_form = [
        b for b in page.find_all("button") if b.attrs.get("name") in ("action", "lookup_address")
    ]
    assert (in_form[0].attrs["name"], in_form[0].attrs["value"]) == ("action", "continue")


def test_without_script_the_lookup_fills_the_address_and_saves_nothing(
    citizen: Any, draft: Any
) -> None:
    data = contacts_data(
        **{"representative-address": "", "lookup_address": "representative", "action": ""}
    )
    response = client_for(citizen).post(url(draft), data)
    assert response.status_code == 200
    page = Page(response.content.decode())
    assert page.by_id("id_representative-address").attrs["value"] == "神奈川県鎌倉市雪ノ下"
    assert page.by_id("id_representative-name").attrs["value"] == "腰越 一郎"
    assert "checked" in page.by_id("id_representative-name_public").attrs
    assert "神奈川県鎌倉市雪ノ下" in page.by_id("representative-address-suggestion").text
    assert not page.find_all(class_="error-summary")
    assert contact(draft, "representative").name == ""


def test_another_group_s_manager_cannot_change_the_contacts(
    other_group_manager: Any, group_a: Any
) -> None:
    response = client_for(other_group_manager).post(url(group_a), contacts_data())
    assert response.status_code == 403
    assert not Contact.objects.filter(group=group_a, name="腰越 一郎").exists()
