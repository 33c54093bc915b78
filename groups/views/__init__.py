"""Views of the registry, one module per audience (public, managers, staff, transfer)."""
