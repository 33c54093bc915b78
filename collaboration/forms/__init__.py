"""Forms of the collaboration app: authoring sections and their tables."""
