"""Multi-step writes of the coordination app; one module per concept."""
