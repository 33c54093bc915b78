"""Read-side helpers of the coordination app (pages and reports); one module per concept."""
