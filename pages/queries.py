"""Reading the site pages."""

from __future__ import annotations

from django.http import Http404

from .models import SitePage
from .starting import REVISED_ON, TEXTS


def page(key: str) -> SitePage:
    """The page of ``key`` as staff last saved it, or, until they first do, the portal's
    starting text (unsaved: reading a page never writes). 404 for a key outside the set."""
    if key not in SitePage.Key.values:
        raise Http404
    saved = SitePage.objects.filter(key=key).first()
    if saved is not None:
        return saved
    title, body = TEXTS[key]
    return SitePage(key=key, title=title, body=body, revised_on=REVISED_ON)
