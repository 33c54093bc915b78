from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .navigation import public_navigation, role_navigation


def portal(request: HttpRequest) -> dict[str, Any]:
    """Site name, demo flag and the role-aware navigation (computed only if rendered)."""
    user = request.user
    path = request.path
    return {
        "site_name": settings.PORTAL_SITE_NAME,
        "demo_mode": settings.PORTAL_DEMO_MODE,
        "public_nav": SimpleLazyObject(lambda: public_navigation(user, path)),
        "role_nav": SimpleLazyObject(lambda: role_navigation(user, path)),
    }
