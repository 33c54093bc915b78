import pytest
from django.urls import reverse

from tests.conftest import ROLES, for_every_role

pytestmark = pytest.mark.django_db

URL = "/mypage/"


def test_the_dashboard_lives_at_mypage() -> None:
    assert reverse("dashboard") == URL


@for_every_role({role: (302 if role == "anonymous" else 200) for role in ROLES})
def test_everyone_signed_in_has_a_dashboard(role_client, expected) -> None:
    assert role_client.get(URL).status_code == expected


def test_anonymous_visitors_are_sent_to_the_login_page_and_back(client) -> None:
    response = client.get(URL)
    assert response.status_code == 302
    assert response.url == f"{reverse('account_login')}?next={URL}"


def test_the_dashboard_lists_the_roles_of_the_user(city_staff, dept_own) -> None:
    from tests.conftest import client_for

    response = client_for(city_staff).get(URL)
    assignments = response.context["role_assignments"]
    assert [(a.role, a.department) for a in assignments] == [("city_staff", dept_own)]
    assert response.context["mfa_enabled"] is False
    assert dept_own.name in response.content.decode()
