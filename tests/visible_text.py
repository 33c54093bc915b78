"""What a reader of a Japanese page sees, and what in it is not Japanese.

:func:`read_page` gives a page's links and what it shows: its title, the text of its body and
the attributes read out or shown (placeholders, aria-labels, alt and title texts, the values
of input buttons), leaving out scripts, styles and anything marked as another language
(``lang="en"``, as a language switch names English). :func:`leftovers` finds what reads as
untranslated: English words, Python's ``None``/``True``/``False``, ISO dates and times, and
the form's empty choice ``---------``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

SHOWN_ATTRIBUTES = ("placeholder", "aria-label", "alt", "title")
BUTTON_INPUTS = {"submit", "button", "reset"}
HIDDEN_CONTENT = {"script", "style"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}

# Latin-letter words a Japanese page writes as they are: abbreviations, units, formats and
# products read in Latin letters (Shift_JIS is read as two words; Sudachi names the synonym
# dictionary). Anything else in Latin letters is an untranslated word.
ALLOWED_WORDS = frozenset(
    {
        "CSV",
        "Excel",
        "FAX",
        "ID",
        "IT",
        "JIS",
        "JPEG",
        "MB",
        "NPO",
        "PDF",
        "PNG",
        "PowerPoint",
        "QR",
        "SNS",
        "Shift",
        "Sudachi",
        "TEL",
        "TOTP",
        "URL",
        "UTF",
        "Word",
        "XLSX",
        "kg",
    }
)
# Left out before words are read, being Latin letters in any language: addresses (and the
# 「E-mail：」 a printed address block writes before one), and codes
# joined by hyphens (a measure's 7-u-1, a tier's II-a, a plan's kamakura-guideline-2026), file
# names' extensions, and long codes (an authenticator's secret).
_NOT_WORDS = re.compile(
    r"[\w.+-]+@[\w.-]+|\bE-mail\b|https?://\S*|\b[\w-]+(?:\.[\w-]+)+\.(?:jp|example)\b"
    r"|\b(?=[\w-]*\d)[A-Za-z0-9]+(?:-[A-Za-z0-9]+)+\b|\b[A-Za-z0-9]{1,3}(?:-[A-Za-z0-9]{1,3})+\b"
    r"|\.(?:csv|xlsx|pdf)\b|\b[A-Z0-9]{16,}\b"
)
# A word is two letters or more: one letter is a grade (S, A, B, C) or a label, never a word.
# Roman numerals number a plan's tiers.
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
_NUMERAL = re.compile(r"[IVX]+")
_RAW = (
    (re.compile(r"\b(?:None|True|False)\b"), "a Python value"),
    (re.compile(r"\b\d{4}-\d{2}-\d{2}\b"), "an ISO date"),
    (re.compile(r"\d{2}:\d{2}:\d{2}|T\d{2}:\d{2}"), "an ISO time"),
    (re.compile(r"-{5,}"), "the empty choice"),
)


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        # One entry per open element: whether its text is left out.
        self.open: list[tuple[str, bool]] = []

    @property
    def skipping(self) -> bool:
        return bool(self.open) and self.open[-1][1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        other_language = values.get("lang", "ja").split("-")[0] not in {"ja", ""}
        skip = self.skipping or tag in HIDDEN_CONTENT or other_language
        if not skip:
            self.parts.extend(values[name] for name in SHOWN_ATTRIBUTES if values.get(name))
            if tag == "input" and values.get("type") in BUTTON_INPUTS and values.get("value"):
                self.parts.append(values["value"])
        if tag not in VOID:
            self.open.append((tag, skip))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index][0] == tag:
                del self.open[index:]
                break

    def handle_data(self, data: str) -> None:
        if not self.skipping and data.strip():
            self.parts.append(" ".join(data.split()))


@dataclass
class Reading:
    parts: list[str]  # the pieces of text a reader sees or hears, in the page's order
    links: list[str]  # the links' addresses


def read_page(html: str) -> Reading:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return Reading(reader.parts, reader.links)


def leftovers(
    parts: list[str],
    allowed: frozenset[str] = frozenset(),
    identifiers: frozenset[str] = frozenset(),
) -> list[str]:
    """``"what: the text it is in"`` for each piece that reads as untranslated. ``allowed``:
    more words written as they are (data); ``identifiers``: values shown alone that are keys,
    not words (a survey question's key)."""
    found = []
    for part in parts:
        if part in identifiers:
            continue
        for pattern, what in _RAW:
            if pattern.search(part):
                found.append(f"{what}: {part!r}")
        words = _WORD.findall(_NOT_WORDS.sub(" ", part))
        english = [
            word
            for word in words
            if word not in ALLOWED_WORDS and word not in allowed and not _NUMERAL.fullmatch(word)
        ]
        if english:
            found.append(f"English {english}: {part!r}")
    return found
