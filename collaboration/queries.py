"""Read-side helpers: the collaboration figures, and querysets shaped for the pages.

Figures count proposals that were submitted (drafts never were), by the fiscal year they
start in, and the implementation rate: implemented proposals (実施) out of all proposals,
as the guideline reports it (75 proposals 2007–2019, 35 implemented; city 73.9 %, groups
34.6 %). Each figure is one query, over any period.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Max, Min, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from accounts.models import User, Visitor
from accounts.rules import is_secretariat
from kamakura_portal.charts import BarChart, bar_chart
from kamakura_portal.dates import fiscal_year_label
from kamakura_portal.inbox import notices_about
from kamakura_portal.models import Notification

from .models import Confirmation, DepartmentNeed, Proposal
from .models.proposals import PUBLIC_STATUSES

Status = Proposal.Status
BY_FISCAL_YEAR = "fiscal_year"
BY_PROGRAM = "program"
BY_SIDE = "side"


@dataclass(frozen=True)
class ProposalFigure:
    label: str
    proposals: int
    implemented: int

    @property
    def rate(self) -> Decimal | None:
        """The implementation rate in percent, to one decimal (half up), or None if no proposal."""
        if not self.proposals:
            return None
        rate = Decimal(self.implemented * 100) / Decimal(self.proposals)
        return rate.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def counted_proposals(
    first_year: int | None = None, last_year: int | None = None
) -> QuerySet[Proposal]:
    """Proposals that count: submitted at some point, starting within the period."""
    proposals = Proposal.objects.exclude(status=Status.DRAFT).filter(
        first_fiscal_year__isnull=False
    )
    if first_year is not None:
        proposals = proposals.filter(first_fiscal_year__gte=first_year)
    if last_year is not None:
        proposals = proposals.filter(first_fiscal_year__lte=last_year)
    return proposals


_COUNTS: dict[str, Any] = {
    "n": Count("pk"),
    "done": Count("pk", filter=Q(implemented=True)),
}


def proposal_totals(first_year: int | None = None, last_year: int | None = None) -> ProposalFigure:
    row = counted_proposals(first_year, last_year).aggregate(**_COUNTS)
    return ProposalFigure(_period_label(first_year, last_year), row["n"], row["done"])


def proposal_figures(
    by: str, first_year: int | None = None, last_year: int | None = None
) -> list[ProposalFigure]:
    """Proposals and implementation per fiscal year, programme or proposer side (one query)."""
    proposals = counted_proposals(first_year, last_year)
    if by == BY_FISCAL_YEAR:
        rows = (
            proposals.values("first_fiscal_year").annotate(**_COUNTS).order_by("first_fiscal_year")
        )
        return [
            ProposalFigure(fiscal_year_label(row["first_fiscal_year"]), row["n"], row["done"])
            for row in rows
        ]
    if by == BY_PROGRAM:
        rows = (
            proposals.values(
                "program__sort_order", "program_id", "program__name", "program__parent__name"
            )
            .annotate(**_COUNTS)
            .order_by("program__sort_order", "program_id")
        )
        return [ProposalFigure(_program_label(row), row["n"], row["done"]) for row in rows]
    if by == BY_SIDE:
        rows = proposals.values("proposer_side").annotate(**_COUNTS)
        found = {row["proposer_side"]: row for row in rows}
        # Always both sides, city first as the guideline compares them.
        return [
            ProposalFigure(
                str(side.label),
                found.get(side.value, {}).get("n", 0),
                found.get(side.value, {}).get("done", 0),
            )
            for side in (Proposal.ProposerSide.CITY, Proposal.ProposerSide.GROUP)
        ]
    raise ValueError(f"Unknown breakdown {by!r}")


def imported_period() -> tuple[int, int] | None:
    """The first and last fiscal years of the imported history (2007–2019 for Kamakura's
    相互提案協働事業), or None when none is imported (one query)."""
    row = Proposal.objects.filter(is_imported=True).aggregate(
        first=Min("first_fiscal_year"), last=Max("first_fiscal_year")
    )
    return None if row["first"] is None else (row["first"], row["last"])


def _program_label(row: dict[str, Any]) -> str:
    if row["program_id"] is None:
        return _("No programme")
    if row["program__parent__name"]:
        return f"{row['program__parent__name']} {row['program__name']}"
    return str(row["program__name"])


def _period_label(first_year: int | None, last_year: int | None) -> str:
    if first_year is None and last_year is None:
        return _("All years")
    first = fiscal_year_label(first_year) if first_year is not None else ""
    last = fiscal_year_label(last_year) if last_year is not None else ""
    return f"{first}〜{last}"


# --- pages --------------------------------------------------------------------------------


def proposal_for_page(pk: int) -> Proposal:
    """One proposal with everything its page shows, in a fixed number of queries."""
    return (
        Proposal.objects.select_related(
            "program__parent",
            "proposing_group",
            "proposing_department",
            "related_need__department",
        )
        .prefetch_related(
            "counterpart_groups",
            "counterpart_departments",
            "cost_lines",
            "roles",
            "goals",
            "milestones",
        )
        .get(pk=pk)
    )


def live_confirmations(proposal: Proposal) -> dict[str, Confirmation]:
    """The standing confirmation of each side, with who confirmed (one query)."""
    rows = proposal.confirmations.filter(withdrawn_at__isnull=True).select_related("confirmed_by")
    return {confirmation.side: confirmation for confirmation in rows}


def proposals_of(user: User) -> QuerySet[Proposal]:
    """The proposals ``user`` takes part in: their groups' and departments' (drafts only of
    their own side), newest first, with what the list shows (one query)."""
    groups, departments = user.managed_group_ids, user.department_ids
    own_side = (
        Q(proposing_group__in=groups) | Q(proposing_department__in=departments) | Q(created_by=user)
    )
    partner = Q(counterpart_groups__in=groups) | Q(counterpart_departments__in=departments)
    ids = Proposal.objects.filter(own_side | (partner & ~Q(status=Status.DRAFT))).values("pk")
    return _listed(Proposal.objects.filter(pk__in=ids)).order_by("-updated_at", "-pk")


def _listed(proposals: QuerySet[Proposal]) -> QuerySet[Proposal]:
    return proposals.select_related("program__parent", "proposing_group", "proposing_department")


def inbox_of(user: User, limit: int = 20) -> list[Notification]:
    """The user's notices about proposals, newest first (the whole inbox is at /inbox/)."""
    return list(notices_about(user, Proposal)[:limit])


def review_queue() -> QuerySet[Proposal]:
    """What the secretariat moves on: submitted, in consultation, under review, adopted."""
    waiting = (Status.SUBMITTED, Status.CONSULTATION, Status.REVIEW, Status.ADOPTED)
    return _listed(Proposal.objects.filter(status__in=waiting, is_imported=False)).order_by(
        "submitted_at", "pk"
    )


def public_projects() -> QuerySet[Proposal]:
    """Adopted and finished projects for everyone, with their partners (two queries)."""
    return (
        _listed(Proposal.objects.filter(status__in=PUBLIC_STATUSES, is_imported=False))
        .prefetch_related("counterpart_groups", "counterpart_departments")
        .order_by("-first_fiscal_year", "-pk")
    )


def assignments_of(user: User) -> QuerySet[Proposal]:
    """Proposals under review on whose panel ``user`` sits (one query)."""
    return _listed(
        Proposal.objects.filter(status=Status.REVIEW, panel__members__reviewer=user)
    ).order_by("submitted_at", "pk")


# A finished project: its implementation is reported; the evaluation may be done or under way.
FINISHED_STATUSES = (Status.REPORTED, Status.EVALUATED, Status.CLOSED)


def finished_projects(first_year: int, last_year: int) -> QuerySet[Proposal]:
    """Finished projects that ended within the fiscal years given, with their partners and
    the committee's evaluation (three queries), in the order they ended."""
    ended = Coalesce("last_fiscal_year", "first_fiscal_year")
    return (
        _listed(Proposal.objects.filter(status__in=FINISHED_STATUSES, is_imported=False))
        .alias(ended=ended)
        .filter(ended__range=(first_year, last_year))
        .select_related("committee_evaluation")
        .prefetch_related("counterpart_groups", "counterpart_departments")
        .order_by("ended", "first_fiscal_year", "pk")
    )


def implementation_chart(title: str, figures: list[ProposalFigure]) -> BarChart:
    """Implementation rates as a bar chart (web and PDF), each bar saying rate and counts."""
    shown = [figure for figure in figures if figure.rate is not None]
    return bar_chart(
        title,
        [(figure.label, figure.rate or 0) for figure in shown],
        unit="%",
        max_value=100,
        texts=[f"{figure.rate}%（{figure.implemented}/{figure.proposals}）" for figure in shown],
    )


def _needs_for_list(needs: QuerySet[DepartmentNeed]) -> QuerySet[DepartmentNeed]:
    return needs.select_related("department").prefetch_related("activity_fields", "districts")


def listed_needs() -> QuerySet[DepartmentNeed]:
    """The needs everyone may read: public and not closed, newest first."""
    return _needs_for_list(
        DepartmentNeed.objects.filter(is_public=True).exclude(status=DepartmentNeed.Status.CLOSED)
    )


def staff_needs() -> QuerySet[DepartmentNeed]:
    """Every need, staff-only and closed ones too, with how many proposals answer each."""
    needs = DepartmentNeed.objects.annotate(proposal_count=Count("proposals"))
    return _needs_for_list(needs.order_by("-created_at", "-pk"))


def proposals_answering(need: DepartmentNeed, user: Visitor) -> list[Proposal]:
    """The submitted proposals that answer ``need`` and that ``user`` may open (one query)."""
    proposals = (
        need.proposals.exclude(status=Status.DRAFT)
        .select_related("proposing_group", "proposing_department")
        .prefetch_related("counterpart_groups", "counterpart_departments")
        .order_by("-created_at", "-pk")
    )
    return [p for p in proposals if user.has_perm("collaboration.view_proposal", p)]


def proposals_waiting(user: Visitor) -> int:
    """How many proposals wait for the secretariat to move them (the staff dashboard)."""
    return review_queue().count()


def needs_without_contact(user: Visitor) -> int:
    """Open needs that name no contact person, of the user's departments (the secretariat:
    of all): what their staff should complete (the staff dashboard)."""
    needs = DepartmentNeed.objects.filter(status=DepartmentNeed.Status.OPEN, contact_name="")
    if not is_secretariat(user):
        department_ids = user.department_ids if isinstance(user, User) else set()
        needs = needs.filter(department_id__in=department_ids)
    return needs.count()
