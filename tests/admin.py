"""Helpers for posting the Django admin's change forms in tests."""

from __future__ import annotations


def no_inline_rows(*prefixes: str) -> dict[str, str]:
    """The management data of admin inlines posted with no rows (a change form's POST)."""
    return {
        f"{prefix}-{key}": value
        for prefix in prefixes
        for key, value in (
            ("TOTAL_FORMS", "0"),
            ("INITIAL_FORMS", "0"),
            ("MIN_NUM_FORMS", "0"),
            ("MAX_NUM_FORMS", "1000"),
        )
    }
