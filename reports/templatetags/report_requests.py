"""``{% request_report_button "project" proposal=project.pk %}``: a button, on another app's
page, that asks for a report of that page's object (the project sheet on a project's page).

It shows only to those who may ask for the kind (``reports.request_report``) and sends the
kind's own form, through the staff page's request view, so nothing about requests is repeated.
Loaded from templates, the other app's Python does not import the reports app.
"""

from __future__ import annotations

from typing import Any

from django import template

from ..kinds import kind_of

register = template.Library()


@register.inclusion_tag("reports/_request_button.html", takes_context=True)
def request_report_button(
    context: template.Context, kind_code: str, **params: Any
) -> dict[str, Any]:
    kind = kind_of(kind_code)
    user = context["request"].user
    return {
        "kind": kind,
        "allowed": user.has_perm("reports.request_report", kind),
        "fields": [(f"{kind.code}-{name}", value) for name, value in params.items()],
        "csrf_token": context.get("csrf_token"),
    }
