"""Trying one move of a workflow as one person: the helper of the every-move-by-every-role
tests (tests/*/test_transitions_by_role.py, the need workflow's)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db.models import Model

from kamakura_portal.workflow import Move, history_of, transition


def try_move(obj: Model, move: Move[Any], user: Any, *, allowed: bool, refused: type) -> None:
    """Make ``move`` on ``obj`` as ``user``: when ``allowed`` it happens and is recorded with
    its actor; otherwise it is refused with ``refused`` and nothing changes."""
    if allowed:
        transition(obj, move.target, user, reason="理由があります")
        assert getattr(obj, "status") == move.target  # noqa: B009
        assert history_of(obj).get().actor == user
    else:
        with pytest.raises(refused):
            transition(obj, move.target, user, reason="理由があります")
        fresh = type(obj)._default_manager.get(pk=obj.pk)
        assert getattr(fresh, "status") == move.source  # noqa: B009
        assert not history_of(obj).exists()
