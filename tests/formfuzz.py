"""The pieces of the every-form property test (tests/kamakura_portal/test_every_form.py):
reading the POST forms a page offers, bad values for each kind of field, and the count of
rows written, to tell whether a refused submission wrote anything."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import Resolver404, resolve
from hypothesis import strategies as st

# A piece of markup that must never come back unescaped.
MARKER = '<i data-fuzz="1">'
BAD_TEXT = [
    "",
    " ",
    "\u3000",
    "x" * 10_000,
    "あ" * 5_000,
    "ab\x00cd",
    "\x00",
    f"{MARKER}</i><script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE accounts_user; --",
    "%_\\",
    "\u202e\u0301\u200b",
    "🙂" * 10,
    "１２３",
    "-1",
    "9" * 40,
    "1e309",
    "NaN",
    "2026-02-30",
    "0000-00-00",
    "9999-12-31",
    "https://",
    "javascript:alert(1)",
    "@",
    "a" * 250 + "@example.jp",
    "../../etc/passwd",
]
BAD_COUNTS = ["-1", "0", "1000000", "abc", "１", "", "2.5", "99999999999999999999"]


@dataclass(frozen=True)
class Field:
    name: str
    kind: str  # input type, "textarea", "select", "select-multiple"
    value: str = ""
    options: tuple[str, ...] = ()


@dataclass
class PostForm:
    """A POST form found on ``page``, with the submit button it is sent by."""

    page: str
    action: str
    fields: list[Field] = field(default_factory=list)
    button: tuple[str, str] | None = None

    @property
    def route(self) -> str:
        try:
            match = resolve(self.action.split("?")[0])
        except Resolver404:
            return f"?{self.action}"
        return match.view_name

    @property
    def key(self) -> tuple[str, tuple[str, ...], tuple[str, str] | None]:
        return (self.route, tuple(sorted(f.name for f in self.fields)), self.button)


class _FormReader(HTMLParser):
    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.forms: list[tuple[PostForm, list[tuple[str, str]]]] = []
        self.current: PostForm | None = None
        self.buttons: list[tuple[str, str]] = []
        self.select: dict[str, Any] | None = None
        self.textarea: dict[str, Any] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "form" and a.get("method", "get").lower() == "post":
            self.current = PostForm(self.page, a.get("action") or self.page)
            self.buttons = []
            return
        if self.current is None:
            return
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in ("submit", "image"):
                self.buttons.append((a["name"], a.get("value", "")))
            elif kind not in ("button", "reset"):
                self.current.fields.append(Field(a["name"], kind, a.get("value", "")))
        elif tag == "button" and a.get("type", "submit") == "submit" and a.get("name"):
            self.buttons.append((a["name"], a.get("value", "")))
        elif tag == "select" and a.get("name"):
            multiple = "multiple" in a
            self.select = {"name": a["name"], "multiple": multiple, "options": []}
        elif tag == "option" and self.select is not None:
            self.select["options"].append(a.get("value", ""))
        elif tag == "textarea" and a.get("name"):
            self.textarea = {"name": a["name"], "text": ""}

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if self.current is None:
            return
        if tag == "select" and self.select is not None:
            kind = "select-multiple" if self.select["multiple"] else "select"
            options = tuple(self.select["options"])
            self.current.fields.append(
                Field(self.select["name"], kind, options[0] if options else "", options)
            )
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.current.fields.append(
                Field(self.textarea["name"], "textarea", self.textarea["text"])
            )
            self.textarea = None
        elif tag == "form":
            self.forms.append((self.current, self.buttons))
            self.current = None


def forms_on(html: str, page: str) -> list[PostForm]:
    """Every POST form of the page, once per named submit button it can be sent by."""
    reader = _FormReader(page)
    reader.feed(html)
    found = []
    for form, buttons in reader.forms:
        choices: list[tuple[str, str] | None] = [*buttons] or [None]
        found += [PostForm(form.page, form.action, list(form.fields), button) for button in choices]
    return found


def _merged(form: PostForm) -> dict[str, list[Field]]:
    """Fields by name: radios and checkboxes of one name are one choice among their values."""
    by_name: dict[str, list[Field]] = {}
    for item in form.fields:
        by_name.setdefault(item.name, []).append(item)
    return by_name


def value_strategy(items: list[Field]) -> st.SearchStrategy[Any]:
    """The page's own value (so the rest of the form is often valid) or a bad one."""
    first = items[0]
    offered = [item.value for item in items] + list(first.options)
    if first.name.endswith(("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS")):
        return st.sampled_from([first.value, *BAD_COUNTS])
    if first.kind == "file":
        return st.builds(
            lambda name, data: SimpleUploadedFile(name, data),
            st.sampled_from(["x.png", "x.pdf", "x.exe", "x", "x" * 300 + ".csv", "名簿.xlsx"]),
            st.binary(max_size=2048) | st.sampled_from([b"%PDF-1.7\n", b"\x89PNG\r\n", b""]),
        )
    bad = st.sampled_from(BAD_TEXT) | st.text(max_size=50)
    if first.kind in ("checkbox", "select-multiple"):
        return st.lists(st.sampled_from(offered) | bad, max_size=3)
    if first.kind in ("radio", "select"):
        return st.sampled_from(offered) | bad
    return st.sampled_from([first.value]) | bad


def submission(form: PostForm) -> st.SearchStrategy[dict[str, Any]]:
    """The form's data with some fields bad; hidden fields too (other objects' ids)."""
    strategies = {name: value_strategy(items) for name, items in _merged(form).items()}
    strategies.pop("csrfmiddlewaretoken", None)
    data = st.fixed_dictionaries(strategies)
    if form.button is not None:
        name, value = form.button
        return data.map(lambda values: {**values, name: value})
    return data


def writes_so_far() -> int:
    """Rows inserted, updated or deleted so far in this transaction, every table but the
    sessions' (PostgreSQL keeps the count per transaction): a request that raises it wrote."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) "
            "FROM pg_stat_xact_user_tables WHERE relname <> 'django_session'"
        )
        return int(cursor.fetchone()[0])


def examples() -> int:
    """Examples per form: few in the normal suite, many in ``make fuzz``."""
    return int(os.environ.get("PORTAL_FUZZ_EXAMPLES", "6"))
