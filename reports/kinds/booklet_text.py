"""The text of a plan's narrative section (``PlanSection.body``) as blocks the booklet prints.

A body is plain text as the city's booklet reads: paragraphs separated by blank lines (or
ending with 。), and lines that the booklet sets apart —

- ``(1) 市民活動の現状`` / ``（２）市民等の役割``: a subsection heading (level 1), numbered
  (1), (2)… whatever the width of the brackets and digits;
- ``ア 市民活動センター登録団体数の推移と活動状況``: a heading of level 2 (ア, イ…);
- ``① 場の提供`` or ``1. 場の提供``: a heading of level 3;
- ``【市民活動センター登録団体 活動分野別一覧】``: a figure's caption, with the line in
  brackets that follows it (``（令和7年（2025年）7月時点 計351団体）``) and the table after;
- ``※…``: a note; lines with tabs: a table (the first row its header); ``- …``, ``・…`` or
  ``• …``: list items;
- a short line of its own that is not a sentence (``市民活動を推進するための取組``): a label,
  an unnumbered heading one level below the heading above it.

Everything else is a paragraph. Nothing is dropped: a line the rules do not recognise prints
as a paragraph.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

HEADING = "heading"
LABEL = "label"
PARAGRAPH = "paragraph"
CAPTION = "caption"
NOTE = "note"
TABLE = "table"
LIST = "list"

# A heading or label is a short line, never a sentence.
HEADING_MAX = 60
LABEL_MAX = 40
SENTENCE_ENDS = ("。", "、", "：", ":")
SUBSECTION = re.compile(r"^[（(][ \u3000]*([0-9０-９]{1,2})[ \u3000]*[)）][ \u3000]*(\S.*)$")
POINT = re.compile(r"^([アイウエオカキクケコサシスセソタチツテトナニヌネノ])[ \u3000]+(\S.*)$")
ITEM = re.compile(r"^(?:([①-⑳])|([0-9]{1,2})[.．])[ \u3000]*(\S.*)$")
CAPTION_LINE = re.compile(r"^【(.+)】$")
BRACKETED = re.compile(r"^[（(].*[)）]$")
LIST_ITEM = re.compile(r"^(?:- |・|• ?)(\S.*)$")


@dataclass(frozen=True)
class Block:
    """One printed block. ``level``: 1 for (1), 2 for ア, 3 for ①; a label's is one below
    the heading above it. ``number`` as printed: ``(1)``, ``ア``, ``①``. A caption keeps the
    bracketed line after it in ``sub`` and its table in ``rows``."""

    kind: str
    text: str = ""
    level: int = 0
    number: str = ""
    sub: str = ""
    rows: tuple[tuple[str, ...], ...] = ()
    items: tuple[str, ...] = ()
    anchor: str = ""  # the id a 目次 line links to (set by the booklet)

    @property
    def header(self) -> tuple[str, ...]:
        return self.rows[0] if self.rows else ()

    @property
    def body_rows(self) -> tuple[tuple[str, ...], ...]:
        return self.rows[1:]


def heading_of(line: str) -> Block | None:
    """The heading a line is, or None."""
    line = line.strip()
    if len(line) > HEADING_MAX or line.endswith(SENTENCE_ENDS):
        return None
    if match := SUBSECTION.match(line):
        number = unicodedata.normalize("NFKC", match[1])
        return Block(HEADING, match[2], level=1, number=f"({int(number)})")
    if match := POINT.match(line):
        return Block(HEADING, match[2], level=2, number=match[1])
    if match := ITEM.match(line):
        number = match[1] or f"{match[2]}."
        return Block(HEADING, match[3], level=3, number=number)
    return None


@dataclass
class _Reader:
    blocks: list[Block] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # of the paragraph being read
    rows: list[tuple[str, ...]] = field(default_factory=list)
    items: list[str] = field(default_factory=list)
    level: int = 0  # of the last heading

    def flush(self) -> None:
        if self.lines:
            text = "".join(self.lines)
            if len(self.lines) == 1 and _is_label(text):
                self.blocks.append(Block(LABEL, text, level=min(self.level + 1, 4)))
            else:
                self.blocks.append(Block(PARAGRAPH, text))
            self.lines = []
        if self.rows:
            self.blocks.append(Block(TABLE, rows=tuple(self.rows)))
            self.rows = []
        if self.items:
            self.blocks.append(Block(LIST, items=tuple(self.items)))
            self.items = []

    def read(self, raw: str) -> None:
        line = raw.strip()
        if "\t" in raw.strip(" \u3000\r\n"):
            if not self.rows:
                self.flush()
            self.rows.append(tuple(cell.strip() for cell in line.split("\t")))
            return
        if not line:
            self.flush()
            return
        if match := LIST_ITEM.match(line):
            if not self.items:
                self.flush()
            self.items.append(match[1])
            return
        heading = heading_of(line)
        if heading is not None:
            self.flush()
            self.level = heading.level
            self.blocks.append(heading)
            return
        if match := CAPTION_LINE.match(line):
            self.flush()
            self.blocks.append(Block(CAPTION, match[1].strip()))
            return
        if line.startswith("※"):
            self.flush()
            self.blocks.append(Block(NOTE, line))
            return
        if self.rows or self.items:
            self.flush()
        self.lines.append(line)
        if line.endswith("。"):  # a sentence closes its paragraph even without a blank line
            self.flush()


def _is_label(text: str) -> bool:
    return len(text) <= LABEL_MAX and not text.endswith(SENTENCE_ENDS)


def parse(body: str) -> list[Block]:
    """The blocks of a section's text, in order."""
    reader = _Reader()
    for line in body.replace("\r\n", "\n").split("\n"):
        reader.read(line)
    reader.flush()
    return _attach_to_captions(reader.blocks)


def _attach_to_captions(blocks: list[Block]) -> list[Block]:
    """A caption takes the bracketed line right after it (its date and total) and the table
    after that: they print with it, or are replaced with it."""
    result: list[Block] = []
    index = 0
    while index < len(blocks):
        block = blocks[index]
        index += 1
        if block.kind != CAPTION:
            result.append(block)
            continue
        following = blocks[index] if index < len(blocks) else None
        if (
            following is not None
            and following.kind in (LABEL, PARAGRAPH)
            and BRACKETED.match(following.text)
        ):
            block = replace(block, sub=following.text)
            index += 1
            following = blocks[index] if index < len(blocks) else None
        if following is not None and following.kind == TABLE:
            block = replace(block, rows=following.rows)
            index += 1
        result.append(block)
    return result


def key(text: str) -> str:
    """A line's text for comparisons: width folded (NFKC), spaces and 【】 left out, so that
    「【NPO 法人…】」 and 「【NPO法人…】」 are the same caption."""
    folded = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s【】]", "", folded)
