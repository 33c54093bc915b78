"""The reports' lists take no filters: a staff list of recent requests and the public list
of published reports, both paginated."""
