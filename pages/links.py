"""Links to the site pages where consent is asked (no query: the titles are the set's names)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString

from .models import SitePage


def page_link(key: str) -> SafeString:
    """A link to the page of ``key`` that opens beside the form being filled in."""
    return format_html(
        '<a href="{}" target="_blank" rel="noopener">{}</a>',
        reverse("pages:show", args=[key]),
        SitePage.Key(key).label,
    )
