"""Views of the surveys app (filled in by the issues that build it)."""
