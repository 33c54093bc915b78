"""The coordination app's pages; one module per concept."""
