"""The invitations' part of a department need's page (the page itself is collaboration's):
a group manager's raised hand (関心あり), and the way to the workbench for the centre and the
department. ``{% load coordination_invitations %}{% need_invitations need %}``."""

from __future__ import annotations

from typing import Any

from django import template

from accounts.models import User
from collaboration.models import DepartmentNeed

from ..forms.invitations import RaiseHandForm
from ..models import Invitation

register = template.Library()


@register.inclusion_tag("coordination/_invitation_need_part.html", takes_context=True)
def need_invitations(context: template.Context, need: DepartmentNeed) -> dict[str, Any]:
    request = context["request"]
    user = request.user
    part: dict[str, Any] = {
        "need": need,
        "workbench": user.has_perm("coordination.view_pipeline", need),
        "pairs": [],
        "form": None,
    }
    if not isinstance(user, User) or not user.has_perm("coordination.raise_hand", need):
        return part
    # The user's groups already on this need (a shortlist is the centre's, not shown).
    pairs = list(
        Invitation.objects.filter(need=need, group_id__in=user.managed_group_ids)
        .exclude(status=Invitation.Status.CANDIDATE)
        .select_related("group")
    )
    part["pairs"] = pairs
    if need.status == DepartmentNeed.Status.OPEN:
        form = RaiseHandForm(user=user, auto_id="raise-hand-%s")
        field = form.fields["group"]
        field.queryset = field.queryset.exclude(pk__in=[pair.group_id for pair in pairs])  # type: ignore[attr-defined]
        if field.queryset.exists():  # type: ignore[attr-defined]
            part["form"] = form
    return part
