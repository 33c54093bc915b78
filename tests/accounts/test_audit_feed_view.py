from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from kamakura_portal.audit import acting_as
from tests.conftest import client_for, for_every_role, roles_except
from tests.factories import CitizenGroupFactory

pytestmark = pytest.mark.django_db

URL = "/staff/history/"
ALLOWED = {"centre_staff", "secretariat", "administrator"}


def test_the_audit_feed_lives_under_staff_history() -> None:
    assert reverse("audit_feed") == URL


@for_every_role({**roles_except(ALLOWED, yes=200, no=403), "anonymous": 302})
def test_only_centre_staff_secretariat_and_administrators_see_the_feed(
    role_client: Any, expected: Any
) -> None:
    assert role_client.get(URL).status_code == expected


def test_anonymous_visitors_are_sent_to_the_login_page(client: Any) -> None:
    response = client.get(URL)
    assert response["Location"] == f"{reverse('account_login')}?next={URL}"


def test_staff_without_mfa_are_sent_to_set_it_up_when_it_is_required(
    settings: Any, centre_staff: Any
) -> None:
    settings.PORTAL_REQUIRE_MFA_FOR_STAFF = True
    client = client_for(centre_staff)
    response = client.get(URL, follow=False)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    with translation.override("ja"):
        reason = gettext("To see private data, set up two-factor authentication first.")
    assert [str(m) for m in get_messages(response.wsgi_request)] == [reason]


def test_a_citizen_still_gets_403_when_mfa_is_required(settings: Any, citizen: Any) -> None:
    settings.PORTAL_REQUIRE_MFA_FOR_STAFF = True
    assert client_for(citizen).get(URL).status_code == 403


def test_city_staff_get_403_not_an_mfa_prompt_when_mfa_is_required(
    settings: Any, city_staff: Any
) -> None:
    settings.PORTAL_REQUIRE_MFA_FOR_STAFF = True
    assert client_for(city_staff).get(URL).status_code == 403


def make_changes(actor: Any, count: int) -> None:
    with acting_as(actor):
        CitizenGroupFactory.create_batch(count)


def queries_for(client: Any) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_feed_uses_the_same_queries_for_1_or_20_entries(
    administrator: Any, centre_staff: Any
) -> None:
    client = client_for(centre_staff)
    LogEntry.objects.all().delete()
    make_changes(administrator, 1)
    one = queries_for(client)
    make_changes(administrator, 19)
    assert queries_for(client) == one


def test_the_feed_is_pinned_to_its_queries(
    administrator: Any, centre_staff: Any, django_assert_num_queries: Any
) -> None:
    make_changes(administrator, 20)
    client = client_for(centre_staff)
    # 1. the session
    # 2. the signed-in user with its role assignments and managed groups (accounts.backends)
    # 3. the newest log entries with actor and content type (one JOINed query)
    # 4. the changed groups, for their read rule (one query for all the entries of a model)
    # 5. the rows the changes name, one query per model
    with django_assert_num_queries(5):
        assert client.get(URL).status_code == 200
