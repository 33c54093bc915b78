"""Forms of the registry, one module per audience."""
