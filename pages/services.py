"""Writes to the site pages."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from accounts.models import User

from .models import SitePage


@transaction.atomic
def save_page(page: SitePage, fields: Mapping[str, Any], actor: User) -> SitePage:
    """Save the page's text (the form has checked it); the audit trail keeps each version."""
    for name, value in fields.items():
        setattr(page, name, value)
    page.updated_by = actor
    page.save()
    return page
