"""Filters of the accounts app (filled in by the issues that build it)."""
