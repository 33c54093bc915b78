"""What the pages about one proposal share: loading it once and checking its rule."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.shortcuts import get_object_or_404

from accounts.mixins import PortalPermissionRequiredMixin

from ..models import Proposal


class ProposalPageMixin(PortalPermissionRequiredMixin):
    """A page about one proposal (``pk`` in the URL), checked against the proposal itself."""

    kwargs: dict[str, Any]

    @cached_property
    def proposal(self) -> Proposal:
        return get_object_or_404(
            # The partners are prefetched: every permission check reads them.
            Proposal.objects.select_related(
                "program__parent", "proposing_group", "proposing_department"
            ).prefetch_related("counterpart_groups", "counterpart_departments"),
            pk=self.kwargs["pk"],
        )

    def get_permission_object(self) -> Proposal:
        return self.proposal
