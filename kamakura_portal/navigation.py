"""Navigation by role: one list of entries, each shown when its rule passes.

Apps add their pages here as they are built. A URL name that does not resolve raises
``NoReverseMatch`` on every page, so a mistyped or removed name fails the first test that
renders a menu instead of quietly hiding the entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from accounts.models import Visitor


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    perm: str | None = None


PUBLIC_ITEMS = (
    NavItem(_("Home"), "home"),
    NavItem(_("Find groups"), "groups:directory"),
    NavItem(_("City needs"), "collaboration:needs"),
    NavItem(_("Collaboration projects"), "collaboration:projects"),
    NavItem(_("Measures and progress"), "measures:plans"),
    NavItem(_("Reports"), "reports:published"),
)

# Work menus, in the order a user holding several roles sees them.
ROLE_ITEMS = (
    NavItem(_("My groups"), "groups:mine", "groups.view_my_groups"),
    NavItem(_("Registration queue"), "groups:queue", "groups.review_registrations"),
    NavItem(_("Group registry"), "groups:staff_list", "groups.view_staff_registry"),
    NavItem(_("My proposals"), "collaboration:mine", "collaboration.view_my_proposals"),
    NavItem(
        _("Invitations to your group"), "coordination:mine", "coordination.view_my_invitations"
    ),
    NavItem(_("Department needs"), "collaboration:my_needs", "collaboration.view_staff_needs"),
    NavItem(_("Progress reports"), "measures:my_progress_reports", "measures.report_progress"),
    NavItem(
        _("Review of progress reports"),
        "measures:review_progress_reports",
        "measures.review_reports",
    ),
    NavItem(_("Manage plans"), "measures:manage_plans", "measures.manage_plans"),
    NavItem(_("Proposal review"), "collaboration:review", "collaboration.review_proposals"),
    NavItem(_("Coordination"), "coordination:dashboard", "coordination.use_workbench"),
    NavItem(_("Surveys to answer"), "surveys:mine", "surveys.view_my_surveys"),
    NavItem(_("Surveys"), "surveys:staff", "surveys.manage_surveys"),
    NavItem(_("Printed reports"), "reports:staff", "reports.view_reports"),
    NavItem(_("Change history"), "audit_feed", "accounts.view_audit_history"),
    NavItem(_("Administration"), "admin:index", "accounts.manage_roles"),
)


def _is_current(url: str, current_path: str) -> bool:
    """The entry of the page, or of the section it is in (/reports/ on /reports/7/) unless
    another entry names that section more closely (/reports/staff/ on /reports/staff/)."""
    if current_path == url:
        return True
    if url == "/" or not current_path.startswith(url):
        return False
    others = (reverse(item.url_name) for item in PUBLIC_ITEMS + ROLE_ITEMS)
    return not any(len(other) > len(url) and current_path.startswith(other) for other in others)


def _resolve(items: tuple[NavItem, ...], user: Visitor, current_path: str) -> list[dict[str, Any]]:
    entries = []
    for item in items:
        if item.perm and not user.has_perm(item.perm):
            continue
        url = reverse(item.url_name)
        entries.append({"label": item.label, "url": url, "current": _is_current(url, current_path)})
    return entries


def public_navigation(user: Visitor, current_path: str) -> list[dict[str, Any]]:
    return _resolve(PUBLIC_ITEMS, user, current_path)


def role_navigation(user: Visitor, current_path: str) -> list[dict[str, Any]]:
    if not user.is_authenticated:
        return []
    return _resolve(ROLE_ITEMS, user, current_path)
