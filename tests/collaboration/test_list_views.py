"""My proposals with the inbox, the public projects, the secretariat's review list."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from collaboration.models import DiscussionEntry, Proposal
from kamakura_portal.models import Notification
from tests.conftest import client_for, for_every_role, roles_except
from tests.factories import make_notice

from .conftest import put_in

pytestmark = pytest.mark.django_db
SIGN_IN = 302
Status = Proposal.Status


@for_every_role(
    {
        **roles_except(
            {
                "group_manager",
                "other_group_manager",
                "city_staff",
                "other_city_staff",
                "secretariat",
            },
            200,
            403,
        ),
        "anonymous": SIGN_IN,
    }
)
def test_my_proposals_is_for_the_parties(role_client: Client, expected: int) -> None:
    assert role_client.get("/collaboration/mine/").status_code == expected


@for_every_role({**roles_except(set(), 200, 200)})
def test_the_public_list_shows_adopted_projects_to_everyone(
    group_proposal: Proposal, city_proposal: Proposal, role_client: Client, expected: int
) -> None:
    put_in(group_proposal, Status.IN_PROGRESS)
    response = role_client.get("/collaboration/projects/")
    assert response.status_code == expected
    html = response.content.decode()
    assert group_proposal.title in html
    assert city_proposal.title not in html  # still a draft


@for_every_role({**roles_except(set(), 200, 200)})
def test_a_projects_public_page_shows_only_its_public_parts(
    group_proposal: Proposal, role_client: Client, expected: int
) -> None:
    put_in(group_proposal, Status.ADOPTED)
    html = role_client.get(f"/collaboration/projects/{group_proposal.pk}/").content.decode()
    assert group_proposal.shared_purpose in html
    assert "清掃の運営" in html  # the role table
    assert "軍手とごみ袋" not in html  # cost lines are not public


@for_every_role({**roles_except(set(), 403, 403), "anonymous": SIGN_IN})
def test_a_draft_has_no_public_page(
    group_proposal: Proposal, role_client: Client, expected: int
) -> None:
    assert role_client.get(f"/collaboration/projects/{group_proposal.pk}/").status_code == expected


@for_every_role(
    {**roles_except({"secretariat", "committee_member"}, 200, 403), "anonymous": SIGN_IN}
)
def test_the_review_list_is_for_the_secretariat_and_the_committee(
    role_client: Client, expected: int
) -> None:
    assert role_client.get("/collaboration/review/").status_code == expected


def test_the_committee_sees_only_its_assignments_not_the_queue(
    group_proposal: Proposal, committee_member: Any
) -> None:
    put_in(group_proposal, Status.SUBMITTED)
    html = client_for(committee_member).get("/collaboration/review/").content.decode()
    assert group_proposal.title not in html


def test_other_groups_and_departments_never_list_a_draft(
    group_proposal: Proposal,
    city_proposal: Proposal,
    other_group_manager: Any,
    other_city_staff: Any,
    city_staff: Any,
) -> None:
    for user in (other_group_manager, other_city_staff):
        html = client_for(user).get("/collaboration/mine/").content.decode()
        assert group_proposal.title not in html and city_proposal.title not in html
    # The addressed department sees the group's proposal once it is submitted, not before.
    html = client_for(city_staff).get("/collaboration/mine/").content.decode()
    assert group_proposal.title not in html and city_proposal.title in html
    put_in(group_proposal, Status.SUBMITTED)
    assert (
        group_proposal.title in client_for(city_staff).get("/collaboration/mine/").content.decode()
    )


def test_the_inbox_marks_everything_read(group_proposal: Proposal, group_manager: Any) -> None:
    make_notice(group_manager, group_proposal, "お知らせ")
    _many_notifications(group_proposal, group_manager, 2)  # entries' notes too
    client = client_for(group_manager)
    assert "お知らせ" in client.get("/collaboration/mine/").content.decode()
    client.post("/collaboration/mine/inbox/read/")
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def _many_projects(group_proposal: Proposal, count: int) -> None:
    for index in range(count):
        clone = Proposal.objects.create(
            title=f"事業{index}",
            proposer_side=group_proposal.proposer_side,
            proposing_group=group_proposal.proposing_group,
            status=Status.IN_PROGRESS,
            first_fiscal_year=2026,
            last_fiscal_year=2026,
            program=group_proposal.program,
        )
        clone.counterpart_departments.set(group_proposal.counterpart_departments.all())


@pytest.mark.parametrize("count", [1, 15])
def test_the_public_list_runs_a_fixed_number_of_queries(
    group_proposal: Proposal, count: int, django_assert_num_queries: Any
) -> None:
    _many_projects(group_proposal, count)
    client = Client()
    # session-less anonymous request: 1 count for the paginator, 1 page of projects
    # (programme, proposer joined), 1 partner groups, 1 partner departments, 1 programmes
    # for the filter's choices.
    with django_assert_num_queries(5):
        assert client.get("/collaboration/projects/").status_code == 200


@pytest.mark.parametrize("count", [1, 15])
def test_the_review_list_runs_a_fixed_number_of_queries(
    group_proposal: Proposal, secretariat: Any, count: int, django_assert_num_queries: Any
) -> None:
    _many_projects(group_proposal, count)
    Proposal.objects.filter(status=Status.IN_PROGRESS).update(status=Status.SUBMITTED)
    client = client_for(secretariat)
    # 1 session, 1 user with its roles and managed groups (accounts.backends; permission
    # and menus), 1 the user's own assignments, 1 the number of proposals waiting (the
    # queue's pages), 1 one page of the queue (programme, proposer joined), 1 figures by
    # side, 1 by fiscal year, 1 totals.
    with django_assert_num_queries(8):
        assert client.get("/collaboration/review/").status_code == 200


def _many_notifications(proposal: Proposal, recipient: Any, count: int) -> None:
    """``count`` notes of each kind: about a move and about a discussion entry."""
    for index in range(count):
        entry = DiscussionEntry.objects.create(proposal=proposal, body=f"記録{index}")
        make_notice(recipient, proposal, f"変更{index}", url=f"/collaboration/proposals/{index}/")
        make_notice(recipient, proposal, f"書き込み{index}", url=f"/discussion/#entry-{entry.pk}")


@pytest.mark.parametrize("count", [1, 15])
def test_my_proposals_runs_a_fixed_number_of_queries(
    group_proposal: Proposal, group_manager: Any, count: int, django_assert_num_queries: Any
) -> None:
    _many_projects(group_proposal, count)
    _many_notifications(group_proposal, group_manager, count)
    client = client_for(group_manager)
    # 1 session, 1 user with its managed groups and roles (accounts.backends), 1 proposals
    # (programme, proposer joined), 1 inbox (a note's link needs only its ids, whether it
    # is about a move or a discussion entry).
    with django_assert_num_queries(4):
        assert client.get("/collaboration/mine/").status_code == 200


@for_every_role(
    {
        **roles_except(
            {
                "group_manager",
                "other_group_manager",
                "city_staff",
                "other_city_staff",
                "secretariat",
            },
            302,
            403,
        ),
        "anonymous": SIGN_IN,
    }
)
def test_marking_the_inbox_read_touches_only_ones_own(
    group_proposal: Proposal, role_client: Client, expected: int, citizen: Any
) -> None:
    other = make_notice(citizen, group_proposal, "x")
    assert role_client.post("/collaboration/mine/inbox/read/").status_code == expected
    other.refresh_from_db()
    assert other.read_at is None
