"""The coordinator's dashboard: open needs nobody has been asked about, invitations waiting
for an answer, follow-ups due, the pipeline and this fiscal year's figures."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.utils import timezone

from collaboration.models import DepartmentNeed, Proposal
from coordination.models import Invitation
from coordination.queries import dashboard
from tests.collaboration.conftest import make_need
from tests.conftest import client_for, for_every_role, roles_except
from tests.factories import CitizenGroupFactory
from tests.html import Page

from .consultation_factories import make_consultation, topics  # noqa: F401
from .invitation_factories import make_invitation

pytestmark = pytest.mark.django_db
Status = Invitation.Status
SIGN_IN = 302
JST = ZoneInfo("Asia/Tokyo")


@for_every_role({**roles_except({"centre_staff"}, 200, 403), "anonymous": SIGN_IN})
def test_the_dashboard_is_the_coordinators(role_client: Client, expected: int) -> None:
    assert role_client.get("/coordination/").status_code == expected


def test_it_lists_what_waits_for_the_centre(
    centre_staff: Any, dept_own: Any, group_a: Any, group_b: Any
) -> None:
    untouched = make_need(dept_own, title="空き家の利活用について")
    shortlisted = make_need(dept_own, title="外来生物の対策")
    asked = make_need(dept_own, title="食品ロスの削減")
    closed = make_need(dept_own, title="終わった課題", status=DepartmentNeed.Status.CLOSED)
    make_invitation(shortlisted, group_a, Status.CANDIDATE)
    waiting = make_invitation(asked, group_b)
    due = make_consultation(
        centre_staff,
        person_name="稲村 花子",
        next_action_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    make_consultation(
        centre_staff, person_name="先の 予定", next_action_on=datetime.date(2099, 1, 1)
    )
    html = client_for(centre_staff).get("/coordination/").content.decode()
    page = Page(html)
    needs = page.by_id("needs-heading").text
    hrefs = page.hrefs()
    # A shortlist is not a contact: the need still waits for someone to be asked.
    assert f"/coordination/needs/{untouched.pk}/" in hrefs
    assert f"/coordination/needs/{shortlisted.pk}/" in hrefs
    assert f"/coordination/needs/{asked.pk}/" not in hrefs
    assert f"/coordination/needs/{closed.pk}/" not in hrefs
    assert "2" in needs
    assert f"/coordination/invitations/{waiting.pk}/" in hrefs
    assert f"/coordination/consultations/{due.pk}/" in hrefs
    assert "先の 予定" not in html


def test_past_ten_rows_the_heading_still_counts_the_whole_list(
    centre_staff: Any, dept_own: Any
) -> None:
    for index in range(12):
        make_need(dept_own, title=f"課題{index}")
    response = client_for(centre_staff).get("/coordination/")
    assert (len(response.context["needs"]), response.context["needs_total"]) == (10, 12)
    assert (response.context["waiting"], response.context["waiting_total"]) == ([], 0)
    assert "12" in Page(response.content.decode()).by_id("needs-heading").text


def test_the_pipeline_counts_every_state(dept_own: Any) -> None:
    need = make_need(dept_own)
    for status in (Status.INVITED, Status.INVITED, Status.INTERESTED, Status.DECLINED):
        make_invitation(need, CitizenGroupFactory.create(), status)
    counts = dict(dashboard.pipeline_counts())
    assert counts[str(Status.INVITED.label)] == 2
    assert counts[str(Status.INTERESTED.label)] == 1
    assert counts[str(Status.DECLINED.label)] == 1
    assert counts[str(Status.PROPOSED.label)] == 0
    assert len(counts) == len(Status.choices)


def test_the_years_figures_count_this_fiscal_year_only(
    dept_own: Any, group_a: Any, group_b: Any
) -> None:
    today = datetime.date(2026, 12, 3)  # fiscal year 2026: 2026-04-01 … 2027-03-31
    this_year = datetime.datetime(2026, 5, 1, 10, tzinfo=JST)
    last_year = datetime.datetime(2026, 3, 31, 10, tzinfo=JST)
    need = make_need(dept_own, created_at=this_year)
    make_need(dept_own, created_at=last_year)
    side = Proposal.ProposerSide.GROUP
    adopted = Proposal.objects.create(
        title="空き家サロン",
        proposer_side=side,
        proposing_group=group_a,
        status=Proposal.Status.ADOPTED,
        created_at=this_year,
    )
    draft = Proposal.objects.create(
        title="下書き", proposer_side=side, proposing_group=group_b, created_at=this_year
    )
    make_invitation(need, group_a, Status.PROPOSED, invited_at=this_year, proposal=adopted)
    make_invitation(need, group_b, Status.PROPOSED, invited_at=this_year, proposal=draft)
    old_need = make_need(dept_own, created_at=last_year)
    make_invitation(old_need, group_a, invited_at=last_year)
    figures = dashboard.year_figures(today)
    assert (figures.year, figures.needs_posted) == (2026, 1)
    assert figures.groups_contacted == 2
    assert (figures.pairs_to_proposals, figures.proposals_adopted) == (2, 1)


@pytest.mark.parametrize("count", [1, 15])
def test_the_dashboard_runs_a_fixed_number_of_queries(
    centre_staff: Any, dept_own: Any, count: int, django_assert_num_queries: Any
) -> None:
    for index in range(count):
        need = make_need(dept_own, title=f"課題{index}")
        make_need(dept_own, title=f"手つかず{index}")
        make_invitation(need, CitizenGroupFactory.create())
        make_consultation(
            centre_staff,
            person_name=f"相談者{index}",
            next_action_on=timezone.localdate(),
        )
    client = client_for(centre_staff)
    # 1 session, 1 user with its roles and managed groups (accounts.backends; permission
    # and menus); 1 needs nobody asked, 1 invitations waiting, 1 follow-ups due (each with
    # the count of its whole list, past the ten shown); 1 pipeline; 1 needs posted this
    # year, 1 the pairs' figures.
    with django_assert_num_queries(8):
        assert client.get("/coordination/").status_code == 200
