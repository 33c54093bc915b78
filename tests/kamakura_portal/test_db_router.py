"""The read replica (kamakura_portal.db_router): marked read-only pages read from ``replica``,
writes and every other page use ``default``. The test settings' ``replica`` alias is a test
mirror of the test database: a second connection to the same data, as a replica would be."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connections
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groups.models import CitizenGroup
from kamakura_portal.db_router import ReplicaReadsMiddleware
from tests.factories import CitizenGroupFactory

# Two connections, committed data: the replica's connection sees only what is committed.
both = pytest.mark.django_db(transaction=True, databases=["default", "replica"])


class Queries:
    def __init__(self) -> None:
        self.default = CaptureQueriesContext(connections["default"])
        self.replica = CaptureQueriesContext(connections["replica"])


@pytest.fixture
def queries() -> Iterator[Queries]:
    captured = Queries()
    with override_settings(PORTAL_REPLICA_READS=True), captured.default, captured.replica:
        yield captured


@pytest.fixture
def group(transactional_db: None) -> CitizenGroup:
    return CitizenGroupFactory.create(name="由比ガ浜の会", name_kana="ユイガハマノカイ")


@both
@pytest.mark.parametrize(
    ("name", "args"),
    [
        ("groups:directory", []),
        ("groups:profile", ["group"]),
        ("collaboration:needs", []),
    ],
)
def test_a_read_only_page_reads_from_the_replica(
    group: CitizenGroup, queries: Queries, name: str, args: list[str]
) -> None:
    response = Client().get(reverse(name, args=[group.pk for _ in args]))
    assert response.status_code == 200
    assert len(queries.replica) > 0
    assert [query["sql"] for query in queries.default] == []
    if args:
        assert group.name in response.content.decode()


@both
def test_a_page_not_marked_read_only_reads_from_the_primary(
    group: CitizenGroup, queries: Queries
) -> None:
    response = Client().get(reverse("collaboration:projects"))
    assert response.status_code == 200
    assert len(queries.default) > 0
    assert len(queries.replica) == 0


@both
@override_settings(PORTAL_REPLICA_READS=True)
def test_a_signed_in_visitor_is_read_from_the_primary_on_a_read_only_page(
    group: CitizenGroup, django_user_model: Any
) -> None:
    """A replica a moment behind must never sign a person out or show an old role."""
    client = Client()
    client.force_login(django_user_model.objects.create_user(email="a@example.jp"))
    queries = Queries()
    with queries.default, queries.replica:
        response = client.get(reverse("groups:directory"))
    assert response.status_code == 200
    on_default = " ".join(query["sql"] for query in queries.default)
    assert "django_session" in on_default and "accounts_user" in on_default
    assert len(queries.replica) > 0
    assert "accounts_user" not in " ".join(query["sql"] for query in queries.replica)


def _through_middleware(method: str, view: Any) -> HttpResponse:
    """One request through the middleware, as Django's handler runs it."""
    request = getattr(RequestFactory(), method.lower())("/")

    def get_response(request: HttpRequest) -> HttpResponse:
        middleware.process_view(request, view, (), {})
        return view(request)

    middleware = ReplicaReadsMiddleware(get_response)
    return middleware(request)


def _marked(body: Any) -> Any:
    def view(request: HttpRequest) -> HttpResponse:
        return body(request)

    view.read_replica = True  # type: ignore[attr-defined]
    return view


@both
def test_a_post_to_a_read_only_page_writes_and_reads_on_the_primary(queries: Queries) -> None:
    def body(request: HttpRequest) -> HttpResponse:
        CitizenGroupFactory.create()
        return HttpResponse(str(CitizenGroup.objects.count()))

    assert _through_middleware("POST", _marked(body)).content == b"1"
    assert len(queries.replica) == 0
    assert any(query["sql"].startswith("INSERT") for query in queries.default)


@both
def test_a_read_after_a_write_in_the_same_request_goes_to_the_primary(queries: Queries) -> None:
    reads: list[int] = []

    def body(request: HttpRequest) -> HttpResponse:
        reads.append(len(queries.replica))
        CitizenGroup.objects.exists()  # before any write: the replica
        reads.append(len(queries.replica))
        CitizenGroupFactory.create()
        CitizenGroup.objects.exists()  # after it: the primary, which has the new row
        reads.append(len(queries.replica))
        return HttpResponse()

    _through_middleware("GET", _marked(body))
    assert reads[1] == reads[0] + 1
    assert reads[2] == reads[1]


@both
def test_reads_outside_a_request_go_to_the_primary(group: CitizenGroup, queries: Queries) -> None:
    assert CitizenGroup.objects.filter(pk=group.pk).exists()
    assert len(queries.replica) == 0


@both
def test_a_page_read_on_the_replica_is_kept_only_briefly(
    group: CitizenGroup, queries: Queries, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The replica may be a moment behind the generations in the cache: what was built from
    it is kept for a minute, not for the usual quarter of an hour
    (kamakura_portal.shared_pages)."""
    from django.core.cache import caches

    from kamakura_portal import shared_pages

    backend = caches["default"]
    timeouts: list[Any] = []
    real_set = backend.set

    def recording(key: str, value: Any, timeout: Any = None, **kwargs: Any) -> Any:
        if key.startswith("shared:kept:"):
            timeouts.append(timeout)
        return real_set(key, value, timeout, **kwargs)

    monkeypatch.setattr(backend, "set", recording)
    assert Client().get(reverse("groups:directory")).status_code == 200
    assert len(queries.replica) > 0
    assert timeouts == [shared_pages.REPLICA_TIMEOUT]
