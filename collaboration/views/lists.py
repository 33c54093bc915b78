"""Lists: my proposals with the inbox, the public projects, the secretariat's review list."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from accounts.mixins import PortalPermissionRequiredMixin, acting_user
from kamakura_portal.inbox import mark_all_read

from .. import queries
from ..filters import ProjectFilter
from ..models import CommitteeEvaluation
from .base import ProposalPageMixin

QUEUE_PAGE = 50


class MyProposalsView(PortalPermissionRequiredMixin, TemplateView):
    permission_required = "collaboration.view_my_proposals"
    template_name = "collaboration/mine.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = acting_user(self.request)
        return super().get_context_data(
            proposals=list(queries.proposals_of(user)[:100]),
            inbox=queries.inbox_of(user),
            **kwargs,
        )


class MarkInboxReadView(PortalPermissionRequiredMixin, View):
    permission_required = "collaboration.view_my_proposals"

    def post(self, request: HttpRequest) -> HttpResponse:
        mark_all_read(acting_user(request))
        messages.success(request, _("All notifications are marked as read."))
        return redirect("collaboration:mine")


class ProjectListView(ListView):
    """Adopted and finished projects, public parts only, for everyone."""

    template_name = "collaboration/projects.html"
    paginate_by = 20
    context_object_name = "projects"

    def get_queryset(self) -> Any:
        self.filterset = ProjectFilter(self.request.GET or None, queryset=queries.public_projects())
        return self.filterset.qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(filter=self.filterset, **kwargs)


class ProjectView(ProposalPageMixin, TemplateView):
    """One adopted project's public page: purpose, parties, roles, period, evaluation."""

    permission_required = "collaboration.view_project"
    template_name = "collaboration/project.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            project=queries.proposal_for_page(self.proposal.pk),
            committee=CommitteeEvaluation.objects.filter(proposal=self.proposal).first(),
            **kwargs,
        )


class ReviewListView(PortalPermissionRequiredMixin, TemplateView):
    """Each reviewer's assignments; for the secretariat also the proposals to move on and
    the figures by proposer side."""

    permission_required = "collaboration.review_proposals"
    template_name = "collaboration/review.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = acting_user(self.request)
        context: dict[str, Any] = {"assignments": list(queries.assignments_of(user))}
        if user.has_perm("collaboration.import_proposals"):  # the secretariat
            by_side = queries.proposal_figures(queries.BY_SIDE)
            by_year = queries.proposal_figures(queries.BY_FISCAL_YEAR)
            # The longest waiting first, fifty to a page: the page costs the same however
            # many proposals wait.
            page = Paginator(queries.review_queue(), QUEUE_PAGE).get_page(
                self.request.GET.get("page")
            )
            context.update(
                show_queue=True,
                page_obj=page,
                proposals=page.object_list,
                by_side=by_side,
                totals=queries.proposal_totals(),
                charts=[
                    queries.implementation_chart(_("Implementation rate by proposer"), by_side),
                    queries.implementation_chart(_("Implementation rate by fiscal year"), by_year),
                ],
            )
        return super().get_context_data(**context, **kwargs)
