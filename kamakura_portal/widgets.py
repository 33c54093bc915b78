"""Choice widgets that write their markup in Python: a list page's filter form, per request.

Django renders every option of a choice widget through three nested templates; a form with
thirty options costs milliseconds on every request. These widgets print the same HTML as
Django's templates (``multiple_input.html``, ``input_option.html``, ``select.html`` and the
portal's ``select_option.html``) from the same widget context, so labels, ids, ``checked``,
``selected`` and the ``aria-describedby`` given by the field template are unchanged.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext


def _attrs(attrs: dict[str, Any]) -> str:
    """`` name="value"`` pairs as ``attrs.html`` writes them (True bare, False left out)."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        if value is True:
            parts.append(f" {conditional_escape(name)}")
        else:
            parts.append(f' {conditional_escape(name)}="{conditional_escape(str(value))}"')
    return "".join(parts)


def _input(option: dict[str, Any]) -> str:
    value = (
        "" if option["value"] is None else f' value="{conditional_escape(str(option["value"]))}"'
    )
    box = (
        f'<input type="{option["type"]}" name="{conditional_escape(option["name"])}"'
        f"{value}{_attrs(option['attrs'])}>"
    )
    if not option["wrap_label"]:
        return box
    label_for = option["attrs"].get("id")
    for_attr = f' for="{conditional_escape(label_for)}"' if label_for else ""
    return f"<label{for_attr}>{box} {conditional_escape(option['label'])}</label>"


class QuickCheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    """``CheckboxSelectMultiple`` with the markup of Django's templates, written in Python."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        box_id = widget["attrs"].get("id")
        css = widget["attrs"].get("class")
        html = ["<div"]
        if box_id:
            html.append(f' id="{conditional_escape(box_id)}"')
        if css:
            html.append(f' class="{conditional_escape(css)}"')
        html.append(">")
        for group, options, _index in widget["optgroups"]:
            if group:
                html.append(format_html("\n  <div><label>{}</label>", group))
            for option in options:
                html.append(f"<div>\n    {_input(option)}</div>")
            if group:
                html.append("\n  </div>")
        html.append("\n</div>")
        return mark_safe("".join(html))  # noqa: S308 (every value is escaped above)


class QuickSelect(forms.Select):
    """``Select`` with the markup of Django's templates (and the portal's empty choice)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        html = [f'<select name="{conditional_escape(name)}"{_attrs(widget["attrs"])}>']
        for group, options, _index in widget["optgroups"]:
            if group:
                html.append(format_html('\n  <optgroup label="{}">', group))
            for option in options:
                label = option["label"]
                text = gettext("Choose one") if label == "---------" else label
                html.append(
                    f'\n  <option value="{conditional_escape(str(option["value"]))}"'
                    f"{_attrs(option['attrs'])}>{conditional_escape(text)}</option>"
                )
            if group:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))  # noqa: S308 (every value is escaped above)
