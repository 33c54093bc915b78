"""Claim-once: work that must happen once (a reminder, a mail, a report) is claimed with a
conditional UPDATE before it is done. Of two workers running the same thing, exactly one
changes the row, and only that one goes on."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet


def claim_once(rows: QuerySet[Any], **marks: Any) -> bool:
    """``UPDATE … SET marks WHERE rows``: True for the caller whose update took.

    ``rows`` names the row *in the state that allows the work* (``notified_at`` empty,
    ``reminded_on`` as it was read), so a second claim finds nothing to change.
    """
    return rows.update(**marks) > 0
