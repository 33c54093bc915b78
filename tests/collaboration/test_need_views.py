"""The pages of department needs: the public list and page, the staff list, the forms and
the status, for every role; staff-only needs never reach a group or the public."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils.translation import gettext, pgettext

from collaboration.models import DepartmentNeed, Proposal
from tests.conftest import ROLES, client_for, for_every_role, roles_except
from tests.factories import ActivityFieldFactory, DistrictFactory
from tests.html import Page, field_error

from .conftest import make_need, put_in

pytestmark = pytest.mark.django_db
SIGN_IN = 302
READERS = {"centre_staff", "city_staff", "other_city_staff", "secretariat"}
POSTERS = {"city_staff", "other_city_staff", "secretariat"}


def _form(department: Any, **changes: Any) -> dict[str, Any]:
    data = {
        "department": department.pk,
        "title": "多言語での広報",
        "background": "外国籍の市民が増えています。",
        "wanted": "やさしい日本語と英語での発信を手伝ってほしい。",
        "starts_on": "2026-06-01",
        "ends_on": "2027-03-31",
        "budget_min": "0",
        "budget_max": "200000",
        "apply_by": "2026-05-15",
        "contact_name": "広報 太郎",
        "contact_phone": "０４６７－２３－３０００",
        "is_public": "on",
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


@for_every_role(dict.fromkeys(ROLES, 200))
def test_everyone_reads_the_public_list_and_a_public_need(
    need: DepartmentNeed, role_client: Client, expected: int
) -> None:
    listing = role_client.get("/collaboration/needs/")
    assert listing.status_code == expected
    assert need.title in listing.content.decode()
    assert role_client.get(f"/collaboration/needs/{need.pk}/").status_code == expected


@for_every_role({**roles_except(READERS, 200, 403), "anonymous": SIGN_IN})
def test_a_staff_only_need_is_never_shown_outside_the_city_and_the_centre(
    staff_only_need: DepartmentNeed, role_client: Client, expected: int
) -> None:
    assert staff_only_need.title not in role_client.get("/collaboration/needs/").content.decode()
    page = role_client.get(f"/collaboration/needs/{staff_only_need.pk}/")
    assert page.status_code == expected


def test_closed_needs_leave_the_public_list_but_stay_on_the_staff_list(
    need: DepartmentNeed, centre_staff: Any
) -> None:
    need.status = DepartmentNeed.Status.CLOSED
    need.save()
    assert need.title not in Client().get("/collaboration/needs/").content.decode()
    staff = client_for(centre_staff).get("/collaboration/staff/needs/").content.decode()
    assert need.title in staff
    assert pgettext("department need", "Closed") in staff


@for_every_role({**roles_except(READERS, 200, 403), "anonymous": SIGN_IN})
def test_the_staff_list_is_for_the_city_and_the_centre(
    need: DepartmentNeed, staff_only_need: DepartmentNeed, role_client: Client, expected: int
) -> None:
    response = role_client.get("/collaboration/staff/needs/")
    assert response.status_code == expected
    if expected == 200:
        html = response.content.decode()
        assert need.title in html and staff_only_need.title in html
        assert gettext("Staff only") in html


def test_the_public_list_filters_by_field_and_area(dept_own: Any, dept_other: Any) -> None:
    welfare, culture = ActivityFieldFactory.create(), ActivityFieldFactory.create()
    ofuna = DistrictFactory.create()
    first = make_need(dept_own, title="見守りの担い手")
    first.activity_fields.add(welfare)
    first.districts.add(ofuna)
    second = make_need(dept_other, title="文化財の案内")
    second.activity_fields.add(culture)
    html = Client().get(f"/collaboration/needs/?activity_field={welfare.pk}").content.decode()
    assert first.title in html and second.title not in html
    html = Client().get(f"/collaboration/needs/?district={ofuna.pk}").content.decode()
    assert first.title in html and second.title not in html
    html = Client().get(f"/collaboration/needs/?department={dept_other.pk}").content.decode()
    assert second.title in html and first.title not in html


@pytest.mark.parametrize("count", [1, 15])
def test_the_public_list_runs_a_fixed_number_of_queries(
    dept_own: Any, count: int, django_assert_num_queries: Any
) -> None:
    field, district = ActivityFieldFactory.create(), DistrictFactory.create()
    for index in range(count):
        made = make_need(dept_own, title=f"課題{index}")
        made.activity_fields.add(field)
        made.districts.add(district)
    client = Client()
    # another address fills the cache of the choice lists (kamakura_portal.cached)
    assert client.get("/collaboration/needs/", {"page": "1"}).status_code == 200
    # session-less anonymous request: 1 count for the paginator, 1 page of needs
    # (department joined), 1 their fields, 1 their areas; the filter's choices (fields,
    # areas, departments) come from the cache.
    with django_assert_num_queries(4):
        response = client.get("/collaboration/needs/")
    assert response.status_code == 200
    # the same address again is kept rendered (kamakura_portal.shared_pages): no query
    with django_assert_num_queries(0):
        again = client.get("/collaboration/needs/")
    assert again.status_code == 200
    assert again.content.count("課題".encode()) == response.content.count("課題".encode())


@pytest.mark.parametrize("count", [1, 15])
def test_the_staff_list_runs_a_fixed_number_of_queries(
    dept_own: Any, centre_staff: Any, count: int, django_assert_num_queries: Any
) -> None:
    for index in range(count):
        make_need(dept_own, title=f"課題{index}", is_public=index % 2 == 0)
    client = client_for(centre_staff)
    # the first request fills the cache of the choice lists (kamakura_portal.cached)
    assert client.get("/collaboration/staff/needs/").status_code == 200
    # 1 session, 1 user with its roles and managed groups (accounts.backends; permission
    # and menus), 1 count, 1 page of needs (department joined, proposals counted), 1 fields,
    # 1 areas; the filter's choices (fields, areas, departments) come from the cache.
    with django_assert_num_queries(6):
        assert client.get("/collaboration/staff/needs/").status_code == 200


@for_every_role({**roles_except(POSTERS, 200, 403), "anonymous": SIGN_IN})
def test_the_citys_staff_open_the_form_to_post_a_need(role_client: Client, expected: int) -> None:
    assert role_client.get("/collaboration/staff/needs/new/").status_code == expected


def test_city_staff_post_a_need_for_their_department(city_staff: Any, dept_own: Any) -> None:
    field = ActivityFieldFactory.create()
    response = client_for(city_staff).post(
        "/collaboration/staff/needs/new/", _form(dept_own, activity_fields=[field.pk])
    )
    need = DepartmentNeed.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/collaboration/needs/{need.pk}/"
    assert need.department == dept_own and need.created_by == city_staff
    assert list(need.activity_fields.all()) == [field]
    assert need.is_public and need.status == DepartmentNeed.Status.OPEN


def test_city_staff_cannot_post_for_another_department(city_staff: Any, dept_other: Any) -> None:
    html = client_for(city_staff).post("/collaboration/staff/needs/new/", _form(dept_other))
    assert html.status_code == 200
    assert field_error(html.content.decode(), "id_department")
    assert not DepartmentNeed.objects.exists()


def test_the_secretariat_posts_for_any_department(secretariat: Any, dept_other: Any) -> None:
    response = client_for(secretariat).post("/collaboration/staff/needs/new/", _form(dept_other))
    assert response.status_code == 302
    assert DepartmentNeed.objects.get().department == dept_other


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"ends_on": "2026-01-01"},
            "id_ends_on",
            "The end of the period cannot be before its start.",
        ),
        ({"budget_max": "-1"}, "id_budget_max", None),
        (
            {"budget_min": "500000"},
            "id_budget_max",
            "The upper amount cannot be below the lower one.",
        ),
        ({"title": ""}, "id_title", None),
        ({"wanted": ""}, "id_wanted", None),
        # Issue 13, item 17: a need names its contact person and closes on its 募集期限.
        ({"contact_name": ""}, "id_contact_name", None),
        (
            {"contact_phone": ""},
            "id_contact_phone",
            "Enter a telephone number or an email address of the contact.",
        ),
        (
            {"apply_by": "2027-04-01"},
            "id_apply_by",
            "Applications cannot close after the period ends.",
        ),
    ],
)
def test_bad_input_gets_an_error_beside_the_field_and_saves_nothing(
    city_staff: Any, dept_own: Any, changes: dict[str, Any], field: str, message: str | None
) -> None:
    response = client_for(city_staff).post(
        "/collaboration/staff/needs/new/", _form(dept_own, **changes)
    )
    assert response.status_code == 200
    error = field_error(response.content.decode(), field)
    if message:
        assert gettext(message) in error
    assert not DepartmentNeed.objects.exists()


@for_every_role({**roles_except({"city_staff", "secretariat"}, 200, 403), "anonymous": SIGN_IN})
def test_only_the_department_and_the_secretariat_edit_a_need(
    need: DepartmentNeed, role_client: Client, expected: int
) -> None:
    assert role_client.get(f"/collaboration/staff/needs/{need.pk}/edit/").status_code == expected
    response = role_client.post(
        f"/collaboration/staff/needs/{need.pk}/edit/", _form(need.department, title="変更後")
    )
    assert response.status_code == (302 if expected == 200 else expected)
    need.refresh_from_db()
    assert (need.title == "変更後") is (expected == 200)


MOVERS = {"city_staff", "secretariat", "centre_staff"}


@for_every_role({**roles_except(MOVERS, 302, 403), "anonymous": SIGN_IN})
def test_the_department_the_secretariat_and_coordinators_move_the_status(
    need: DepartmentNeed, role: str, role_client: Client, expected: int
) -> None:
    response = role_client.post(
        f"/collaboration/staff/needs/{need.pk}/status/", {"status": "matched"}
    )
    assert response.status_code == expected
    need.refresh_from_db()
    assert (need.status == DepartmentNeed.Status.MATCHED) is (role in MOVERS)


def test_an_unknown_status_changes_nothing(need: DepartmentNeed, centre_staff: Any) -> None:
    client = client_for(centre_staff)
    client.post(f"/collaboration/staff/needs/{need.pk}/status/", {"status": "nonsense"})
    need.refresh_from_db()
    assert need.status == DepartmentNeed.Status.OPEN
    page = client.get(f"/collaboration/needs/{need.pk}/").content.decode()
    assert gettext("Choose one of the statuses offered.") in page


def test_the_need_page_lists_the_proposals_answering_it_to_staff_only(
    need: DepartmentNeed, group_proposal: Proposal, city_staff: Any, group_manager: Any
) -> None:
    group_proposal.related_need = need
    group_proposal.save()
    put_in(group_proposal, Proposal.Status.CONSULTATION)
    staff_page = client_for(city_staff).get(f"/collaboration/needs/{need.pk}/").content.decode()
    assert Page(staff_page).link(f"/collaboration/proposals/{group_proposal.pk}/")
    group_page = client_for(group_manager).get(f"/collaboration/needs/{need.pk}/")
    assert gettext("Proposals answering this need") not in group_page.content.decode()


def test_a_draft_answering_a_need_is_not_listed_on_it(
    need: DepartmentNeed, group_proposal: Proposal, city_staff: Any
) -> None:
    group_proposal.related_need = need
    group_proposal.save()
    page = client_for(city_staff).get(f"/collaboration/needs/{need.pk}/").content.decode()
    assert group_proposal.title not in page


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        ("anonymous", False),
        ("citizen", False),
        ("group_manager", True),
        ("city_staff", True),
        ("committee_member", False),
    ],
)
def test_the_propose_button_is_for_those_who_can_propose(
    need: DepartmentNeed, role_client: Client, role: str, shown: bool
) -> None:
    html = role_client.get(f"/collaboration/needs/{need.pk}/").content.decode()
    assert (f"/collaboration/proposals/new/?need={need.pk}" in html) is shown
