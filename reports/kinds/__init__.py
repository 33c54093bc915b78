"""The kinds of printed report: one module per kind, each declaring a :class:`Kind`.

A kind says what it prints and from what: the form of its parameters, a function that turns
the parameters into the template's context (reading through the other apps' ``queries.py``),
its template under ``reports/pdf/``, a cheap *fingerprint* of its inputs (a finished report
whose fingerprint no longer matches is 古い), who reads it (an audience of
:mod:`reports.rules`) and whether it may be published. A new kind (the guideline booklet, the
status report) is a module here plus a template; nothing else changes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.functional import Promise

Params = Mapping[str, Any]


class NoParameters(forms.Form):
    """The form of a kind that takes no parameters (the roster: always the whole register)."""


@dataclass(frozen=True)
class Kind:
    code: str
    label: str | Promise
    template: str
    # Changing what a kind prints changes its version: reports made before are then 古い.
    version: int
    build: Callable[[Params], dict[str, Any]]
    title: Callable[[Params], str]
    fingerprint: Callable[[Params], Any]
    # The audience of reports.rules.AUDIENCES that requests this kind and reads its drafts.
    audience: str = "staff"
    form: type[forms.Form] = NoParameters
    # What stands in the way of publishing a report of these parameters ("" when nothing);
    # None: a kind that is never published (it holds what only its audience may read).
    publish_problem: Callable[[Params], str] | None = None
    help_text: str | Promise = ""
    # The committee is told in its inbox when a report of this kind is ready (the reports
    # it reads on paper: the guideline booklet, the status report), not only the requester.
    tells_committee: bool = False

    @property
    def publishable(self) -> bool:
        return self.publish_problem is not None

    def parameters(self, cleaned: Mapping[str, Any]) -> dict[str, Any]:
        """Parameters from the form's cleaned data: primitive values (model instances by pk),
        so that they travel as JSON and compare equal in the database."""
        return {
            name: getattr(value, "pk", value)
            for name, value in sorted(cleaned.items())
            if value not in (None, "")
        }


_KINDS: dict[str, Kind] = {}


def register(kind: Kind) -> Kind:
    if kind.code in _KINDS:
        raise ValueError(f"Report kind {kind.code!r} is declared twice")
    _KINDS[kind.code] = kind
    return kind


def kind_of(code: str) -> Kind:
    _load()
    try:
        return _KINDS[code]
    except KeyError:
        raise LookupError(f"No report kind {code!r}") from None


def all_kinds() -> list[Kind]:
    _load()
    return list(_KINDS.values())


def _load() -> None:
    # The kinds import the other apps' queries: loaded on first use, not at import time.
    from . import guideline, project, roster, status, survey  # noqa: F401
