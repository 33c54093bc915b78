"""The one workflow engine (DESIGN.md §4; django-oscar's status pipeline is the model).

Every status machine of the portal — a group's registration, a proposal, a progress report, a
survey, a department need — is a :class:`Workflow`: a declared table of :class:`Move` rows
(from, to, the ``rules.py`` permission that allows the move, whether a reason is required,
the guards that name what still blocks it). :func:`transition` is the only way a status
changes: in one transaction it locks the row, checks ``user.has_perm(permission, obj)``,
runs the guards, applies the move, records it in the shared
:class:`~kamakura_portal.models.StatusChange` and lets the workflow announce it (inbox rows
at once, mail after the commit). Who may move is asked of ``rules.py`` only.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.functional import Promise

from .errors import PortalError, Problem

if TYPE_CHECKING:
    from accounts.models import User, Visitor

    from .models import StatusChange

M = TypeVar("M", bound=models.Model)


class System:
    """The portal acting by itself: a deadline passed, a survey reached its closing date.

    It makes only the moves marked ``by_system``; it holds no permission of its own.
    """

    is_authenticated = False
    is_active = False
    pk = None

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = System()


@dataclass(frozen=True)
class MoveRequest:
    """What was asked: by whom, with which reason and extra values (an outcome, a date)."""

    actor: User | System
    source: str
    target: str
    reason: str
    extra: Mapping[str, Any]

    @property
    def person(self) -> User | None:
        """Who asked for the move, or None when the portal moved by itself."""
        return None if isinstance(self.actor, System) else self.actor

    @property
    def today(self) -> datetime.date:
        day = self.extra.get("today")
        return day if isinstance(day, datetime.date) else timezone.localdate()


Guard = Callable[[M, MoveRequest], Iterable[Problem]]


@dataclass(frozen=True)
class Move(Generic[M]):
    """One allowed move of a status machine.

    ``permission`` is the ``rules.py`` permission a user needs (``None``: nobody but the
    system); ``refusal`` is what someone without it reads (the workflow's "cannot become"
    message when empty).
    """

    source: str
    target: str
    permission: str | None
    reason_required: bool = False
    by_system: bool = False
    guards: tuple[Guard[M], ...] = ()
    refusal: str | Promise = ""


@dataclass(frozen=True)
class Messages:
    """A workflow's refusals, in its own words (shown as they are)."""

    # "%(from)s" and "%(to)s" are the statuses' labels.
    illegal: str | Promise
    reason_required: str | Promise


@dataclass
class Workflow(Generic[M]):
    """A status machine: the model, its moves, and what a move does beyond the status.

    ``apply(locked, request)`` sets the row's other fields (timestamps, the reason shown to
    the other side) before it is saved; ``announce(locked, change)`` runs in the same
    transaction after the move is recorded and tells people (:func:`kamakura_portal.inbox.
    notify`). ``error`` is the exception the app's views already catch.
    """

    model: type[M]
    moves: Sequence[Move[M]]
    messages: Messages
    error: type[PortalError] = PortalError
    status_field: str = "status"
    apply: Callable[[M, MoveRequest], None] | None = None
    announce: Callable[[M, StatusChange], None] | None = None
    table: dict[tuple[str, str], Move[M]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.table = {(move.source, move.target): move for move in self.moves}
        if len(self.table) != len(self.moves):
            raise ValueError(f"{self.model.__name__}: a move is declared twice")
        _WORKFLOWS[self.model] = self

    def status_label(self, status: str) -> str:
        choices = dict(self.model._meta.get_field(self.status_field).flatchoices)  # type: ignore[union-attr]
        return str(choices.get(status, status))

    def move(self, source: str, target: str) -> Move[M] | None:
        return self.table.get((source, target))

    def may_make(self, move: Move[M], obj: M, actor: Visitor | System) -> bool:
        if isinstance(actor, System):
            return move.by_system
        return move.permission is not None and bool(actor.has_perm(move.permission, obj))

    def allowed_moves(self, obj: M, user: Visitor) -> list[Move[M]]:
        """The moves ``user`` may make from ``obj``'s status now (for a page's buttons).

        Guards are not run: a button stays, and pressing it says what is missing.
        """
        status = getattr(obj, self.status_field)
        return [
            move for move in self.moves if move.source == status and self.may_make(move, obj, user)
        ]

    def refusal(self, move: Move[M] | None, source: str, target: str) -> PortalError:
        if move is not None and move.refusal:
            return self.error(str(move.refusal))
        return self.error(
            str(self.messages.illegal)
            % {"from": self.status_label(source), "to": self.status_label(target)}
        )


_WORKFLOWS: dict[type[models.Model], Workflow[Any]] = {}


def workflow_of(model: type[M]) -> Workflow[M]:
    """The workflow declared for ``model`` (an app declares it in its ``workflow.py``)."""
    try:
        return _WORKFLOWS[model]
    except KeyError:
        raise LookupError(f"No workflow is declared for {model.__name__}") from None


def allowed_moves(obj: M, user: Visitor) -> list[Move[M]]:
    return workflow_of(type(obj)).allowed_moves(obj, user)


@transaction.atomic
def transition(
    obj: M,
    to: str,
    user: User | System,
    *,
    reason: str = "",
    **extra: Any,
) -> M:
    """Move ``obj`` to ``to`` as ``user`` (or :data:`SYSTEM`), or raise the workflow's error.

    The row is locked first, so two people pressing buttons at once make one move each in
    turn; a refused move changes nothing. ``obj`` is refreshed and returned.
    """
    from .models import StatusChange

    workflow = workflow_of(type(obj))
    locked = workflow.model._default_manager.select_for_update().get(pk=obj.pk)
    source = getattr(locked, workflow.status_field)
    move = workflow.move(source, to)
    if move is None or not workflow.may_make(move, locked, user):
        raise workflow.refusal(move, source, to)
    reason = reason.strip()
    if move.reason_required and not reason:
        raise workflow.error(str(workflow.messages.reason_required))
    request = MoveRequest(actor=user, source=source, target=to, reason=reason, extra=extra)
    problems = [problem for guard in move.guards for problem in guard(locked, request)]
    if problems:
        raise workflow.error(problems=problems)
    setattr(locked, workflow.status_field, to)
    if workflow.apply is not None:
        workflow.apply(locked, request)
    locked.save()
    change = StatusChange.record(locked, source, to, reason, request.person)
    if workflow.announce is not None:
        workflow.announce(locked, change)
    obj.refresh_from_db()
    return obj


def record_arrival(objs: Iterable[models.Model], reason: str, actor: User | None = None) -> None:
    """Records loaded from elsewhere (past proposals, an imported registry, demo data) arrive
    in their status without a move: each gets its status as the first line of its history,
    and nobody is told."""
    from .models import StatusChange

    changes = [
        StatusChange.build(
            obj, "", getattr(obj, workflow_of(type(obj)).status_field), reason, actor
        )
        for obj in objs
    ]
    StatusChange.objects.bulk_create(changes, batch_size=500)


def history_of(obj: models.Model, *, oldest_first: bool = False) -> models.QuerySet[Any]:
    """The object's status moves with their actors (one query), newest first by default."""
    from .models import StatusChange

    order = ("created_at", "pk") if oldest_first else ("-created_at", "-pk")
    return (
        StatusChange.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
        )
        .select_related("actor")
        .order_by(*order)
    )
