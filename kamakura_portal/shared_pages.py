"""Public lists whose main part is the same for every visitor at one address, kept rendered;
and any costly result read from tracked tables, kept the same way (:func:`kept`).

The directory and the needs board cost tens of milliseconds to build (their queries, the
filter form, twenty cards) and are read far more often than the registry changes. A view with
:class:`SharedContentMixin` renders its content (``content_template_name``: everything but the
page's shell, or the results alone for an htmx request) through :func:`shared_fragment`, and
puts it in its shell template (``template_name``, whose content block prints ``content``);
the shell (menus, the visitor's name, messages, the CSRF token) is rendered for each visitor.

How a kept fragment stays true: while it is rendered, :func:`kamakura_portal.cached.reading`
notes every table it reads (by its queries, or through the cached reference tables); it is
kept only if every one of them is told of its changes (cached or tracked models) and no
transaction was open, under the generations those tables had *before* the rendering began.
A reader compares them with the current ones: any write to any of those tables since (a save,
a deletion, an ``update()``, a bulk write, a many-to-many change) retires it. The key holds
the address's parameters, the language and the day (a need's deadline passes at midnight
without a write). A fragment read on the read replica, which may be a moment behind, is
kept for :data:`REPLICA_TIMEOUT` seconds only.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.core.cache import cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .cached import committed, generations, reading, stamp, watched
from .db_router import REPLICA

T = TypeVar("T")
TIMEOUT = 900
REPLICA_TIMEOUT = 60
LOCAL_TIMEOUT = 60


def _cache_is_shared() -> bool:
    return not isinstance(caches["default"], LocMemCache)


def _key(parts: Hashable) -> str:
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"shared:kept:{digest}"


def kept(parts: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``'s value (anything the cache can pickle), kept under ``parts`` while the
    tables it read do not change (see the module). ``parts`` must name every input that is
    not read from the database inside ``compute`` (an object the caller loaded: its values).

    Kept in the shared cache for every web process, and in this process's memory too, so
    that a value served again costs one read of the cache (the generations) instead of two.
    Nothing is kept when the cache is this process's memory alone (no ``REDIS_URL``, as in
    ``make run``): a worker's writes would not move the web process's generations on.
    """
    if not _cache_is_shared():
        return compute()
    key = _key((parts, get_language(), timezone.localdate().isoformat()))
    # This process's copy (the settings' "local" cache), checked against the shared
    # generations like the shared one.
    local = caches["local"]
    for store in (local, cache):
        found = store.get(key)
        if found is not None:
            tables, stamped, value = found
            if stamp(tables) == stamped:
                if store is cache:
                    local.set(key, found, LOCAL_TIMEOUT)
                return value
    before = generations()
    with reading() as reads:
        value = compute()
    if reads.tables and watched(reads.tables) and committed():
        tables = sorted(reads.tables)
        found = (tables, tuple(before[table] for table in tables), value)
        cache.set(key, found, REPLICA_TIMEOUT if REPLICA in reads.aliases else TIMEOUT)
        local.set(key, found, LOCAL_TIMEOUT)
    return value


def state_of(obj: Model) -> tuple[Any, ...]:
    """A loaded row's values, with the ids of the many-to-many relations it has prefetched:
    for the ``parts`` of :func:`kept` when ``compute`` uses an object read before."""
    prefetched = getattr(obj, "_prefetched_objects_cache", {})
    return (
        obj._meta.label,
        tuple(getattr(obj, field.attname) for field in obj._meta.concrete_fields),
        tuple(sorted((name, tuple(row.pk for row in rows)) for name, rows in prefetched.items())),
    )


def shared_fragment(parts: Hashable, render: Callable[[], str]) -> str:
    """``render()``'s text, kept under ``parts`` while the tables it read do not change."""
    return kept(("fragment", parts), render)


class SharedContentMixin:
    """For a GET list view (a ListView or FilterView) whose content depends on the address
    only: see the module. ``content_template_name`` is the content alone;
    ``results_template_name`` (if any) what an htmx request for the results gets;
    ``template_name`` the shell. ``share_content()`` may say no (a page that depends on the
    visitor): the content is then rendered afresh, into the same shell."""

    content_template_name: str
    vary_on: tuple[str, ...] = ()  # request headers the answer depends on (htmx's)
    request: HttpRequest

    def share_content(self) -> bool:
        return True

    def wants_results_only(self) -> bool:
        return False

    def shell_context(self) -> dict[str, Any]:
        """What the shell's own blocks (title, breadcrumbs) need besides ``content``."""
        return {}

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        results_only = self.wants_results_only()

        def render() -> str:
            response = super(SharedContentMixin, self).get(request, *args, **kwargs)  # type: ignore[misc]
            if not isinstance(response, TemplateResponse):
                raise _NotShared(response)
            response.template_name = self.content_template(results_only)
            return str(response.rendered_content)

        try:
            if self.share_content():
                parts = (type(self).__qualname__, results_only, sorted(request.GET.lists()))
                content = shared_fragment(parts, render)
            else:
                content = render()
        except _NotShared as not_shared:
            return not_shared.response
        response: HttpResponse
        if results_only:
            response = HttpResponse(content)
        else:
            # The content is this view's own template, rendered with autoescaping.
            context = {"view": self, "content": mark_safe(content), **self.shell_context()}  # noqa: S308
            response = TemplateResponse(request, self.template_name, context)  # type: ignore[attr-defined]
        patch_vary_headers(response, self.vary_on)
        return response

    def content_template(self, results_only: bool) -> str:
        if results_only:
            return str(getattr(self, "results_template_name", self.content_template_name))
        return self.content_template_name


class _NotShared(Exception):
    """The view answered with something else than its template (a redirect, an error)."""

    def __init__(self, response: HttpResponse) -> None:
        super().__init__()
        self.response = response
