"""A small HTML reader for assertions on rendered pages (no third-party parser needed)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text_parts: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return " ".join("".join(self.text_parts).split())

    def ids(self, attribute: str) -> list[str]:
        return self.attrs.get(attribute, "").split()


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[Element] = []
        self.open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self.elements.append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.open) - 1, -1, -1):
            if self.open[index].tag == tag:
                del self.open[index:]
                break

    def handle_data(self, data: str) -> None:
        for element in self.open:
            element.text_parts.append(data)


class Page:
    def __init__(self, html: str) -> None:
        reader = _Reader()
        reader.feed(html)
        self.elements = reader.elements

    def find_all(self, tag: str | None = None, **attrs: str) -> list[Element]:
        return [
            element
            for element in self.elements
            if (tag is None or element.tag == tag)
            and all(element.attrs.get(name.rstrip("_")) == value for name, value in attrs.items())
        ]

    def by_id(self, element_id: str) -> Element:
        matches = [e for e in self.elements if e.attrs.get("id") == element_id]
        assert len(matches) == 1, f"expected one element with id {element_id!r}, got {len(matches)}"
        return matches[0]

    def hrefs(self) -> list[str]:
        return [element.attrs["href"] for element in self.find_all("a") if "href" in element.attrs]

    def link(self, href: str) -> Element:
        matches = self.find_all("a", href=href)
        assert matches, f"no link to {href}"
        return matches[0]


def field_error(html: str, input_id: str) -> str:
    """The error text tied to ``input_id`` through ``aria-describedby`` (fails if not tied)."""
    page = Page(html)
    widget = page.by_id(input_id)
    error_id = f"{input_id}_error"
    assert error_id in widget.ids("aria-describedby"), widget.attrs
    assert widget.attrs.get("aria-invalid") == "true", widget.attrs
    return page.by_id(error_id).text
