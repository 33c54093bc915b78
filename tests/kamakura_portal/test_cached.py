"""Reference tables read through the cache, retired when a row changes."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection, transaction

from accounts.models import Department
from groups.filters import DirectoryFilter
from groups.models import District
from kamakura_portal.cached import changed
from kamakura_portal.models import CivicSynonym
from kamakura_portal.synonyms import CivicVocabulary

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _districts() -> None:
    District.objects.create(code="kamakura", name="鎌倉", sort_order=1)
    District.objects.create(code="ofuna", name="大船", sort_order=2)


def _names() -> list[str]:
    return list(District.objects.cached().filter(is_active=True).values_list("name", flat=True))


def test_the_second_read_asks_the_database_nothing(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(1):
        first = _names()
    with django_assert_num_queries(0):
        assert _names() == first
    assert first == list(District.objects.filter(is_active=True).values_list("name", flat=True))


def test_a_saved_row_retires_the_cached_rows(django_assert_num_queries: Any) -> None:
    _names()
    district = District.objects.get(code="ofuna")
    district.name = "大船地域"
    district.save()
    with django_assert_num_queries(1):
        assert "大船地域" in _names()


def test_a_new_and_a_deleted_row_retire_them_too() -> None:
    _names()
    made = District.objects.create(code="new-place", name="新しい地域", sort_order=99)
    assert _names()[-1] == "新しい地域"
    made.delete()
    assert "新しい地域" not in _names()


def test_an_update_tells_the_cache_itself() -> None:
    _names()
    District.objects.filter(code="ofuna").update(is_active=False)
    assert "大船" not in _names()


def test_a_write_without_signals_is_told_by_changed() -> None:
    _names()
    with connection.cursor() as cursor:
        cursor.execute("UPDATE groups_district SET is_active = false WHERE code = 'ofuna'")
    assert "大船" in _names()  # raw SQL sends no signal: the cache does not know
    changed(District)
    assert "大船" not in _names()


def test_a_change_rolled_back_leaves_the_committed_rows() -> None:
    _names()
    with pytest.raises(RuntimeError), transaction.atomic():
        District.objects.filter(code="ofuna").update(name="仮の名")
        changed(District)
        assert "仮の名" in _names()  # read inside the transaction: its own rows
        raise RuntimeError
    # What the transaction read was not stored: the next read after the rollback finds the
    # committed rows, although nothing moved the generation on again.
    assert "大船" in _names()
    assert "仮の名" not in _names()


def test_a_query_reading_a_table_that_does_not_opt_in_is_not_cached(
    django_assert_num_queries: Any,
) -> None:
    # The join reads groups_contact, whose changes nothing would tell.
    used = District.objects.cached().filter(groups__contacts__isnull=False).distinct()
    for _ in range(2):
        with django_assert_num_queries(1):
            list(used)
            used = used.all()


def test_an_empty_choice_asks_nothing(django_assert_num_queries: Any) -> None:
    with django_assert_num_queries(0):
        assert list(District.objects.cached().filter(pk__in=[])) == []


def test_the_directory_form_offers_a_renamed_district(django_assert_num_queries: Any) -> None:
    def labels() -> list[str]:
        return [str(label) for _value, label in DirectoryFilter({}).form.fields["district"].choices]

    labels()
    with django_assert_num_queries(0):
        before = labels()
    assert "大船" in before
    District.objects.filter(code="ofuna").get().delete()
    assert "大船" not in labels()


def test_the_civic_synonyms_are_read_once_then_after_each_change(
    django_assert_num_queries: Any,
) -> None:
    CivicVocabulary.load()
    with django_assert_num_queries(0):
        CivicVocabulary.load()
    CivicSynonym.objects.create(words="食品ロス\nフードロス")
    with django_assert_num_queries(1):
        vocabulary = CivicVocabulary.load()
    assert vocabulary.others(["食品"]) or vocabulary.others(["フードロス"])


def test_departments_opt_in_as_well(django_assert_num_queries: Any, dept_own: Any) -> None:
    list(Department.objects.cached().filter(kind="section"))
    with django_assert_num_queries(0):
        assert dept_own in list(Department.objects.cached().filter(kind="section"))


def test_rows_copied_by_seed_scale_retire_the_cached_rows() -> None:
    from django.utils import timezone

    from kamakura_portal.scale.bulk import Loads, Table

    _names()
    copied = {"code": "copied", "name": "写した地域", "sort_order": 9, "is_active": True}
    Table(District, list(copied), Loads(), timezone.now()).copy([copied])
    assert "写した地域" in _names()
