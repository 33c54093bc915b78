"""The forms of a group's profile: Japanese input is normalised, then validated."""

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from groups.forms.contacts import ContactForm
from groups.forms.fields import JapaneseURLField, KanaField, PhoneField, PostalCodeField
from groups.forms.managers import InviteManagerForm
from groups.forms.profile import BasicForm, ConsentForm, LinksForm, StartRegistrationForm
from groups.models import Contact
from tests.factories import CitizenGroupFactory, OrganizationTypeFactory

from .profile_data import ja

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("かまくら", "カマクラ"),
        ("ｶﾏｸﾗ", "カマクラ"),
        ("  カマクラ  シミン ", "カマクラ\u3000シミン"),
        ("ヴァイオリンノカイ", "ヴァイオリンノカイ"),
    ],
)
def test_furigana_is_stored_in_full_width_katakana(typed: Any, stored: Any) -> None:
    assert KanaField().clean(typed) == stored


@pytest.mark.parametrize("typed", ["Kamakura", "鎌倉", "カマクラ1"])
def test_furigana_that_is_not_kana_is_refused(typed: Any) -> None:
    with pytest.raises(ValidationError) as error:
        KanaField().clean(typed)
    assert [e.code for e in error.value.error_list] == ["not_katakana"]


def test_postal_codes_and_phone_numbers_are_normalised() -> None:
    assert PostalCodeField(required=False).clean("〒２４８ー０００５") == "248-0005"
    assert PostalCodeField(required=False).clean("") == ""
    assert PhoneField(required=False).clean("０４６７（２３）３０００") == "0467-23-3000"
    with pytest.raises(ValidationError):
        PhoneField().clean("電話番号")


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("example.jp", "https://example.jp"),
        ("ｈｔｔｐｓ：／／ｅｘａｍｐｌｅ．ｊｐ／ｋａｉ", "https://example.jp/kai"),
        ("http://example.jp", "http://example.jp"),
    ],
)
def test_web_addresses_typed_on_a_japanese_keyboard_are_accepted(typed: Any, stored: Any) -> None:
    assert JapaneseURLField().clean(typed) == stored


def test_the_start_form_leaves_the_furigana_optional_and_converts_it() -> None:
    form = StartRegistrationForm({"name": "腰越の会", "name_kana": "こしごえのかい"})
    assert form.is_valid()
    assert form.cleaned_data["name_kana"] == "コシゴエノカイ"
    assert StartRegistrationForm({"name": "腰越の会", "name_kana": ""}).is_valid()


def basic_form(group: Any, **data: Any) -> Any:
    kind = OrganizationTypeFactory.create()
    return BasicForm(
        {"name": "腰越の会", "name_kana": "コシゴエノカイ", "organization_type": kind.pk, **data},
        instance=group,
    )


def test_the_founding_year_lies_between_meiji_and_this_year() -> None:
    group = CitizenGroupFactory.create()
    this_year = timezone.localdate().year
    assert basic_form(group, founded_year=str(this_year)).is_valid()
    assert basic_form(group, founded_year="1868").is_valid()
    for year in ("1867", str(this_year + 1)):
        form = basic_form(group, founded_year=year)
        assert not form.is_valid()
        assert form.errors.as_data()["founded_year"][0].code == "bad_year"


def test_members_living_in_the_city_cannot_outnumber_the_members() -> None:
    form = basic_form(CitizenGroupFactory.create(), member_count="10", citizen_member_count="11")
    assert not form.is_valid()
    assert list(form.errors) == ["citizen_member_count"]
    assert form.errors.as_data()["citizen_member_count"][0].code == "too_many_citizens"


def test_an_invalid_form_leaves_the_group_it_was_given_untouched() -> None:
    group = CitizenGroupFactory.create(name="元の名前")
    contact = Contact(group=group, kind=Contact.Kind.REPRESENTATIVE, name="元の代表")
    form = ContactForm({"name": "新しい代表", "postal_code": "12"}, contact=contact)
    assert not form.is_valid()
    assert contact.name == "元の代表"


def test_every_contact_item_is_private_unless_ticked() -> None:
    contact = Contact(kind=Contact.Kind.LIAISON)
    form = ContactForm({"name": "担当", "email": "tanto@example.jp"}, contact=contact)
    assert form.is_valid()
    changes = form.changes()
    assert changes["name"] == "担当"
    assert not any(changes[f"{item}_public"] for item in Contact.ITEMS)


def test_each_public_box_is_labelled_with_its_item() -> None:
    form = ContactForm(contact=Contact(kind=Contact.Kind.LIAISON))
    label = str(form.fields["phone_public"].label)
    assert str(form.fields["phone"].label) in label


def test_the_representative_needs_a_name_and_a_way_to_reach_them() -> None:
    form = ContactForm({}, contact=Contact(kind=Contact.Kind.REPRESENTATIVE))
    assert not form.is_valid()
    assert set(form.errors) == {"name", "phone"}


def test_social_links_are_checked_line_by_line() -> None:
    group = CitizenGroupFactory.create()
    form = LinksForm({"social_links": "ｘ．ｃｏｍ／ｋａｉ\n\nfacebook.com/kai"}, instance=group)
    assert form.is_valid()
    assert form.changes()[0]["social_links"] == "https://x.com/kai\nhttps://facebook.com/kai"


def test_consent_is_required_only_until_given() -> None:
    assert not ConsentForm({}).is_valid()
    assert ConsentForm({}, already_agreed=True).is_valid()
    label = str(ConsentForm().fields["agree"].label)
    assert label == ja("I agree to the Civic Activity Centre's rules for registered groups.")


def test_the_invitation_address_is_normalised() -> None:
    form = InviteManagerForm({"email": " ＨＡＮＡ@example.jp "})
    assert form.is_valid()
    assert form.cleaned_data["email"] == "HANA@example.jp"
