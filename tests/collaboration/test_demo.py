"""The demo collaboration data: needs and proposals at every stage, loaded once, and each
demo account finds its own proposals and can open every page they link to."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from accounts.demo import DEMO_DOMAIN, load_demo_accounts
from accounts.models import User
from accounts.services import load_departments
from collaboration import queries
from collaboration.demo import load_demo_collaboration
from collaboration.domain.sections import missing_for_submission
from collaboration.models import DepartmentNeed, Proposal, Stage
from collaboration.reference import load_programs
from collaboration.services.discussion import entries_for
from collaboration.services.review import panel_result
from groups.demo import load_demo_registry
from groups.reference import load_taxonomies
from kamakura_portal.models import Notification
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

Status = Proposal.Status
# What each demo account may open, by the status of the demo proposal (one per status).
VISIBLE = {
    "admin": set(),
    "citizen": set(),
    "centre": {"submitted", "consultation", "review", "in_progress", "closed"},
    "secretariat": {"draft", "submitted", "consultation", "review", "in_progress", "closed"},
    "city": {"draft", "consultation", "in_progress"},
    "city-other": {"submitted", "review", "closed"},
    "committee": {"review", "in_progress", "closed"},
    "manager": {"submitted", "consultation", "in_progress"},
    "manager-other": {"review", "closed"},
}
# The accounts with a "my proposals" page, and the demo proposals listed there.
MINE = {
    "city": {"draft", "consultation", "in_progress"},
    "city-other": {"submitted", "review", "closed"},
    "manager": {"submitted", "consultation", "in_progress"},
    "manager-other": {"review", "closed"},
}


def demo_user(name: str) -> User:
    return User.objects.get(email=f"{name}@{DEMO_DOMAIN}")


def demo_proposal(status: str) -> Proposal:
    return Proposal.objects.get(status=status, is_imported=False)


def load_reference_and_accounts() -> None:
    load_departments()
    load_taxonomies()
    load_programs()
    load_demo_accounts()


@pytest.fixture
def loaded() -> int:
    load_reference_and_accounts()
    return load_demo_collaboration()


def test_it_creates_the_needs_the_proposals_and_the_history_next_to_the_registry() -> None:
    load_reference_and_accounts()
    load_demo_registry()  # as setup_portal --demo runs it first (about a second)
    assert load_demo_collaboration() == 5 + 6 + 75
    statuses = sorted(Proposal.objects.filter(is_imported=False).values_list("status", flat=True))
    assert statuses == sorted(VISIBLE["secretariat"])


def test_loading_twice_creates_nothing_more(loaded: int) -> None:
    counts = (DepartmentNeed.objects.count(), Proposal.objects.count())
    assert load_demo_collaboration() == 0
    assert (DepartmentNeed.objects.count(), Proposal.objects.count()) == counts


def test_it_does_nothing_without_the_demo_accounts() -> None:
    load_departments()
    load_programs()
    assert load_demo_collaboration() == 0
    assert not Proposal.objects.exists()


def test_the_needs_are_open_matched_closed_and_one_is_for_staff_only(loaded: int) -> None:
    needs = DepartmentNeed.objects.all()
    assert sorted(needs.values_list("status", flat=True)) == [
        "closed",
        "matched",
        "open",
        "open",
        "open",
    ]
    staff_only = needs.get(is_public=False)
    assert staff_only.status == DepartmentNeed.Status.OPEN
    assert needs.filter(is_public=True, status=DepartmentNeed.Status.OPEN).count() == 2
    matched = needs.get(status=DepartmentNeed.Status.MATCHED)
    assert demo_proposal(Status.CONSULTATION).related_need == matched
    assert matched.department.code == "fukushi-somu"
    assert matched.activity_fields.exists()
    assert matched.districts.exists()
    for need in needs:
        assert need.starts_on is not None and need.ends_on is not None
        assert need.starts_on <= need.ends_on
        assert need.budget_min is not None and need.budget_max is not None
        assert need.budget_min <= need.budget_max


def test_every_demo_proposal_has_every_section_filled(loaded: int) -> None:
    for proposal in Proposal.objects.filter(is_imported=False):
        assert missing_for_submission(proposal) == [], proposal.title
        assert proposal.goals.exists()
        assert proposal.milestones.exists()


def test_the_consultation_has_a_discussion_with_a_staff_only_note(loaded: int) -> None:
    proposal = demo_proposal(Status.CONSULTATION)
    assert str(proposal.proposing_group) == "由比ガ浜ビーチクリーンの会"
    assert proposal.counterpart_departments.get().code == "fukushi-somu"
    everything = entries_for(proposal, demo_user("city"))
    seen_by_group = entries_for(proposal, demo_user("manager"))
    assert len(everything) == len(seen_by_group) + 1
    assert [entry.staff_only for entry in everything].count(True) == 1
    # The group has confirmed sections 1–3; the city still has to.
    assert list(proposal.confirmations.values_list("side", flat=True)) == ["group"]


def test_the_review_waits_for_the_committee_members_scores(loaded: int) -> None:
    proposal = demo_proposal(Status.REVIEW)
    result = panel_result(proposal)
    assert result is not None
    totals = {str(row.member.reviewer.email).split("@")[0]: row.total for row in result.reviewers}
    assert totals == {"secretariat": 24, "committee": None}


def test_the_closed_project_went_through_the_whole_workflow(loaded: int) -> None:
    proposal = demo_proposal(Status.CLOSED)
    assert proposal.outcome == Proposal.Outcome.CONTINUED
    assert proposal.implemented
    moves = list(proposal.status_changes.order_by("created_at", "pk"))
    assert [move.to_status for move in moves] == [
        "submitted",
        "consultation",
        "review",
        "adopted",
        "agreed",
        "in_progress",
        "reported",
        "evaluated",
        "closed",
    ]
    assert all(move.actor is not None for move in moves)
    assert moves[0].created_at < moves[-1].created_at  # dated along the project's timeline
    assert proposal.agreement_versions.get().is_confirmed
    finals = proposal.self_evaluations.filter(stage=Stage.FINAL)
    assert sorted(finals.values_list("side", flat=True)) == ["city", "group"]
    assert proposal.mutual_reviews.filter(stage=Stage.FINAL).exists()
    assert proposal.committee_evaluation.evaluator == demo_user("committee")


def test_the_project_in_progress_has_a_confirmed_agreement(loaded: int) -> None:
    proposal = demo_proposal(Status.IN_PROGRESS)
    assert proposal.proposer_side == Proposal.ProposerSide.CITY
    assert proposal.agreement_versions.get().is_confirmed
    assert proposal.self_evaluations.filter(stage=Stage.MID_TERM, side="group").exists()


def test_the_figures_include_the_guidelines_history(loaded: int) -> None:
    totals = queries.proposal_totals(2007, 2019)
    assert (totals.proposals, totals.implemented) == (75, 35)


def test_the_parties_are_told_of_the_moves_after_the_commit(
    django_capture_on_commit_callbacks: Any,
) -> None:
    load_reference_and_accounts()
    with django_capture_on_commit_callbacks(execute=True):
        load_demo_collaboration()
    assert Notification.objects.filter(recipient=demo_user("city")).exists()
    assert Notification.objects.filter(recipient=demo_user("manager-other")).exists()
    assert mail.outbox
    # Only each proposal's latest move is news; the moves before it are history.
    closed = demo_proposal(Status.CLOSED)
    told = set(Notification.objects.filter(object_id=closed.pk, key__startswith="status_change:"))
    assert {closed.status_changes.get(pk=n.key.split(":")[1]).to_status for n in told} == {"closed"}


def test_each_demo_account_opens_its_proposals_and_every_page_they_link_to(
    loaded: int,
) -> None:
    proposals = {p.status: p for p in Proposal.objects.filter(is_imported=False)}
    for name, visible in VISIBLE.items():
        client = client_for(demo_user(name))
        for status, proposal in proposals.items():
            url = reverse("collaboration:proposal", args=[proposal.pk])
            response = client.get(url)
            if status not in visible:
                assert response.status_code in (403, 404), (name, status)
                continue
            assert response.status_code == 200, (name, status)
            for label, link in response.context["links"]:
                assert client.get(link).status_code == 200, (name, status, str(label))


def test_each_demo_account_with_proposals_finds_them_on_its_page(loaded: int) -> None:
    for name in VISIBLE:
        response = client_for(demo_user(name)).get(reverse("collaboration:mine"))
        if name not in MINE and name != "secretariat":
            assert response.status_code == 403, name
            continue
        assert response.status_code == 200, name
        listed = {p.status for p in response.context["proposals"] if not p.is_imported}
        assert listed == MINE.get(name, listed), name


def test_another_groups_manager_cannot_open_the_citys_draft(loaded: int) -> None:
    draft = demo_proposal(Status.DRAFT)
    url = reverse("collaboration:proposal", args=[draft.pk])
    assert client_for(demo_user("city")).get(url).status_code == 200
    assert client_for(demo_user("manager")).get(url).status_code in (403, 404)


def test_everyone_sees_the_public_projects_and_the_closed_projects_page(loaded: int) -> None:
    closed = demo_proposal(Status.CLOSED)
    for client in [Client(), *(client_for(demo_user(name)) for name in VISIBLE)]:
        response = client.get(reverse("collaboration:projects"))
        assert response.status_code == 200
        assert {p.status for p in response.context["projects"]} == {"in_progress", "closed"}
        page = client.get(reverse("collaboration:project", args=[closed.pk]))
        assert page.status_code == 200
        assert closed.title in page.content.decode()
