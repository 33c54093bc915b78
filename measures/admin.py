"""Admin of the measures app (filled in by the issues that build it)."""
