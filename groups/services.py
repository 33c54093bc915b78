"""Services of the groups app (filled in by the issues that build it)."""
