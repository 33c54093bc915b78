"""The coordinators' workbench for one department need: the need, its ranked candidate groups
with the reasons for their rank, the hard filters, the shortlist and invitation of the chosen
groups in one POST, and the pipeline of the need's invitations.

The need's department and the secretariat see the need and its pipeline; the candidates and
the invitation form are the coordinators'.
"""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from accounts.mixins import PortalPermissionRequiredMixin, acting_user
from collaboration.models import DepartmentNeed
from kamakura_portal.errors import Problem
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
        return rank_groups(self.need, filters=self.filter_form.filters(), limit=CANDIDATES_SHOWN)

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
        return super().get_context_data(
            need=self.need,
            coordinates=self.coordinates,
            filter_form=self.filter_form,
            candidates=[(c, pairs.get(c.group.pk)) for c in self.candidates],
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
