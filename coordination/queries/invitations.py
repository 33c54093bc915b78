"""Read side of invitations (打診): a need's pipeline, the coordinators' list of invitations
waiting for an answer, a group manager's invitations, and the counts of the dashboard."""

from __future__ import annotations

from django.db.models import Case, IntegerField, QuerySet, Value, When

from accounts.models import User, Visitor

from ..models import Invitation

Status = Invitation.Status
# The pipeline's order: what needs someone's attention first, then what is over.
PIPELINE_ORDER = (
    Status.INTERESTED,
    Status.DISCUSSING,
    Status.INVITED,
    Status.CANDIDATE,
    Status.PROPOSED,
    Status.DECLINED,
    Status.EXPIRED,
)


def _in_pipeline_order(invitations: QuerySet[Invitation]) -> QuerySet[Invitation]:
    rank = Case(
        *[When(status=status, then=Value(index)) for index, status in enumerate(PIPELINE_ORDER)],
        output_field=IntegerField(),
    )
    return invitations.annotate(stage=rank).order_by("stage", "-created_at", "-pk")


def pipeline_of(need_id: int) -> QuerySet[Invitation]:
    """The need's pairs, each with its group (one query)."""
    return _in_pipeline_order(
        Invitation.objects.filter(need_id=need_id).select_related("group", "need", "proposal")
    )


def invitation_for_page(pk: int) -> Invitation:
    return Invitation.objects.select_related(
        "need__department", "group", "invited_by", "answered_by", "proposal"
    ).get(pk=pk)


def waiting_for_answer() -> QuerySet[Invitation]:
    """Sent and unanswered, the nearest answer date first (need, department, group joined)."""
    return (
        Invitation.objects.filter(status=Status.INVITED)
        .select_related("need__department", "group", "invited_by")
        .order_by("answer_by", "pk")
    )


def invitations_of_managed_groups(user: User) -> QuerySet[Invitation]:
    """The invitations sent to the groups ``user`` manages (never a shortlist), the ones
    waiting for an answer first."""
    return _in_pipeline_order(
        Invitation.objects.filter(group_id__in=user.managed_group_ids)
        .exclude(status=Status.CANDIDATE)
        .select_related("need__department", "group")
    )


def answers_waiting_for_group(user: Visitor) -> int:
    """Invitations the user's groups have not answered yet (their dashboard count)."""
    if not isinstance(user, User):
        return 0
    return Invitation.objects.filter(
        group_id__in=user.managed_group_ids, status=Status.INVITED
    ).count()


def interested_waiting_for_centre(user: Visitor) -> int:
    """Groups that said 関心あり and wait for a coordinator to bring them together with the
    department (the coordinators' dashboard count)."""
    return Invitation.objects.filter(status=Status.INTERESTED).count()
