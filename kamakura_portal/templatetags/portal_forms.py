"""Render a form field's widget tied to its help text and errors (see ``forms/field.html``).

Left alone, Django 5.2 points ``aria-describedby`` at ``<id>_helptext`` and ``<id>_error``.
The portal's field template names those elements itself, so the ids are passed here from one
place and cannot drift from the template; a group of radios or checkboxes is described on
its ``<fieldset>`` instead of on every option, as Django does.
"""

from __future__ import annotations

from django import template
from django.forms import BoundField
from django.utils.safestring import SafeString

register = template.Library()


@register.filter
def describedby(field: BoundField) -> str:
    """The ids of the field's help text and error elements, in reading order."""
    if not field.auto_id:
        return ""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_help")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    return " ".join(ids)


@register.filter
def described_widget(field: BoundField) -> SafeString:
    """The widget, with ``aria-describedby`` unless its fieldset has it, and ``aria-invalid``."""
    attrs: dict[str, str | bool] = {}
    ids = describedby(field)
    if ids and not field.use_fieldset:
        attrs["aria-describedby"] = ids
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)
