"""Asking for a project sheet: the staff page lists the newest projects only (a prefecture has
thousands) and still accepts any; every project's own page carries the button for those who
read sheets."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from collaboration.models import Proposal
from reports.forms import request_form
from reports.kinds import kind_of, project
from reports.models import Report
from tests.collaboration.conftest import put_in
from tests.conftest import acts, for_every_role, ja, roles_except

pytestmark = pytest.mark.django_db
KIND = kind_of("project")
# Project sheets hold self-evaluations (reports.rules AUDIENCES["evaluations"]).
READERS = {"centre_staff", "secretariat", "committee_member"}


def note(count: int) -> str:
    button = ja("Make the %(kind)s") % {"kind": ja("Collaboration project sheet")}
    message = (
        "The %(count)s newest projects are listed. For an older one, use the button "
        "“%(button)s” on the project's own page."
    )
    return ja(message) % {"count": count, "button": button}


@pytest.fixture
def adopted(dept_own: Any) -> Any:
    def make(title: str, year: int) -> Proposal:
        proposal = Proposal.objects.create(
            title=title,
            proposer_side=Proposal.ProposerSide.CITY,
            proposing_department=dept_own,
            first_fiscal_year=year,
        )
        return put_in(proposal, Proposal.Status.ADOPTED)

    return make


def test_the_staff_page_lists_the_newest_projects_and_accepts_any(
    adopted: Any, monkeypatch: pytest.MonkeyPatch, django_assert_num_queries: Any
) -> None:
    monkeypatch.setattr(project, "LISTED_PROJECTS", 2)
    old = adopted("古い事業", 2019)
    adopted("中ほどの事業", 2022)
    adopted("新しい事業", 2025)
    with django_assert_num_queries(1):
        html = str(request_form(KIND))
    assert "新しい事業" in html and "中ほどの事業" in html and "古い事業" not in html
    assert note(2) in html
    form = request_form(KIND, {"project-proposal": str(old.pk)})
    assert form.is_valid() and KIND.parameters(form.cleaned_data) == {"proposal": old.pk}
    assert not request_form(KIND, {"project-proposal": "999999"}).is_valid()


def test_with_few_projects_all_are_listed_without_a_note(adopted: Any) -> None:
    adopted("由比ガ浜の事業", 2024)
    html = str(request_form(KIND))
    assert "由比ガ浜の事業" in html
    assert note(project.LISTED_PROJECTS) not in html


@for_every_role(roles_except(READERS, True, False))
def test_the_projects_page_offers_the_sheet_to_those_who_read_sheets(
    role: str, expected: bool, role_client: Any, adopted: Any, not_eager: None
) -> None:
    proposal = adopted("由比ガ浜の事業", 2024)
    page = role_client.get(reverse("collaboration:project", args=[proposal.pk]))
    assert page.status_code == 200
    action = reverse("reports:request", args=["project"])
    assert (f'action="{action}"' in page.content.decode()) is expected
    response = role_client.post(action, {"project-proposal": proposal.pk})
    made = Report.objects.filter(kind="project", parameters={"proposal": proposal.pk})
    assert made.exists() is expected
    if acts(role, 302) and expected:
        assert response.status_code == 302
