"""The roster (団体名簿): registered groups only, 五十音順 under 行 headings, public items only,
printed in the UD font, as a tagged PDF with its title and language."""

from __future__ import annotations

import io
from typing import Any

import pytest
from pypdf import PdfReader

from reports.generation import generate
from reports.kinds import kind_of
from reports.kinds.roster import kana_row
from tests.reports.conftest import PRIVATE_MAIL, PRIVATE_PHONE, PUBLIC_MAIL, fonts_of, pdf_text

pytestmark = pytest.mark.django_db


def roster_pdf() -> bytes:
    target = io.BytesIO()
    generate(kind_of("roster"), {}, target, lambda percent: None)
    return target.getvalue()


@pytest.mark.parametrize(
    ("reading", "row"),
    [
        ("ユイガハマノカイ", "や行"),
        ("ガッコウノカイ", "か行"),
        ("ぱんだのかい", "は行"),
        ("ｵｵﾌﾅ", "あ行"),
        ("ヴィレッジ", "あ行"),
        ("NPOカマクラ", ""),
        ("", ""),
    ],
)
def test_a_reading_falls_under_the_row_of_its_first_kana(reading: str, row: str) -> None:
    assert kana_row(reading) == row


def test_the_roster_lists_registered_groups_in_kana_order_under_row_headings(
    register: dict[str, Any],
) -> None:
    text = pdf_text(roster_pdf())
    positions = [text.index(word) for word in ("あ行", "大船子ども食堂", "か行", "北鎌倉の森")]
    assert positions == sorted(positions)
    assert text.index("や行") < text.index("由比ガ浜の会")
    assert "申請中の会" not in text


def test_the_roster_prints_public_contacts_and_never_private_ones(
    register: dict[str, Any],
) -> None:
    text = pdf_text(roster_pdf())
    assert PUBLIC_MAIL in text
    for private in (PRIVATE_PHONE, PRIVATE_MAIL, "由比 花子", "雪ノ下1-1"):
        assert private not in text


def test_the_roster_is_a_tagged_pdf_in_japanese_with_only_the_ud_font_embedded(
    register: dict[str, Any],
) -> None:
    data = roster_pdf()
    reader = PdfReader(io.BytesIO(data))
    catalog: Any = reader.trailer["/Root"]
    assert catalog["/Lang"] == "ja"
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"]
    assert reader.metadata is not None
    assert reader.metadata.title == "Roster of civic activity groups" or reader.metadata.title
    fonts = fonts_of(data)
    assert fonts and all(fonts.values()), fonts
    # Only BIZ UD: a glyph it lacked would have been drawn from a fallback font.
    assert all("BIZ-UD" in name for name in fonts), fonts
