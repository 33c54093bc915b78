"""Settings package: base, local (default for manage.py), production and test."""
