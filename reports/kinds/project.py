"""協働事業シート: one adopted project on one page, for the committee's reading.

Parties, programme and period, the shared purpose, the role table, the goals with the
implementation report and milestones beside them, and the evaluations side by side: each
side's self-evaluation at mid-term and at the end, the mutual reviews and the committee's
third-party evaluation. Self-evaluations are not on the project's public page, so a sheet is
read by its audience only and is never published.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from collaboration.models import (
    CommitteeEvaluation,
    Goal,
    Milestone,
    MutualReview,
    Proposal,
    RoleItem,
    SelfEvaluation,
)
from collaboration.models.evaluation import ITEMS, Stage
from collaboration.models.proposals import PUBLIC_STATUSES
from collaboration.queries import proposal_for_page

from . import Kind, Params, register
from .inputs import last_audit_entry_of

SIDES = (("group", gettext_lazy("Group")), ("city", gettext_lazy("City")))


# The staff page lists this many projects, the newest first; any project may still be asked
# for, from its own page (reports/templatetags/report_requests.py) or by its id.
LISTED_PROJECTS = 100


class ProjectChoice(forms.Form):
    proposal = forms.ModelChoiceField(
        label=gettext_lazy("Project"),
        queryset=Proposal.objects.filter(status__in=PUBLIC_STATUSES, is_imported=False).order_by(
            "-first_fiscal_year", "title", "pk"
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A prefecture has thousands of projects: the select lists the newest (one query) and
        # the field still accepts any of them.
        field = self.fields["proposal"]
        listed = list(field.queryset[: LISTED_PROJECTS + 1])  # type: ignore[attr-defined]
        if len(listed) > LISTED_PROJECTS:
            button = _("Make the %(kind)s") % {"kind": _("Collaboration project sheet")}
            field.help_text = _(
                "The %(count)s newest projects are listed. For an older one, use the button "
                "“%(button)s” on the project's own page."
            ) % {"count": LISTED_PROJECTS, "button": button}
        label = field.label_from_instance  # type: ignore[attr-defined]
        shown = [(project.pk, label(project)) for project in listed[:LISTED_PROJECTS]]
        field.widget.choices = [("", field.empty_label), *shown]  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Column:
    label: str
    evaluation: SelfEvaluation


@dataclass(frozen=True)
class ItemRow:
    label: str
    cells: list[tuple[str, str]]  # (grade, comment) per column


def evaluation_table(evaluations: list[SelfEvaluation]) -> tuple[list[Column], list[ItemRow]]:
    """The self-evaluations side by side: a column per stage and side, a row per item."""
    by_key = {(e.stage, e.side): e for e in evaluations}
    columns = [
        Column(f"{stage.label}・{side_label}", by_key[(stage.value, side)])
        for stage in Stage
        for side, side_label in SIDES
        if (stage.value, side) in by_key
    ]
    rows = [
        ItemRow(
            str(label),
            [
                (
                    getattr(column.evaluation, f"{prefix}_grade"),
                    getattr(column.evaluation, f"{prefix}_comment"),
                )
                for column in columns
            ],
        )
        for prefix, label in ITEMS
    ]
    return columns, rows


def build(params: Params) -> dict[str, Any]:
    project = proposal_for_page(params["proposal"])
    columns, rows = evaluation_table(list(project.self_evaluations.all()))
    return {
        "project": project,
        "evaluation_columns": columns,
        "evaluation_rows": rows,
        "mutual_reviews": list(project.mutual_reviews.order_by("-stage")),
        "committee": CommitteeEvaluation.objects.filter(proposal=project).first(),
    }


def title(params: Params) -> str:
    project = Proposal.objects.only("title").get(pk=params["proposal"])
    return _("Project sheet: %(title)s") % {"title": project.title}


def fingerprint(params: Params) -> Any:
    pk = params["proposal"]
    project = Proposal.objects.filter(pk=pk).aggregate(
        updated=Max("updated_at"),
        rows=Count("roles", distinct=True) + Count("goals", distinct=True),
        milestones=Count("milestones", distinct=True),
        status=Max("status"),
    )
    own = Q(proposal_id=pk)
    evaluations = [
        SelfEvaluation.objects.filter(own).aggregate(n=Count("pk"), last=Max("filed_at")),
        MutualReview.objects.filter(own).aggregate(n=Count("pk"), last=Max("written_at")),
        CommitteeEvaluation.objects.filter(own).aggregate(n=Count("pk"), last=Max("filed_at")),
    ]
    rows = last_audit_entry_of(
        "collaboration",
        {
            "proposal": [pk],
            "roleitem": RoleItem.objects.filter(own).values("pk"),
            "goal": Goal.objects.filter(own).values("pk"),
            "milestone": Milestone.objects.filter(own).values("pk"),
        },
    )
    return [project, evaluations, rows]


KIND = register(
    Kind(
        code="project",
        label=gettext_lazy("Collaboration project sheet"),
        template="reports/pdf/project.html",
        version=1,
        build=build,
        title=title,
        fingerprint=fingerprint,
        audience="evaluations",
        form=ProjectChoice,
        help_text=gettext_lazy(
            "One adopted project on one page, with the evaluations side by side. "
            "For the committee: it is never published."
        ),
    )
)
