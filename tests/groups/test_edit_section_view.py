"""The sections of a group's profile (groups:edit): permissions, steps, basic, activities, confirm.

The contacts and links sections are tested in test_edit_section_contacts.py and
test_edit_section_links.py.
"""

from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse
from django.utils import timezone

from groups.models import ActivityField, CitizenGroup, District, OrganizationType
from groups.reference import load_taxonomies
from tests.conftest import client_for, for_every_role
from tests.html import Page, field_error

from .profile_data import complete, draft_of, ja

pytestmark = pytest.mark.django_db
Status = CitizenGroup.Status

EDITORS = {
    "anonymous": 302,
    "citizen": 403,
    "group_manager": 200,
    "other_group_manager": 403,
    "centre_staff": 200,
    "city_staff": 403,
    "other_city_staff": 403,
    "secretariat": 200,
    "committee_member": 403,
    "administrator": 200,
}
SECTIONS = ("basic", "activities", "contacts", "links")


def url(group: Any, section: str = "basic") -> str:
    return reverse("groups:edit", args=[group.pk, section])


@pytest.fixture
def taxonomies() -> None:
    load_taxonomies()


@pytest.fixture
def draft(citizen: Any, taxonomies: Any) -> Any:
    return draft_of(citizen)


def basic_data(**overrides: Any) -> Any:
    return {
        "name": "腰越おさんぽの会",
        "name_kana": "こしごえ おさんぽのかい",
        "organization_type": OrganizationType.objects.get(code="nin-i").pk,
        "founded_year": "１９９８",
        "member_count": "20",
        "citizen_member_count": "15",
        "main_age_group": "60_69",
        "action": "continue",
        **overrides,
    }


def test_the_route_names_the_group_and_the_section() -> None:
    assert reverse("groups:edit", args=[7, "basic"]) == "/groups/7/edit/basic/"


@for_every_role(EDITORS)
def test_the_group_s_managers_and_the_centre_edit_a_registered_group(
    role_client: Any, expected: Any, group_a: Any, group_b: Any
) -> None:
    assert role_client.get(url(group_a)).status_code == expected


@for_every_role({**EDITORS, "group_manager": 403})
def test_nobody_but_staff_edits_a_registration_under_review(
    role_client: Any, expected: Any, group_a: Any, group_b: Any
) -> None:
    CitizenGroup.objects.filter(pk=group_a.pk).update(status=Status.SUBMITTED)
    assert role_client.get(url(group_a)).status_code == expected


@pytest.mark.parametrize("section", (*SECTIONS, "confirm"))
def test_another_group_s_manager_gets_403_on_every_section(
    other_group_manager: Any, group_a: Any, section: Any
) -> None:
    client = client_for(other_group_manager)
    assert client.get(url(group_a, section)).status_code == 403
    assert client.post(url(group_a, section), {"name": "乗っ取り"}).status_code == 403
    assert CitizenGroup.objects.get(pk=group_a.pk).name == group_a.name


def test_an_unknown_section_or_group_is_404(group_manager: Any, group_a: Any) -> None:
    client = client_for(group_manager)
    assert client.get(url(group_a, "secrets")).status_code == 404
    assert client.get(reverse("groups:edit", args=[99999, "basic"])).status_code == 404


@pytest.mark.parametrize("section", SECTIONS)
def test_every_section_of_a_draft_renders_with_its_step(
    citizen: Any, draft: Any, section: Any
) -> None:
    page = Page(client_for(citizen).get(url(draft, section)).content.decode())
    number = SECTIONS.index(section) + 1
    assert (
        ja("Step %(number)s of %(total)s") % {"number": number, "total": 5}
        in page.by_id("steps-heading").text
    )
    current = [link for link in page.find_all("a") if link.attrs.get("aria-current") == "step"]
    assert [link.attrs["href"] for link in current] == [url(draft, section)]
    assert len(page.find_all("h1")) == 1


def test_save_and_continue_saves_the_basic_section_and_goes_to_the_next(
    citizen: Any, draft: Any
) -> None:
    response = client_for(citizen).post(url(draft), basic_data())
    assert response.status_code == 302
    assert response["Location"] == url(draft, "activities")
    draft.refresh_from_db()
    assert draft.name_kana == "コシゴエ\u3000オサンポノカイ"
    assert (draft.founded_year, draft.member_count, draft.citizen_member_count) == (1998, 20, 15)
    assert draft.organization_type.code == "nin-i"


def test_save_as_draft_stays_on_the_section_and_says_so(citizen: Any, draft: Any) -> None:
    response = client_for(citizen).post(url(draft), basic_data(action="draft"), follow=True)
    assert response.redirect_chain[-1][0] == url(draft)
    assert ja("Saved as a draft. You can continue at any time from “My groups”.") in (
        response.content.decode()
    )


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("founded_year", "1867", "Enter a year from %(first)s to %(last)s."),
        ("founded_year", "2999", "Enter a year from %(first)s to %(last)s."),
        (
            "citizen_member_count",
            "21",
            "This cannot be more than the number of members (%(members)s).",
        ),
        (
            "name_kana",
            "Osanpo",
            "Enter the furigana in full-width katakana (ァ–ヶ, ー and spaces).",
        ),
    ],
)
def test_bad_basic_input_is_shown_beside_its_field_and_nothing_is_saved(
    citizen: Any, draft: Any, field: Any, value: Any, message: Any
) -> None:
    response = client_for(citizen).post(url(draft), basic_data(name="新しい名前", **{field: value}))
    assert response.status_code == 200
    params = {"first": 1868, "last": timezone.localdate().year, "members": 20}
    assert field_error(response.content.decode(), f"id_{field}") == ja(message) % params
    draft.refresh_from_db()
    assert draft.name == "腰越おさんぽの会"
    assert draft.founded_year is None


def test_retired_organisation_types_are_not_offered_unless_already_chosen(
    citizen: Any, draft: Any
) -> None:
    retired = OrganizationType.objects.get(code="npo")
    OrganizationType.objects.filter(pk=retired.pk).update(is_active=False)
    page = Page(client_for(citizen).get(url(draft)).content.decode())
    assert str(retired.pk) not in [o.attrs.get("value") for o in page.find_all("option")]
    CitizenGroup.objects.filter(pk=draft.pk).update(organization_type=retired)
    page = Page(client_for(citizen).get(url(draft)).content.decode())
    assert str(retired.pk) in [o.attrs.get("value") for o in page.find_all("option")]


def test_the_activities_section_saves_choices_and_texts(citizen: Any, draft: Any) -> None:
    fields = ActivityField.objects.filter(code__in=["kanko", "kodomo-kosodate"])
    data = {
        "activity_fields": [f.pk for f in fields],
        "districts": [District.objects.get(code="koshigoe").pk],
        "activities": "月に一度の散歩会",
        "collaboration_interest": "depends",
        "action": "continue",
    }
    response = client_for(citizen).post(url(draft, "activities"), data)
    assert response["Location"] == url(draft, "contacts")
    draft.refresh_from_db()
    assert set(draft.activity_fields.all()) == set(fields)
    assert [d.code for d in draft.districts.all()] == ["koshigoe"]
    assert (draft.activities, draft.collaboration_interest) == ("月に一度の散歩会", "depends")


def test_the_activities_section_offers_only_the_centre_s_fields_as_checkboxes(
    citizen: Any, draft: Any
) -> None:
    page = Page(client_for(citizen).get(url(draft, "activities")).content.decode())
    boxes = page.find_all("input", name="activity_fields")
    assert len(boxes) == ActivityField.objects.filter(taxonomy="centre").count() == 9
    assert all(box.attrs["type"] == "checkbox" for box in boxes)
    assert len(page.find_all("input", type="radio", name="collaboration_interest")) == 3


def test_activities_without_a_field_are_refused(citizen: Any, draft: Any) -> None:
    response = client_for(citizen).post(url(draft, "activities"), {"activities": "散歩"})
    html = response.content.decode()
    assert 'id="id_activity_fields_error"' in html
    assert 'id="id_districts_error"' in html
    draft.refresh_from_db()
    assert draft.activities == ""


def test_a_registered_group_s_edits_are_live_recorded_and_lead_back_to_its_page(
    group_manager: Any, group_a: Any, taxonomies: Any
) -> None:
    client = client_for(group_manager)
    page = client.get(url(group_a)).content.decode()
    assert (
        ja(
            "This group is registered: what you save here appears on its public page at once. "
            "Every change is recorded."
        )
        in Page(page).find_all(role="note")[0].text
    )
    assert ja("Step %(number)s of %(total)s") % {"number": 1, "total": 4} not in page
    response = client.post(url(group_a), basic_data(name="由比ガ浜の会（新）", action="save"))
    assert response["Location"] == reverse("groups:manage", args=[group_a.pk])
    group_a.refresh_from_db()
    assert group_a.name == "由比ガ浜の会（新）"
    entry = LogEntry.objects.get_for_object(group_a).latest("timestamp")
    assert entry.actor == group_manager
    assert "name" in entry.changes_dict


def test_a_registered_group_has_no_confirmation_step(group_manager: Any, group_a: Any) -> None:
    response = client_for(group_manager).get(url(group_a, "confirm"))
    assert response["Location"] == reverse("groups:manage", args=[group_a.pk])


def test_a_returned_group_shows_the_centre_s_reason_on_its_sections(
    citizen: Any, draft: Any
) -> None:
    CitizenGroup.objects.filter(pk=draft.pk).update(
        status=Status.RETURNED, status_reason="活動内容をもう少し詳しく書いてください。"
    )
    page = Page(client_for(citizen).get(url(draft, "activities")).content.decode())
    assert "活動内容をもう少し詳しく書いてください。" in page.find_all(role="note")[0].text


def test_the_confirmation_step_lists_what_is_missing_with_links(citizen: Any, draft: Any) -> None:
    page = Page(client_for(citizen).get(url(draft, "confirm")).content.decode())
    hrefs = {link.text: link.attrs["href"] for link in page.find_all("a")}
    assert hrefs[ja("Choose the organisation type.")] == url(draft, "basic")
    assert hrefs[ja("Choose at least one activity field.")] == url(draft, "activities")
    assert hrefs[ja("Enter the representative's name.")] == url(draft, "contacts")
    assert hrefs[ja("Agree to the centre's rules for registered groups.")] == "#id_agree"
    form = page.find_all("form", action=reverse("groups:submit", args=[draft.pk]))
    assert len(form) == 1
    assert page.by_id("id_agree").attrs["type"] == "checkbox"


def test_a_complete_draft_s_confirmation_shows_the_summary_and_asks_only_for_consent(
    citizen: Any, draft: Any
) -> None:
    complete(draft, agreed=False)
    html = client_for(citizen).get(url(draft, "confirm")).content.decode()
    problems = Page(html).find_all("ul", class_="problem-list")[0].text
    assert problems == ja("Agree to the centre's rules for registered groups.")
    assert "腰越 一郎" in html and "ichiro-private@example.jp" in html
    for section in SECTIONS:
        assert f'href="{url(draft, section)}"' in html


def test_the_confirmation_step_is_not_a_form_target(citizen: Any, draft: Any) -> None:
    assert client_for(citizen).post(url(draft, "confirm"), {}).status_code == 405
