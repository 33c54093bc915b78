"""A site page's plain text as HTML: paragraphs, and links for its web and mail addresses."""

from __future__ import annotations

import re

from django import template
from django.utils.html import escape, linebreaks, urlize
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Addresses are written in ASCII; Japanese text puts no space before them (「メール：npo@…」),
# and Django's urlize only finds an address between spaces.
_ASCII_RUN = re.compile(r"[\x21-\x7e]+")


@register.filter
def page_text(text: str) -> SafeString:
    parts: list[str] = []
    position = 0
    for run in _ASCII_RUN.finditer(text):
        parts.append(escape(text[position : run.start()]))
        parts.append(urlize(run.group(), autoescape=True))
        position = run.end()
    parts.append(escape(text[position:]))
    return mark_safe(linebreaks("".join(parts)))  # noqa: S308  (every part escaped above)
