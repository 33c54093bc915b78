"""A department need's status machine: 募集中 → マッチング済み → 終了, and back where it makes
sense (a match that fell through reopens the need; a closed need can be reopened).

Run by :func:`kamakura_portal.workflow.transition`; the department's staff, the secretariat
and the centre's coordinators make the moves (``collaboration.set_need_status``). Each move
is told in the inbox to the department's staff and the coordinators, who work on it together
(:mod:`collaboration.notifications.needs`).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

from kamakura_portal.workflow import Messages, Move, Workflow

from ..errors import NeedError
from ..models import DepartmentNeed
from ..notifications.needs import announce_move

Status = DepartmentNeed.Status
MOVE = "collaboration.set_need_status"

MOVES: tuple[Move[DepartmentNeed], ...] = (
    Move(Status.OPEN, Status.MATCHED, MOVE),
    # Also the portal's daily close of needs past their 募集期限 (apply_by).
    Move(Status.OPEN, Status.CLOSED, MOVE, by_system=True),
    Move(Status.MATCHED, Status.OPEN, MOVE),
    Move(Status.MATCHED, Status.CLOSED, MOVE),
    Move(Status.CLOSED, Status.OPEN, MOVE),
)


WORKFLOW = Workflow(
    model=DepartmentNeed,
    moves=MOVES,
    messages=Messages(
        illegal=gettext_lazy("A need that is “%(from)s” cannot become “%(to)s”."),
        reason_required=gettext_lazy("Write the reason; it is kept in the need's history."),
    ),
    error=NeedError,
    announce=announce_move,
)
