"""The reading of a plan section's text into the booklet's blocks, on the real bodies of the
2026 guideline (measures/data) and on the shapes they do not have."""

from __future__ import annotations

import json
import re
import unicodedata

import pytest
from django.conf import settings

from reports.kinds.booklet_text import (
    CAPTION,
    HEADING,
    LABEL,
    LIST,
    NOTE,
    PARAGRAPH,
    TABLE,
    Block,
    heading_of,
    key,
    parse,
)

DATA = settings.BASE_DIR / "measures" / "data" / "kamakura-guideline-2026.json"
SECTIONS = {s["number"]: s["body"] for s in json.loads(DATA.read_text("utf-8"))["sections"]}


def headings(blocks: list[Block], level: int) -> list[str]:
    return [f"{b.number} {b.text}" for b in blocks if b.kind == HEADING and b.level == level]


def folded(text: str) -> str:
    return re.sub(r"[\s【】]", "", unicodedata.normalize("NFKC", text))


def printed(block: Block) -> str:
    """Everything a block prints, in order."""
    cells = "".join("".join(row) for row in block.rows)
    return block.number + block.text + block.sub + cells + "".join(block.items)


@pytest.mark.parametrize("number", sorted(SECTIONS))
def test_nothing_of_a_2026_section_is_lost_or_reordered(number: str) -> None:
    body = re.sub(r"(?m)^- ", "", SECTIONS[number])
    assert folded("".join(printed(block) for block in parse(body))) == folded(body)


def test_the_subsections_of_section_3_and_their_points_are_headings() -> None:
    blocks = parse(SECTIONS["3"])
    assert headings(blocks, 1) == ["(1) 市民活動の現状", "(2) 市民活動の課題", "(3) 協働の課題"]
    assert headings(blocks, 2) == [
        "ア 市民活動センター登録団体数の推移と活動状況",
        "イ 活動分野一覧",
        "ウ 組織形態別団体数",
    ]


def test_full_width_subsection_numbers_read_as_the_others() -> None:
    assert headings(parse(SECTIONS["2"]), 1) == [
        "(1) 市民等",
        "(2) 市民活動",
        "(3) 市民活動団体等",
        "(4) 中間支援組織",
        "(5) 協働",
    ]
    assert headings(parse(SECTIONS["4"]), 1)[1] == "(2) 市民等の役割"


def test_a_sentence_that_starts_with_a_number_stays_a_paragraph() -> None:
    blocks = parse(SECTIONS["2"])
    sentence = next(b for b in blocks if b.text.startswith("（１）の「市民等」"))
    assert sentence.kind == PARAGRAPH
    assert heading_of("（１）の「市民等」の中に含まれます。") is None


def test_a_caption_takes_its_date_line_and_its_table() -> None:
    blocks = parse(SECTIONS["3"])
    captions = [b for b in blocks if b.kind == CAPTION]
    assert [c.text for c in captions] == [
        "NPO 法人（特定非営利活動法人）数及び市民活動センター登録団体数",
        "市民活動センター登録団体 活動分野別一覧",
        "市民活動センターに登録している組織形態別団体数",
    ]
    fields = captions[1]
    assert fields.sub == "（令和 7 年（2025 年）7 月時点 計 351 団体）"
    assert fields.header == ("活動分野", "団体数")
    assert fields.body_rows[0] == ("まちづくり・暮らし", "112")
    assert len(fields.body_rows) == 9
    assert captions[2].sub.startswith("(令和 7 年") and not captions[2].rows
    assert not [b for b in blocks if b.kind == TABLE]  # the table went with its caption
    notes = [b.text[:5] for b in blocks if b.kind == NOTE]
    assert notes == ["※出所：内", "※市民活動", "※一つの団", "※活動分野"]


def test_short_lines_that_are_not_sentences_are_labels_under_their_heading() -> None:
    labels = [(b.text, b.level) for b in parse(SECTIONS["3"]) if b.kind == LABEL]
    assert labels == [("市民活動団体の課題", 2), ("市の課題", 2)]
    role = parse(SECTIONS["4"])
    assert [(b.text, b.level) for b in role if b.kind == LABEL] == [
        ("鎌倉市市民活動センターの基本的な役割", 2),
        ("市民活動を推進するための取組", 2),
    ]
    assert headings(role, 3)[0] == "① 情報、資金、ボランティアなど社会資源の分配"


def test_list_items_keep_their_own_numbers() -> None:
    lists = [b for b in parse(SECTIONS["5"]) if b.kind == LIST]
    assert len(lists) == 1
    assert lists[0].items[0].startswith("(1) 市及び市民活動を行うものは")
    assert len(lists[0].items) == 4


def test_lines_without_blank_lines_between_them_still_part_where_a_sentence_ends() -> None:
    body = (
        "(1)市民活動の現状\n一つ目の文です。\n二つ目の文です。\n見出しのような行\n"
        "• 項目一\n• 項目二\n1. 場の提供\n分野\t数\n観光\t14\n※注です。"
    )
    blocks = parse(body)
    assert [b.kind for b in blocks] == [
        HEADING,
        PARAGRAPH,
        PARAGRAPH,
        LABEL,
        LIST,
        HEADING,
        TABLE,
        NOTE,
    ]
    assert blocks[0].number == "(1)" and blocks[5].number == "1." and blocks[5].level == 3
    assert blocks[6].rows == (("分野", "数"), ("観光", "14"))


def test_a_caption_is_known_whatever_its_spaces_and_widths() -> None:
    assert key("【NPO 法人 数】") == key("NPO法人数") == key("ＮＰＯ法人　数")
