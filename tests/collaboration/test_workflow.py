"""The transition service: illegal moves, guards, the record, and notifications after commit."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from collaboration.errors import ProposalError
from collaboration.models import Proposal
from kamakura_portal.mail import send_outbox
from kamakura_portal.models import Notification, OutboxMail, StatusChange
from kamakura_portal.workflow import allowed_moves, transition
from tests.conftest import recipients_of

from .conftest import confirm_both, ja, put_in

pytestmark = pytest.mark.django_db
Status = Proposal.Status


def test_an_illegal_move_is_refused_in_japanese_and_changes_nothing(
    group_proposal: Proposal, secretariat: Any
) -> None:
    with pytest.raises(ProposalError) as refused:
        transition(group_proposal, Status.ADOPTED, secretariat)
    assert str(refused.value) == ja("A proposal that is “%(from)s” cannot become “%(to)s”.") % {
        "from": Status.DRAFT.label,
        "to": Status.ADOPTED.label,
    }
    group_proposal.refresh_from_db()
    assert group_proposal.status == Status.DRAFT
    assert not StatusChange.objects.exists()


def test_submission_of_an_incomplete_draft_lists_every_gap(
    group_proposal: Proposal, group_manager: Any
) -> None:
    group_proposal.shared_purpose = ""
    group_proposal.evaluation_how = ""
    group_proposal.save()
    with pytest.raises(ProposalError) as refused:
        transition(group_proposal, Status.SUBMITTED, group_manager)
    assert [p.section for p in refused.value.problems] == ["purpose", "evaluation"]
    group_proposal.refresh_from_db()
    assert group_proposal.status == Status.DRAFT


def test_submission_records_the_time_and_the_move(
    group_proposal: Proposal, group_manager: Any
) -> None:
    transition(group_proposal, Status.SUBMITTED, group_manager)
    assert group_proposal.status == Status.SUBMITTED
    assert group_proposal.submitted_at is not None
    change = group_proposal.status_changes.get()
    assert (change.from_status, change.to_status, change.actor) == (
        Status.DRAFT,
        Status.SUBMITTED,
        group_manager,
    )


def test_the_review_needs_both_confirmations(group_proposal: Proposal, secretariat: Any) -> None:
    put_in(group_proposal, Status.CONSULTATION)
    with pytest.raises(ProposalError) as refused:
        transition(group_proposal, Status.REVIEW, secretariat)
    assert refused.value.problems == [
        ja("The group has not confirmed sections 1–3 yet."),
        ja("The city has not confirmed sections 1–3 yet."),
    ]
    confirm_both(group_proposal)
    transition(group_proposal, Status.REVIEW, secretariat)
    assert group_proposal.status == Status.REVIEW


@pytest.mark.parametrize("to", [Status.REJECTED, Status.WITHDRAWN])
def test_rejection_and_withdrawal_must_say_why(
    group_proposal: Proposal, secretariat: Any, group_manager: Any, to: str
) -> None:
    put_in(group_proposal, Status.REVIEW)
    actor = secretariat if to == Status.REJECTED else group_manager
    with pytest.raises(ProposalError) as refused:
        transition(group_proposal, to, actor, reason="  ")
    assert str(refused.value) == ja("Write the reason; the other side will read it.")
    transition(group_proposal, to, actor, reason="予算の見通しが立たないため")
    assert group_proposal.status_reason == "予算の見通しが立たないため"


def test_closing_needs_an_outcome(group_proposal: Proposal, secretariat: Any) -> None:
    put_in(group_proposal, Status.EVALUATED)
    with pytest.raises(ProposalError):
        transition(group_proposal, Status.CLOSED, secretariat, outcome="")
    transition(group_proposal, Status.CLOSED, secretariat, outcome=Proposal.Outcome.INDEPENDENT)
    assert group_proposal.outcome == Proposal.Outcome.INDEPENDENT


def test_starting_the_project_counts_it_as_implemented(
    group_proposal: Proposal, group_manager: Any
) -> None:
    put_in(group_proposal, Status.AGREED)
    assert not group_proposal.implemented
    transition(group_proposal, Status.IN_PROGRESS, group_manager)
    assert group_proposal.implemented


def targets(proposal: Proposal, user: Any) -> list[str]:
    return [move.target for move in allowed_moves(proposal, user)]


def test_the_buttons_offer_only_the_users_moves(
    group_proposal: Proposal, group_manager: Any, city_staff: Any, secretariat: Any
) -> None:
    assert targets(group_proposal, group_manager) == [Status.SUBMITTED]
    assert targets(group_proposal, city_staff) == []
    put_in(group_proposal, Status.REVIEW)
    assert targets(group_proposal, secretariat) == [Status.ADOPTED, Status.REJECTED]
    assert targets(group_proposal, group_manager) == [Status.WITHDRAWN]


def test_the_other_side_gets_a_mail_and_an_inbox_entry(
    group_proposal: Proposal,
    group_manager: Any,
    city_staff: Any,
    other_city_staff: Any,
    secretariat: Any,
    other_group_manager: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        transition(group_proposal, Status.SUBMITTED, group_manager)
    # The department addressed and the secretariat (it acts next); never the actor,
    # another group or another department.
    inbox = Notification.objects.order_by("recipient__email")
    assert [n.recipient for n in inbox] == [city_staff, secretariat]
    assert all(group_proposal.title in n.message for n in inbox)
    assert recipients_of(mail.outbox) == sorted([city_staff.email, secretariat.email])
    assert group_proposal.title in mail.outbox[0].subject
    assert f"/collaboration/proposals/{group_proposal.pk}/" in mail.outbox[0].body


def test_the_inbox_is_written_with_the_move_and_no_mail_leaves_before_the_commit(
    group_proposal: Proposal,
    group_manager: Any,
    city_staff: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        transition(group_proposal, Status.SUBMITTED, group_manager)
    # The mail's (the others retire the cache's copies of the changed tables).
    assert len([c for c in callbacks if c.__module__ != "kamakura_portal.cached"]) == 1
    assert [n.recipient for n in Notification.objects.all()] == [city_staff]
    assert not mail.outbox
    assert OutboxMail.objects.get(sent_at__isnull=True).to == city_staff.email


def test_sending_the_outbox_again_notifies_once(
    group_proposal: Proposal,
    group_manager: Any,
    city_staff: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        transition(group_proposal, Status.SUBMITTED, group_manager)
    assert send_outbox() == 0
    assert Notification.objects.count() == 1 and len(mail.outbox) == 1


def test_the_group_hears_when_the_secretariat_moves_a_city_proposal(
    city_proposal: Proposal,
    group_manager: Any,
    city_staff: Any,
    secretariat: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    put_in(city_proposal, Status.SUBMITTED)
    with django_capture_on_commit_callbacks(execute=True):
        transition(city_proposal, Status.CONSULTATION, secretariat)
    assert {n.recipient for n in Notification.objects.all()} == {group_manager, city_staff}
