"""Asking for the status report on the staff page: staff and the committee ask for it with a
fiscal year (the current one chosen), nobody else; a year without figures is refused
beside the field."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kamakura_portal.dates import fiscal_year, fiscal_year_label
from reports.models import Report
from tests.conftest import acts, client_for, for_every_role, roles_except
from tests.reports.test_views import SIGN_IN, STAFF

pytestmark = pytest.mark.django_db
CURRENT = fiscal_year(timezone.localdate())


@for_every_role({**roles_except(STAFF, 302, 403), "anonymous": SIGN_IN})
def test_staff_and_the_committee_ask_for_the_status_report(
    role_client: Client, role: str, expected: int, not_eager: None
) -> None:
    response = role_client.post(
        reverse("reports:request", args=["status"]), {"status-fiscal_year": str(CURRENT)}
    )
    assert response.status_code == expected
    assert Report.objects.filter(kind="status").exists() is acts(role, expected)
    if acts(role, expected):
        assert Report.objects.get().parameters == {"fiscal_year": CURRENT}


def test_the_form_offers_the_current_year_chosen(committee_member: Any) -> None:
    page = client_for(committee_member).get(reverse("reports:staff")).content.decode()
    offered = page[page.index('id="id_status-fiscal_year"') :]
    assert offered.index(fiscal_year_label(CURRENT)) < offered.index("</select>")
    assert f'<option value="{CURRENT}" selected>' in offered


def test_a_year_without_figures_is_an_error_beside_the_field(centre_staff: Any) -> None:
    response = client_for(centre_staff).post(
        reverse("reports:request", args=["status"]), {"status-fiscal_year": "1990"}
    )
    assert response.status_code == 200
    assert 'id="id_status-fiscal_year_error"' in response.content.decode()
    assert not Report.objects.exists()
