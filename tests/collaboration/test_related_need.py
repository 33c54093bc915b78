"""A proposal answering a department need: starting one from the need's page, choosing or
changing the need in the outline, and where the link shows."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.utils.translation import gettext

from collaboration.errors import ProposalError
from collaboration.models import DepartmentNeed, Proposal
from collaboration.services.proposals import start_proposal
from tests.conftest import client_for
from tests.html import Page, field_error

from .conftest import make_need, put_in

pytestmark = pytest.mark.django_db


def test_a_group_starts_a_proposal_from_a_need_addressed_to_its_department(
    need: DepartmentNeed, group_manager: Any, group_a: Any, dept_own: Any
) -> None:
    client = client_for(group_manager)
    page = client.get(f"/collaboration/proposals/new/?need={need.pk}").content.decode()
    assert need.title in page
    response = client.post(
        "/collaboration/proposals/new/",
        {"title": "見守り訪問", "proposer": f"group:{group_a.pk}", "need": need.pk},
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert proposal.related_need == need
    assert list(proposal.counterpart_departments.all()) == [dept_own]


def test_a_city_proposal_on_a_need_comes_from_the_needs_department(
    need: DepartmentNeed, secretariat: Any, dept_other: Any, dept_own: Any
) -> None:
    client = client_for(secretariat)
    response = client.post(
        "/collaboration/proposals/new/",
        {"title": "見守り", "proposer": f"department:{dept_other.pk}", "need": need.pk},
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "id_proposer")
    assert not Proposal.objects.exists()
    client.post(
        "/collaboration/proposals/new/",
        {"title": "見守り", "proposer": f"department:{dept_own.pk}", "need": need.pk},
    )
    assert Proposal.objects.get().related_need == need


def test_the_service_refuses_a_city_proposal_on_another_departments_need(
    need: DepartmentNeed, secretariat: Any, dept_other: Any
) -> None:
    with pytest.raises(ProposalError):
        start_proposal(secretariat, title="見守り", department=dept_other, need=need)
    assert not Proposal.objects.exists()


def test_a_group_cannot_start_from_a_staff_only_need(
    staff_only_need: DepartmentNeed, group_manager: Any, group_a: Any
) -> None:
    client = client_for(group_manager)
    page = client.get(f"/collaboration/proposals/new/?need={staff_only_need.pk}")
    assert staff_only_need.title not in page.content.decode()
    client.post(
        "/collaboration/proposals/new/",
        {"title": "見守り", "proposer": f"group:{group_a.pk}", "need": staff_only_need.pk},
    )
    assert not Proposal.objects.exists()


def _outline(proposal: Proposal, **changes: Any) -> dict[str, Any]:
    data = {
        "title": proposal.title,
        "program": proposal.program_id,
        "counterpart_departments": [d.pk for d in proposal.counterpart_departments.all()],
        "first_fiscal_year": proposal.first_fiscal_year,
        "last_fiscal_year": proposal.last_fiscal_year,
        "officer_count": proposal.officer_count,
    }
    data.update(changes)
    return {name: value for name, value in data.items() if value is not None}


def test_the_outline_links_a_need_of_a_partner_department(
    group_proposal: Proposal, need: DepartmentNeed, group_manager: Any
) -> None:
    response = client_for(group_manager).post(
        f"/collaboration/proposals/{group_proposal.pk}/edit/basic/",
        _outline(group_proposal, related_need=need.pk),
    )
    assert response.status_code == 302
    group_proposal.refresh_from_db()
    assert group_proposal.related_need == need


def test_a_need_of_a_department_not_proposed_to_is_an_error_beside_the_field(
    group_proposal: Proposal, dept_other: Any, group_manager: Any
) -> None:
    other = make_need(dept_other, title="広報の多言語化")
    response = client_for(group_manager).post(
        f"/collaboration/proposals/{group_proposal.pk}/edit/basic/",
        _outline(group_proposal, related_need=other.pk, title="変えたタイトル"),
    )
    assert response.status_code == 200
    error = field_error(response.content.decode(), "id_related_need")
    assert other.title in error and str(dept_other) in error
    group_proposal.refresh_from_db()
    assert group_proposal.related_need is None and group_proposal.title != "変えたタイトル"


def test_a_group_is_not_offered_staff_only_or_closed_needs(
    group_proposal: Proposal,
    need: DepartmentNeed,
    staff_only_need: DepartmentNeed,
    dept_own: Any,
    group_manager: Any,
) -> None:
    closed = make_need(dept_own, title="終わった課題", status=DepartmentNeed.Status.CLOSED)
    page = client_for(group_manager).get(
        f"/collaboration/proposals/{group_proposal.pk}/edit/basic/"
    )
    options = [option.text for option in Page(page.content.decode()).find_all("option")]
    assert any(need.title in text for text in options)
    assert not any(staff_only_need.title in text or closed.title in text for text in options)
    response = client_for(group_manager).post(
        f"/collaboration/proposals/{group_proposal.pk}/edit/basic/",
        _outline(group_proposal, related_need=staff_only_need.pk),
    )
    assert field_error(response.content.decode(), "id_related_need")


def test_a_linked_need_that_closes_later_stays_valid(
    group_proposal: Proposal, need: DepartmentNeed, group_manager: Any
) -> None:
    group_proposal.related_need = need
    group_proposal.save()
    need.status = DepartmentNeed.Status.CLOSED
    need.save()
    response = client_for(group_manager).post(
        f"/collaboration/proposals/{group_proposal.pk}/edit/basic/",
        _outline(group_proposal, related_need=need.pk, title="新しいタイトル"),
    )
    assert response.status_code == 302
    group_proposal.refresh_from_db()
    assert group_proposal.title == "新しいタイトル" and group_proposal.related_need == need


def test_the_proposal_page_links_the_need_for_readers_who_may_see_it(
    city_proposal: Proposal, staff_only_need: DepartmentNeed, city_staff: Any, group_manager: Any
) -> None:
    city_proposal.related_need = staff_only_need
    city_proposal.save()
    put_in(city_proposal, Proposal.Status.CONSULTATION)
    staff = client_for(city_staff).get(f"/collaboration/proposals/{city_proposal.pk}/")
    assert Page(staff.content.decode()).link(f"/collaboration/needs/{staff_only_need.pk}/")
    group = client_for(group_manager).get(f"/collaboration/proposals/{city_proposal.pk}/")
    assert group.status_code == 200
    assert staff_only_need.title not in group.content.decode()
    assert gettext("Related department need") not in group.content.decode()


@pytest.mark.parametrize("public", [True, False])
def test_the_public_project_page_names_only_a_public_need(
    group_proposal: Proposal, dept_own: Any, public: bool
) -> None:
    linked = make_need(dept_own, title="公開かどうか", is_public=public)
    group_proposal.related_need = linked
    group_proposal.save()
    put_in(group_proposal, Proposal.Status.IN_PROGRESS)
    html = Client().get(f"/collaboration/projects/{group_proposal.pk}/").content.decode()
    assert (linked.title in html) is public
