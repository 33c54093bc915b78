"""The role-aware menu: each role sees its own entries and no one else's."""

from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from kamakura_portal.navigation import public_navigation, role_navigation
from tests.conftest import ROLES
from tests.html import Page

pytestmark = pytest.mark.django_db

# Menu entries that exist today, and who sees each (マイページ is in the account menu).
ENTRIES = {
    "dashboard": set(ROLES) - {"anonymous"},
    "groups:mine": {"group_manager", "other_group_manager"},
    "groups:queue": {"centre_staff", "secretariat", "administrator"},
    "groups:staff_list": {"centre_staff", "secretariat", "administrator"},
    "collaboration:mine": {
        "group_manager",
        "other_group_manager",
        "city_staff",
        "other_city_staff",
        "secretariat",
    },
    "collaboration:my_needs": {"centre_staff", "city_staff", "other_city_staff", "secretariat"},
    "coordination:mine": {"group_manager", "other_group_manager"},
    "collaboration:review": {"secretariat", "committee_member"},
    "measures:my_progress_reports": {"city_staff", "other_city_staff"},
    "measures:review_progress_reports": {"secretariat", "administrator"},
    "measures:manage_plans": {"secretariat", "administrator"},
    "surveys:mine": set(ROLES) - {"anonymous"},
    "coordination:dashboard": {"centre_staff"},
    "surveys:staff": {"centre_staff", "secretariat"},
    "reports:staff": {
        "centre_staff",
        "city_staff",
        "other_city_staff",
        "secretariat",
        "committee_member",
        "administrator",
    },
    "audit_feed": {"centre_staff", "secretariat", "administrator"},
    "admin:index": {"administrator"},
}
WORK_ENTRIES = {name: roles for name, roles in ENTRIES.items() if name != "dashboard"}


def urls_of(entries: list[dict]) -> list[str]:
    return [entry["url"] for entry in entries]


@pytest.mark.parametrize("url_name", WORK_ENTRIES)
@pytest.mark.parametrize("role", ROLES)
def test_a_work_menu_entry_is_shown_exactly_to_its_roles(
    role: str, url_name: str, role_user: Any
) -> None:
    shown = reverse(url_name) in urls_of(role_navigation(role_user, "/"))
    assert shown is (role in WORK_ENTRIES[url_name])


@pytest.mark.parametrize("role", ROLES)
def test_every_menu_entry_opens_for_the_role_that_sees_it(role_user: Any, role_client: Any) -> None:
    for entry in public_navigation(role_user, "/") + role_navigation(role_user, "/"):
        assert str(entry["label"])
        assert role_client.get(entry["url"]).status_code == 200, entry["url"]


def test_anonymous_visitors_have_no_work_menu_but_see_the_public_one(anonymous: Any) -> None:
    assert role_navigation(anonymous, "/") == []
    assert reverse("home") in urls_of(public_navigation(anonymous, "/"))


def test_the_current_page_is_marked_and_home_only_on_home(centre_staff: Any) -> None:
    on_history = role_navigation(centre_staff, "/staff/history/accounts/user/1/")
    current = [entry["url"] for entry in on_history if entry["current"]]
    assert current == [reverse("audit_feed")]
    public = public_navigation(centre_staff, "/staff/history/")
    assert not [entry for entry in public if entry["current"]]
    home = public_navigation(centre_staff, "/")
    assert [entry["url"] for entry in home if entry["current"]] == ["/"]


def test_only_the_closest_entry_is_current_where_two_share_a_section(centre_staff: Any) -> None:
    staff_list = reverse("reports:staff")
    public = public_navigation(centre_staff, staff_list)
    work = role_navigation(centre_staff, staff_list)
    assert [entry["url"] for entry in public + work if entry["current"]] == [staff_list]
    published = public_navigation(centre_staff, reverse("reports:published"))
    assert [e["url"] for e in published if e["current"]] == [reverse("reports:published")]


def test_the_public_menu_leads_everyone_to_the_published_reports(anonymous: Any) -> None:
    assert reverse("reports:published") in urls_of(public_navigation(anonymous, "/"))


def test_a_user_with_several_roles_sees_the_menus_of_each(group_manager: Any) -> None:
    from accounts.models import Role
    from accounts.services import assign_role

    assign_role(group_manager, Role.CENTRE_STAFF)
    urls = urls_of(role_navigation(group_manager, "/"))
    assert urls == [
        reverse("groups:mine"),
        reverse("groups:queue"),
        reverse("groups:staff_list"),
        reverse("collaboration:mine"),
        reverse("coordination:mine"),
        reverse("collaboration:my_needs"),
        reverse("coordination:dashboard"),
        reverse("surveys:mine"),
        reverse("surveys:staff"),
        reverse("reports:staff"),
        reverse("audit_feed"),
    ]


LABELS = {
    "dashboard": "My page",
    "groups:mine": "My groups",
    "groups:queue": "Registration queue",
    "groups:staff_list": "Group registry",
    "collaboration:mine": "My proposals",
    "collaboration:my_needs": "Department needs",
    "coordination:mine": "Invitations to your group",
    "collaboration:review": "Proposal review",
    "measures:my_progress_reports": "Progress reports",
    "measures:review_progress_reports": "Review of progress reports",
    "measures:manage_plans": "Manage plans",
    "surveys:mine": "Surveys to answer",
    "coordination:dashboard": "Coordination",
    "surveys:staff": "Surveys",
    "reports:staff": "Printed reports",
    "audit_feed": "Change history",
    "admin:index": "Administration",
}


@pytest.mark.parametrize("role", ROLES)
def test_the_rendered_menu_links_each_role_to_its_own_pages(role: str, role_client: Any) -> None:
    page = Page(role_client.get(reverse("home")).content.decode())
    for url_name, roles in ENTRIES.items():
        links = [link for link in page.find_all("a") if link.attrs.get("href") == reverse(url_name)]
        if role in roles:
            with translation.override("ja"):
                label = str(gettext(LABELS[url_name]))
            assert label in [link.text for link in links], (url_name, [x.text for x in links])
        else:
            assert links == [], url_name
