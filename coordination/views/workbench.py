"""The coordinators' workbench for one department need: the need, its ranked candidate groups
with the reasons for their rank, the hard filters, the shortlist and invitation of the chosen
groups in one POST, and the pipeline of the need's invitations.

The need's department and the secretariat see the need and its pipeline; the candidates and
the invitation form are the coordinators'.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.views.generic import TemplateView

from accounts.mixins import PortalPermissionRequiredMixin, acting_user
from collaboration.models import DepartmentNeed
from kamakura_portal.errors import Problem
from kamakura_portal.shared_pages import kept, shared_fragment, state_of
from kamakura_portal.workflow import allowed_moves

from ..forms.invitations import INVITE, CandidateFilterForm, InviteForm
from ..matching import Candidate, rank_groups
from ..models import Invitation
from ..queries.invitations import pipeline_of
from ..services import invitations as services
from ..workflow import InvitationError
from .invitations import PLAIN_MOVES

Status = Invitation.Status
CANDIDATES_SHOWN = 50
INVITE_FIELDS = ("groups", "message", "answer_by")


def _rounded(value: float, step: str) -> str:
    """``value`` to ``step`` (half up, as the template filter floatformat rounds), without
    the filter's localisation: fifty candidates' parts made some 400 calls a page."""
    return str(Decimal(repr(value)).quantize(Decimal(step), rounding=ROUND_HALF_UP))


@dataclass(frozen=True)
class CandidateRow:
    """What the workbench prints for one candidate, its numbers and links worked out once in
    Python: fifty candidates of six parts each made some 300 template translations a page."""

    candidate: Candidate
    pair: Invitation | None
    score: str
    parts: list[str]
    record_url: str
    pair_url: str

    @classmethod
    def of(cls, candidate: Candidate, pair: Invitation | None) -> CandidateRow:
        points = gettext("%(points)s points")
        return cls(
            candidate=candidate,
            pair=pair,
            score=gettext("%(score)s points") % {"score": _rounded(candidate.score, "1")},
            parts=[
                f"{part.label}: {points % {'points': _rounded(part.points, '0.1')}} — {part.detail}"
                for part in candidate.parts
            ],
            record_url=reverse("groups:staff_detail", args=[candidate.group.pk]),
            pair_url=reverse("coordination:invitation", args=[pair.pk]) if pair else "",
        )


class WorkbenchView(PortalPermissionRequiredMixin, TemplateView):
    permission_required = "coordination.view_pipeline"
    template_name = "coordination/workbench.html"

    @cached_property
    def need(self) -> DepartmentNeed:
        return get_object_or_404(
            DepartmentNeed.objects.select_related("department").prefetch_related(
                "activity_fields", "districts"
            ),
            pk=self.kwargs["pk"],
        )

    def get_permission_object(self) -> DepartmentNeed:
        return self.need

    @cached_property
    def coordinates(self) -> bool:
        return self.request.user.has_perm("coordination.invite_groups", self.need)

    @cached_property
    def filter_form(self) -> CandidateFilterForm:
        return CandidateFilterForm(self.request.GET or None)

    @cached_property
    def candidates(self) -> list[Candidate]:
        if not self.coordinates:
            return []
        need, filters = self.need, self.filter_form.filters()
        # Kept while no group, proposal, taxonomy or synonym changes; the need's own values
        # (read before) are part of the key.
        return kept(
            ("workbench.candidates", state_of(need), filters, CANDIDATES_SHOWN),
            lambda: rank_groups(need, filters=filters, limit=CANDIDATES_SHOWN),
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        pipeline = list(pipeline_of(self.need.pk))
        pairs = {invitation.group_id: invitation for invitation in pipeline}
        rows = [
            (invitation, [m for m in allowed_moves(invitation, user) if m.target in PLAIN_MOVES])
            for invitation in pipeline
        ]
        if self.coordinates:
            kwargs.setdefault("invite_form", InviteForm())
        candidates = [(c, pairs.get(c.group.pk)) for c in self.candidates]
        return super().get_context_data(
            need=self.need,
            coordinates=self.coordinates,
            filter_form=self.filter_form,
            # The same for every need and visitor at one address: kept rendered.
            filter_html=shared_fragment(
                ("workbench.filters", sorted(self.request.GET.lists())),
                lambda: str(self.filter_form),
            ),
            candidates=candidates,
            rows=[CandidateRow.of(candidate, pair) for candidate, pair in candidates],
            pipeline=rows,
            query=self.request.GET.urlencode(),
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Shortlist or invite the ticked groups; errors come back next to the fields."""
        if not self.coordinates:
            return self.refuse("coordination.invite_groups")
        form = InviteForm(request.POST)
        if form.is_valid():
            try:
                done = self.act(form)
            except InvitationError as refused:
                for problem in refused.problems or [Problem(str(refused))]:
                    field = problem.section if problem.section in INVITE_FIELDS else None
                    form.add_error(field, problem)
            else:
                messages.success(request, done)
                url = request.path + (f"?{request.GET.urlencode()}" if request.GET else "")
                return redirect(url)
        return self.render_to_response(self.get_context_data(invite_form=form))

    def act(self, form: InviteForm) -> str:
        data = form.cleaned_data
        actor = acting_user(self.request)
        groups = list(data["groups"])
        if data["action"] != INVITE:
            added = services.shortlist(self.need, groups, actor)
            return ngettext(
                "%(count)s group was added to the shortlist.",
                "%(count)s groups were added to the shortlist.",
                added,
            ) % {"count": added}
        # The reasons are the ranking's as the coordinator saw it (same filters).
        reasons = {c.group.pk: c.reason_for_group or c.explanation for c in self.candidates}
        invited = services.invite(
            self.need,
            groups,
            message=data["message"],
            answer_by=data["answer_by"],
            reasons=reasons,
            actor=actor,
        )
        return ngettext(
            "%(count)s group was invited.", "%(count)s groups were invited.", len(invited)
        ) % {"count": len(invited)}
