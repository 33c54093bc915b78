"""The reverse view of the matching (issue 14, item 4): for each registered group a user
manages, the open public needs that fit it, ranked and explained as the coordinators see them.

マイページ loads it with htmx after the page itself (ranking costs more than the rest of the
page); without JavaScript, its link opens the same list as a page.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpResponse
from django.utils.cache import patch_vary_headers
from django.views.generic import TemplateView

from accounts.mixins import PortalPermissionRequiredMixin, acting_user
from groups.models import CitizenGroup

from ..matching import rank_needs

# Needs shown per group.
SHOWN = 5


class FittingNeedsView(PortalPermissionRequiredMixin, TemplateView):
    permission_required = "coordination.view_my_invitations"

    def get_permission_object(self) -> None:
        return None

    def get_template_names(self) -> list[str]:
        if self.request.headers.get("HX-Request"):
            return ["coordination/_fitting_needs.html"]
        return ["coordination/fitting_needs.html"]

    def render_to_response(self, context: dict[str, Any], **kwargs: Any) -> HttpResponse:
        response = super().render_to_response(context, **kwargs)
        # The same address answers with the whole page or with the list only.
        patch_vary_headers(response, ("HX-Request",))
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = acting_user(self.request)
        groups = (
            CitizenGroup.objects.filter(
                pk__in=user.managed_group_ids, status=CitizenGroup.Status.REGISTERED
            )
            .only("pk", "name", "name_kana")
            .order_by("name_kana", "pk")
        )
        fits = [(group, rank_needs(group, limit=SHOWN)) for group in groups]
        return super().get_context_data(fits=fits, **kwargs)
