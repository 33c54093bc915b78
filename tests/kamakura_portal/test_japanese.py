"""kamakura_portal/japanese.py: folding, フリガナ, postal codes, phone numbers, morphemes."""

import pytest
from django.core.exceptions import ValidationError

from kamakura_portal import japanese


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("ＮＰＯ", "npo"),
        ("ごみ", "ゴミ"),
        ("ｶﾏｸﾗ", "カマクラ"),
        ("Ｋａｍａｋｕｒａ１", "kamakura1"),
    ],
)
def test_fold_unifies_width_case_and_kana(text: str, folded: str) -> None:
    assert japanese.fold(text) == folded


def test_matching_key_ignores_spaces_and_width() -> None:
    assert japanese.matching_key(" NPO 活動団体への助言支援 ") == japanese.matching_key(
        "ＮＰＯ活動団体への助言支援"
    )


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("ゆいがはま", "ユイガハマ"),
        ("ﾕｲｶﾞﾊﾏ", "ユイガハマ"),
        ("カマクラ  ハナコ", "カマクラ\u3000ハナコ"),
        ("ヴァイオリンのかい", "ヴァイオリンノカイ"),
    ],
)
def test_furigana_is_stored_as_full_width_katakana(typed: str, stored: str) -> None:
    assert japanese.normalize_kana(typed) == stored
    japanese.validate_kana(stored)


@pytest.mark.parametrize("bad", ["鎌倉", "Kamakura", "カマクラ1"])
def test_furigana_with_kanji_latin_or_digits_is_refused(bad: str) -> None:
    with pytest.raises(ValidationError):
        japanese.validate_kana(japanese.normalize_kana(bad))


def test_ke_and_prolonged_sound_are_katakana() -> None:
    japanese.validate_kana("ヶ　ヴ　ー")


@pytest.mark.parametrize(
    ("name", "reading"),
    [
        ("由比ガ浜ビーチクリーンの会", "ユイガハマビーチクリーンノカイ"),
        ("大船子育てネットワーク", "オオフナコソダテネットワーク"),
        ("七里ガ浜自治会", "シチリガハマジチカイ"),
        ("深沢 おはなしの会", "フカサワ\u3000オハナシノカイ"),
    ],
)
def test_a_reading_is_suggested_from_the_name(name: str, reading: str) -> None:
    assert japanese.suggest_kana(name) == reading


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("2480005", "248-0005"),
        ("〒２４８ー０００５", "248-0005"),
        ("248－0005", "248-0005"),
        ("", ""),
    ],
)
def test_postal_codes_are_normalised(typed: str, stored: str) -> None:
    assert japanese.normalize_postal_code(typed) == stored


@pytest.mark.parametrize("bad", ["248-000", "24800051", "abc-defg", "248-00o5"])
def test_bad_postal_codes_are_refused(bad: str) -> None:
    with pytest.raises(ValidationError):
        japanese.normalize_postal_code(bad)


def test_the_address_comes_from_offline_postal_data() -> None:
    assert japanese.address_for_postal_code("247-0056") == "神奈川県鎌倉市大船"
    assert japanese.address_for_postal_code("２４８ー００１４") == "神奈川県鎌倉市由比ガ浜"
    assert japanese.address_for_postal_code("000-0000") == ""
    assert japanese.address_for_postal_code("nonsense") == ""


def test_phone_numbers_are_normalised() -> None:
    assert japanese.normalize_phone("０４６７（２３）３０００") == "0467-23-3000"
    assert japanese.normalize_phone("0467 23 3000") == "0467-23-3000"
    with pytest.raises(ValidationError):
        japanese.normalize_phone("電話してください")


@pytest.mark.parametrize(
    ("text", "kana"),
    [
        ("こそだて", True),
        ("ゴミひろい", True),
        ("ヨミキカセー", True),
        ("子育て", False),
        ("npo", False),
    ],
)
def test_is_kana_tells_a_reading_from_other_writing(text: str, kana: bool) -> None:
    assert japanese.is_kana(text) is kana


def test_a_kamakura_place_name_is_one_morpheme_with_its_local_reading() -> None:
    alone = list(japanese.morphemes("深沢"))
    in_text = [m for m in japanese.morphemes("大船と深沢の子育て") if m.pos == "名詞"]
    assert [(m.surface, m.reading) for m in alone] == [("深沢", "フカサワ")]
    assert [(m.surface, m.reading) for m in in_text] == [
        ("大船", "オオフナ"),
        ("深沢", "フカサワ"),
        ("子育て", "コソダテ"),
    ]


def test_morphemes_are_short_units_unless_long_ones_are_asked_for() -> None:
    assert [m.surface for m in japanese.morphemes("ごみ拾い")] == ["ごみ", "拾い"]
    assert [m.surface for m in japanese.morphemes("ごみ拾い", long_units=True)] == ["ごみ拾い"]
