"""Tasks of the collaboration app (filled in by the issues that build it)."""
