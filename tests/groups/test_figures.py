"""The figures reports read from groups/queries.py."""

import datetime
from typing import Any

import pytest

from groups import queries
from groups.models import ActivityField, CitizenGroup, OrganizationType
from groups.reference import load_taxonomies
from tests.factories import CitizenGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry() -> None:
    load_taxonomies()
    fields = {f.code: f for f in ActivityField.objects.all()}
    types = {t.code: t for t in OrganizationType.objects.all()}
    a = CitizenGroupFactory.create(
        organization_type=types["nin-i"], registered_on=datetime.date(2025, 4, 1)
    )
    a.activity_fields.set([fields["kanko"], fields["kodomo-kosodate"]])
    b = CitizenGroupFactory.create(
        organization_type=types["npo"], registered_on=datetime.date(2025, 3, 31)
    )
    b.activity_fields.set([fields["kanko"]])
    c = CitizenGroupFactory.create(status="archived", organization_type=types["npo"])
    c.activity_fields.set([fields["kanko"]])
    CitizenGroupFactory.create(status="renewal_due", registered_on=datetime.date(2026, 1, 5))


def test_a_group_counts_once_in_each_field_it_registers(registry: Any) -> None:
    figures = {f.label: f.count for f in queries.groups_by_activity_field()}
    assert figures["観光"] == 2
    assert figures["子ども・子育て"] == 1
    assert figures["まちづくり・暮らし"] == 0
    assert list(figures)[:2] == ["まちづくり・暮らし", "文化・芸術・スポーツ"]
    assert len(figures) == 9


def test_archived_groups_are_not_on_the_register(registry: Any) -> None:
    assert queries.registered_total() == 3
    figures = {f.label: f.count for f in queries.groups_by_organization_type()}
    assert figures["任意団体"] == 1
    assert figures["NPO法人"] == 1
    assert figures["未設定"] == 1


def test_registrations_are_counted_by_fiscal_year(registry: Any) -> None:
    assert queries.registrations_by_fiscal_year() == [(2024, 1), (2025, 2)]


def test_the_queue_counts_every_status_in_one_query(
    registry: Any, django_assert_num_queries: Any
) -> None:
    with django_assert_num_queries(1):
        counts = queries.queue_counts()
    assert counts["registered"] == 2
    assert counts["archived"] == 1
    assert counts["submitted"] == 0
    assert set(counts) == set(CitizenGroup.Status.values)
