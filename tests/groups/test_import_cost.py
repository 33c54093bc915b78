"""The registry import at size: its queries do not grow with the rows of a chunk, a plan
larger than a chunk is written chunk by chunk, and the search document (made by a task after
the commit) is the one a group saved alone gets."""

from typing import Any

import pytest
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType

from groups import imports
from groups.imports import commit_import
from groups.models import CitizenGroup, Contact
from groups.search import search_groups
from kamakura_portal.import_copy import copy_objects
from kamakura_portal.search import index_tokens
from kamakura_portal.workflow import history_of
from tests.groups.test_imports import GOOD, kana, plan_of, row

pytestmark = pytest.mark.django_db


def rows(count: int) -> list[dict[str, str]]:
    return [
        row(団体名=f"材木座の会{number}", フリガナ=f"ザイモクザノカイ{kana(number)}")
        for number in range(1, count + 1)
    ]


@pytest.fixture(autouse=True)
def taxonomies() -> None:
    from groups.reference import load_taxonomies

    load_taxonomies()


@pytest.mark.parametrize("count", [1, 40])
def test_the_import_takes_the_same_queries_for_one_group_and_for_forty(
    count: int, django_assert_num_queries: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    copied: list[int] = []

    def counted(objects: Any, **options: Any) -> None:
        copied.append(len(objects))
        copy_objects(objects, **options)

    monkeypatch.setattr(imports, "copy_objects", counted)
    plan = plan_of(rows(count))
    ContentType.objects.get_for_models(CitizenGroup, Contact)  # cached, as after any request
    # SAVEPOINT; SELECT the groups' ids from their sequence; SELECT the contacts' ids;
    # INSERT status changes; RELEASE SAVEPOINT. Not counted, as a COPY goes past Django's
    # query log: the COPY of the groups, of their activity fields, of their districts, of
    # the contacts and of the audit entries (one each). Nor the search tokens, made by a
    # task after the commit.
    with django_assert_num_queries(5):
        assert commit_import(plan, actor=None) == count
    # groups, activity fields, districts, contacts, audit entries (created, 2 × m2m)
    assert copied == [count, 2 * count, 2 * count, 2 * count, 5 * count]


def test_a_plan_larger_than_a_chunk_is_written_whole_chunk_by_chunk(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any
) -> None:
    monkeypatch.setattr(imports, "CHUNK", 2)
    with django_capture_on_commit_callbacks(execute=True):
        assert commit_import(plan_of(rows(5)), actor=None) == 5
    groups = CitizenGroup.objects.order_by("pk")
    assert [group.name for group in groups] == [f"材木座の会{number}" for number in range(1, 6)]
    for group in groups:
        assert group.contacts.count() == 2
        assert group.activity_fields.count() == 2
        assert history_of(group).count() == 1
        assert LogEntry.objects.get_for_object(group).count() == 3  # created, 2 × m2m
    assert Contact.objects.count() == 10
    assert search_groups(CitizenGroup.objects.all(), "ゴミ拾い").count() == 5


def test_a_plan_with_a_bad_row_in_a_later_chunk_imports_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(imports, "CHUNK", 2)
    bad = rows(5)
    bad[4]["郵便番号"] = "２４８"
    with pytest.raises(imports.ImportRejected):
        commit_import(plan_of(bad), actor=None)
    assert not CitizenGroup.objects.exists()


def test_the_stored_tokens_are_those_of_all_the_group_texts_together(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        commit_import(plan_of([GOOD]), actor=None)
    group = CitizenGroup.objects.get()
    related = [
        *group.activity_fields.values_list("name", flat=True),
        *group.districts.values_list("name", flat=True),
    ]
    assert group.search_name == index_tokens(group.name, group.name_kana)
    assert set(group.search_body.split()) == set(
        index_tokens(group.activities, group.purpose, group.offers, *related).split()
    )
    assert len(group.search_body.split()) == len(set(group.search_body.split()))


def test_without_copy_the_same_rows_are_inserted_by_bulk_create(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """As on the embedded SQLite of ``make run``, which has no COPY."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    monkeypatch.setattr(connection, "vendor", "sqlite")
    with CaptureQueriesContext(connection) as queries:
        assert commit_import(plan_of(rows(3)), actor=None) == 3
    monkeypatch.undo()
    inserted = {query["sql"].split()[2] for query in queries if query["sql"].startswith("INSERT")}
    assert inserted >= {'"groups_citizengroup"', '"groups_contact"', '"auditlog_logentry"'}
    for group in CitizenGroup.objects.all():
        assert group.contacts.count() == 2
        assert group.activity_fields.count() == 2
        assert LogEntry.objects.get_for_object(group).count() == 3  # created, 2 × m2m
        for contact in group.contacts.all():
            assert LogEntry.objects.get_for_object(contact).count() == 1
