"""What waits for a staff member, counted on their dashboard: one list of entries, each shown
to those whose rule passes and only when something waits (like the menus of navigation.py).

Each count is a function of an app's ``queries.py``, named by its dotted path so that this
module imports no app.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from accounts.models import Visitor


@dataclass(frozen=True)
class Waiting:
    label: str | Promise
    url_name: str
    perm: str
    count: str  # dotted path of a function that takes the user and returns a number


WAITING = (
    Waiting(
        _("Group registrations waiting for approval"),
        "groups:queue",
        "groups.review_registrations",
        "groups.queries.registrations_waiting",
    ),
    Waiting(
        _("Progress reports waiting for review"),
        "measures:review_progress_reports",
        "measures.review_reports",
        "measures.queries.reports_waiting",
    ),
    Waiting(
        _("Proposals waiting for the secretariat"),
        "collaboration:review",
        "collaboration.decide_proposal",
        "collaboration.queries.proposals_waiting",
    ),
    Waiting(
        _("Open needs without a contact person"),
        "collaboration:my_needs",
        "collaboration.post_need",
        "collaboration.queries.needs_without_contact",
    ),
    Waiting(
        _("Groups interested in a need, waiting for the centre"),
        "coordination:dashboard",
        "coordination.use_workbench",
        "coordination.queries.invitations.interested_waiting_for_centre",
    ),
    Waiting(
        _("Consultation follow-ups due"),
        "coordination:dashboard",
        "coordination.view_consultations",
        "coordination.queries.consultations.follow_ups_due_count",
    ),
    Waiting(
        _("Invitations waiting for your group's answer"),
        "coordination:mine",
        "coordination.view_my_invitations",
        "coordination.queries.invitations.answers_waiting_for_group",
    ),
)


def waiting_for(user: Visitor) -> list[dict[str, Any]]:
    """``[{label, count, url}]`` of what waits for ``user`` (a query per entry they may act
    on; entries with nothing waiting are left out)."""
    shown = []
    for item in WAITING:
        if not user.has_perm(item.perm):
            continue
        count = import_string(item.count)(user)
        if count:
            shown.append({"label": item.label, "count": count, "url": reverse(item.url_name)})
    return shown
