"""An imported group's search tokens are made by a worker after the import's commit: the
group is found by keyword once its task ran, and never wrongly before (tasks run in the
test, at the commit, as ``send_after_commit`` sends them)."""

import datetime
from typing import Any

import pytest
from django.utils import timezone

from groups import search
from groups.imports import commit_import
from groups.models import CitizenGroup
from groups.search import sweep_search_index
from tests.groups.test_import_cost import rows
from tests.groups.test_imports import GOOD, plan_of

pytestmark = pytest.mark.django_db

URL = "/groups/"


@pytest.fixture(autouse=True)
def taxonomies() -> None:
    from groups.reference import load_taxonomies

    load_taxonomies()


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """The tasks sent (after commit or not), with their arguments."""
    tasks: list[tuple[Any, ...]] = []
    send = search.send_after_commit

    def recording(name: str, *args: Any) -> None:
        tasks.append((name, *args))
        send(name, *args)

    monkeypatch.setattr(search, "send_after_commit", recording)
    return tasks


def listed(client: Any, **query: str) -> list[str]:
    response = client.get(URL, query)
    assert response.status_code == 200
    return [group.name for group in response.context["page_obj"].object_list]


def test_an_imported_group_is_found_by_the_directory_keyword_search_after_the_import(
    client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        commit_import(plan_of([GOOD]), actor=None)
    assert listed(client, q="ゴミ拾い") == [GOOD["団体名"]]
    assert listed(client, q="材木座") == [GOOD["団体名"]]


def test_before_its_task_ran_a_group_is_listed_but_found_by_no_keyword(
    client: Any, django_capture_on_commit_callbacks: Any, sent: list[Any]
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        commit_import(plan_of([GOOD]), actor=None)
    group = CitizenGroup.objects.get()
    assert sent == [(search.REFRESH_TASK, [group.pk])]
    assert listed(client) == [GOOD["団体名"]]
    assert listed(client, q="ゴミ拾い") == []
    assert listed(client, q="材木座") == []


def test_the_tokens_are_made_in_tasks_of_a_bounded_number_of_groups(
    monkeypatch: pytest.MonkeyPatch, django_capture_on_commit_callbacks: Any, sent: list[Any]
) -> None:
    monkeypatch.setattr(search, "TASK_GROUPS", 2)
    with django_capture_on_commit_callbacks(execute=True):
        commit_import(plan_of(rows(5)), actor=None)
    assert [len(ids) for _name, ids in sent] == [2, 2, 1]
    assert not CitizenGroup.objects.filter(search_vector__isnull=True).exists()
    assert search.search_groups(CitizenGroup.objects.all(), "ゴミ拾い").count() == 5


def test_the_sweep_sends_again_the_groups_whose_task_was_lost(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=False):
        commit_import(plan_of(rows(3)), actor=None)  # the broker lost the task
    now = timezone.now()
    assert sweep_search_index(now) == 0  # their task may still be on its way
    later = now + search.SWEEP_AFTER + datetime.timedelta(seconds=1)
    with django_capture_on_commit_callbacks(execute=True):
        assert sweep_search_index(later) == 3
    assert search.search_groups(CitizenGroup.objects.all(), "ゴミ拾い").count() == 3
    assert sweep_search_index(later) == 0


def test_the_worker_locks_the_groups_while_it_tokenises_them(
    django_capture_on_commit_callbacks: Any, sent: list[Any]
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from groups.tasks import refresh_search_index

    with django_capture_on_commit_callbacks(execute=False):
        commit_import(plan_of([GOOD]), actor=None)
    ids = list(CitizenGroup.objects.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as queries:
        refresh_search_index(ids)
    # An edit saved meanwhile waits for the lock: its own tokens are never overwritten.
    first = queries.captured_queries[0]["sql"] if queries.captured_queries else ""
    assert any("FOR UPDATE" in query["sql"] for query in queries.captured_queries), first
    assert CitizenGroup.objects.get(pk=ids[0]).search_name != ""
