"""A lead department the measure form did not offer is refused beside the field, and nothing
is saved (issue 17)."""

from __future__ import annotations

from typing import Any

import pytest

from accounts.models import Department
from measures.models import Plan
from tests.conftest import client_for
from tests.factories import DepartmentFactory

from .test_edit_measure_view import edit_url, form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("kind", ["division", "retired", "unknown", "not a number"])
def test_a_lead_department_the_form_did_not_offer_is_refused(
    secretariat: Any, guideline: Plan, division: Any, kind: str
) -> None:
    measure = guideline.measures.get(code="1-a-1")
    before = set(measure.lead_departments.values_list("pk", flat=True))
    retired = DepartmentFactory.create(
        code="retired", name="廃止課", parent=division, is_active=False
    )
    value = {
        "division": str(division.pk),  # a 部, not a 課
        "retired": str(retired.pk),
        "unknown": str(Department.objects.order_by("-pk").first().pk + 100),  # type: ignore[union-attr]
        "not a number": "abc",
    }[kind]
    client = client_for(secretariat)
    data = form_data(
        client.get(edit_url(measure)), description="変えた説明", lead_departments=[value]
    )
    response = client.post(edit_url(measure), data)
    assert response.status_code == 200
    assert "id_lead_departments" in response.content.decode()
    measure.refresh_from_db()
    assert measure.description != "変えた説明"
    assert set(measure.lead_departments.values_list("pk", flat=True)) == before
