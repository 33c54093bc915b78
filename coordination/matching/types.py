"""What the matching engine returns: candidates with their score parts and matched words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collaboration.models import DepartmentNeed
    from groups.models import CitizenGroup


@dataclass(frozen=True)
class Filters:
    """Hard filters the coordinator sets; they apply before scoring. Empty: no filter.

    ``districts`` keeps the groups active in one of them or city-wide (市内全域);
    ``organisation_types`` takes ids or codes; ``interests`` the codes of
    :class:`groups.models.CitizenGroup.Interest`.
    """

    fields: tuple[int, ...] = ()
    districts: tuple[int, ...] = ()
    organisation_types: tuple[str | int, ...] = ()
    interests: tuple[str, ...] = ()


@dataclass(frozen=True)
class Part:
    """One part of the score: ``key`` (see :mod:`coordination.matching.weights`), its label,
    the points it gave and why, in the active language (Japanese by default)."""

    key: str
    label: str
    points: float
    detail: str


@dataclass(frozen=True)
class WordMatch:
    """A word of the need found in the other side's text: ``via`` is "" when found as the
    same word, else the way it was bridged (the synonym source or the normalised form)."""

    need_word: str
    group_word: str
    via: str


@dataclass(frozen=True)
class Candidate:
    group: CitizenGroup
    score: float
    parts: tuple[Part, ...]
    words: tuple[WordMatch, ...]
    explanation: str  # one line a coordinator can read aloud
    reason_for_group: str = ""  # why the need fits the group, for its invitation


@dataclass(frozen=True)
class NeedMatch:
    need: DepartmentNeed
    score: float
    parts: tuple[Part, ...]
    words: tuple[WordMatch, ...]
    explanation: str
