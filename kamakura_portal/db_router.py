"""Reads of read-only pages from a replica of the database, everything else from the primary.

A view opts in with the class attribute ``read_replica = True``. Only its GET and HEAD requests
read from the ``replica`` alias, and only until the request writes anything or opens a
transaction: from then on the request reads from the primary, so it sees its own writes.
Users, their roles, sessions and allauth's tables are always read from the primary: a replica
a moment behind must never sign a person out or show an old role.

Installed only when ``DATABASE_REPLICA_URL`` is set (see the settings); reads go to the replica
only while ``PORTAL_REPLICA_READS`` is on.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

REPLICA = "replica"
# Tables that decide who the visitor is and what they may do: never a moment behind.
PRIMARY_ONLY_APPS = frozenset({"auth", "sessions", "account", "mfa", "socialaccount"})
PRIMARY_ONLY_MODELS = frozenset({"accounts.user", "accounts.roleassignment"})
READ_METHODS = frozenset({"GET", "HEAD"})


@dataclass
class _RequestReads:
    replica: bool = False


_reads: ContextVar[_RequestReads | None] = ContextVar("portal_request_reads", default=None)


class ReplicaRouter:
    """Django database router: see the module's docstring."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str | None:
        state = _reads.get()
        if (
            state is None
            or not state.replica
            or not settings.PORTAL_REPLICA_READS
            or model._meta.app_label in PRIMARY_ONLY_APPS
            or model._meta.label_lower in PRIMARY_ONLY_MODELS
            or connections["default"].in_atomic_block
        ):
            return "default"
        return REPLICA

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        state = _reads.get()
        if state is not None:
            state.replica = False  # pinned to the primary for the rest of the request
        return "default"

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        # Both aliases hold the same data.
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db != REPLICA  # the replica follows the primary by replication


class ReplicaReadsMiddleware:
    """Lets the marked views' GET and HEAD requests read from the replica."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _reads.set(_RequestReads())
        try:
            return self.get_response(request)
        finally:
            _reads.reset(token)

    def process_view(self, request: HttpRequest, view_func: Callable[..., Any], *args: Any) -> None:
        state = _reads.get()
        view_class = getattr(view_func, "view_class", view_func)
        if state is not None and request.method in READ_METHODS:
            state.replica = bool(getattr(view_class, "read_replica", False))
