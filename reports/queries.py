"""Queries of the reports app (filled in by the issues that build it)."""
