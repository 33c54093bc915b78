from typing import Any

import pytest
from django.urls import reverse

from tests.conftest import ROLES, for_every_role

pytestmark = pytest.mark.django_db

URL = "/mypage/"


def test_the_dashboard_lives_at_mypage() -> None:
    assert reverse("dashboard") == URL


@for_every_role({role: (302 if role == "anonymous" else 200) for role in ROLES})
def test_everyone_signed_in_has_a_dashboard(role_client: Any, expected: Any) -> None:
    assert role_client.get(URL).status_code == expected


def test_anonymous_visitors_are_sent_to_the_login_page_and_back(client: Any) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={URL}"


def test_the_dashboard_lists_the_roles_of_the_user(city_staff: Any, dept_own: Any) -> None:
    from tests.conftest import client_for

    response = client_for(city_staff).get(URL)
    assignments = response.context["role_assignments"]
    assert [(a.role, a.department) for a in assignments] == [("city_staff", dept_own)]
    assert response.context["mfa_enabled"] is False
    assert dept_own.name in response.content.decode()


def test_a_group_manager_is_shown_the_group_manager_role(
    group_manager: Any, other_group_manager: Any
) -> None:
    from tests.conftest import client_for

    html = client_for(group_manager).get(URL).content.decode()
    assert client_for(group_manager).get(URL).context["manages_groups"] is True
    assert "団体担当者" in html


def test_a_user_without_groups_is_not_called_a_group_manager(
    citizen: Any, centre_staff: Any
) -> None:
    from tests.conftest import client_for

    for user in (citizen, centre_staff):
        response = client_for(user).get(URL)
        assert response.context["manages_groups"] is False
        assert "団体担当者" not in response.content.decode()


def test_the_dashboard_is_pinned_to_its_queries(
    group_manager: Any, django_assert_num_queries: Any
) -> None:
    from tests.conftest import client_for

    client = client_for(group_manager)
    # 1. the session
    # 2. the signed-in user with its role assignments and the ids of the groups it manages
    #    (accounts.backends; menu and page share them); no role, so no query for departments
    # 3. account security: does the user have a TOTP authenticator?
    # 4. what waits: the invitations waiting for the group's answer
    with django_assert_num_queries(4):
        assert client.get(URL).status_code == 200


def test_a_role_with_a_department_costs_one_query_more(
    city_staff: Any, dept_own: Any, django_assert_num_queries: Any
) -> None:
    from tests.conftest import client_for

    client = client_for(city_staff)
    # 1. the session
    # 2. the signed-in user with its role assignments and managed groups (accounts.backends)
    # 3. the departments of its roles, read for the page (the role names them)
    # 4. account security: does the user have a TOTP authenticator?
    # 5. what waits: the department's needs without a contact person
    with django_assert_num_queries(5):
        response = client.get(URL)
    assert dept_own.name in response.content.decode()
