"""Groups and needs for the matching tests: texts in their own words, taxonomy by code."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from accounts.models import Department
from collaboration.models import DepartmentNeed
from collaboration.search import refresh_need_search
from groups.models import ActivityField, CitizenGroup, District, OrganizationType
from groups.reference import load_taxonomies
from groups.search import refresh_search_index
from tests.factories import CitizenGroupFactory, DepartmentFactory

TODAY = datetime.date(2026, 6, 1)  # fiscal year 2026


@pytest.fixture
def taxonomies(db: None) -> None:
    load_taxonomies()


def make_group(
    name: str,
    activities: str = "",
    *,
    fields: tuple[str, ...] = (),
    districts: tuple[str, ...] = (),
    status: str = CitizenGroup.Status.REGISTERED,
    valid_until: datetime.date | None = datetime.date(2027, 3, 31),
    registered_on: datetime.date | None = TODAY,
    **extra: Any,
) -> CitizenGroup:
    group = CitizenGroupFactory.create(
        name=name,
        activities=activities,
        status=status,
        valid_until=valid_until,
        registered_on=registered_on,
        **extra,
    )
    group.activity_fields.set(ActivityField.objects.filter(code__in=fields))
    group.districts.set(District.objects.filter(code__in=districts))
    refresh_search_index([group.pk])
    group.refresh_from_db()
    return group


def make_need(
    title: str,
    background: str = "",
    wanted: str = "",
    *,
    department: Department | None = None,
    fields: tuple[str, ...] = (),
    districts: tuple[str, ...] = (),
    **extra: Any,
) -> DepartmentNeed:
    need = DepartmentNeed.objects.create(
        department=department or DepartmentFactory.create(name="資源循環課"),
        title=title,
        background=background or "背景",
        wanted=wanted or "求めること",
        **extra,
    )
    need.activity_fields.set(ActivityField.objects.filter(code__in=fields))
    need.districts.set(District.objects.filter(code__in=districts))
    refresh_need_search([need.pk])
    return need


def organisation(code: str) -> OrganizationType:
    return OrganizationType.objects.get(code=code)
