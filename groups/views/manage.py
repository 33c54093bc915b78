"""Placeholder: being written in this session."""

from typing import Any

from django.views import View
from django.views.generic import TemplateView

from accounts.mixins import PortalPermissionRequiredMixin

from ..queries import memberships_of


class MyGroupsView(PortalPermissionRequiredMixin, TemplateView):
    """The groups the signed-in user manages, with their status."""

    permission_required = "groups.view_my_groups"
    template_name = "groups/my_groups.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["memberships"] = memberships_of(self.request.user)
        return context


class ManageGroupView(View):
    pass


class RenewView(View):
    pass


class InviteManagerView(View):
    pass


class RemoveManagerView(View):
    pass


class CancelInvitationView(View):
    pass


class AcceptInvitationView(View):
    pass
