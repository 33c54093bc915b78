"""The coordination app's forms; one module per concept."""
