"""Navigation helpers for templates: breadcrumbs, and questions about the role menus."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("_breadcrumbs.html")
def breadcrumbs(*trail: Any) -> dict[str, Any]:
    """``{% breadcrumbs label url … label %}``: pairs of label and URL, the current page last.

    Templates cannot build lists, so the trail is given as alternating arguments; a last label
    without a URL is the current page. "Home" is always the first crumb.
    """
    crumbs = [
        (trail[i], trail[i + 1] if i + 1 < len(trail) else "") for i in range(0, len(trail), 2)
    ]
    return {"crumbs": crumbs}
