"""Missing glyphs in a printed report, found two ways.

WeasyPrint warns (logger ``weasyprint``) for every string it drew with the ``.notdef`` glyph,
the empty box a reader sees where the font has no glyph: :func:`notdef_warnings` collects
those warnings while a report is made. And in the PDF itself, every character of the text
must be in the character map of an embedded font (:func:`characters_without_glyph`): a box
drawn instead reads back as a code the fonts do not map.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager

from fontTools.ttLib import TTFont

from tests.reports.conftest import FONT_PROGRAMS, font_descriptors

NOTDEF = ".notdef glyph rendered"


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@contextmanager
def notdef_warnings() -> Iterator[list[str]]:
    """The ``.notdef`` warnings WeasyPrint logs inside the block (a list filled as it goes)."""
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    found: list[str] = []
    try:
        yield found
    finally:
        logger.removeHandler(handler)
        found.extend(message for message in handler.messages if NOTDEF in message)


def embedded_characters(data: bytes) -> set[int]:
    """The code points the embedded fonts (their subsets, as in the file) have glyphs for."""
    mapped: set[int] = set()
    for _name, descriptor in font_descriptors(data):
        key = next((key for key in FONT_PROGRAMS if key in descriptor), None)
        if key is not None:
            program = TTFont(io.BytesIO(descriptor[key].get_object().get_data()))
            mapped.update(program.getBestCmap() or {})
    return mapped


def characters_without_glyph(data: bytes, text: str) -> set[str]:
    """The characters of ``text`` (the PDF's extracted text) that no embedded font maps."""
    mapped = embedded_characters(data)
    return {char for char in text if not char.isspace() and ord(char) not in mapped}
