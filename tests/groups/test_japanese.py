"""groups/japanese.py: folding, フリガナ, postal codes, phone numbers and search tokens."""

import pytest
from django.core.exceptions import ValidationError

from groups import japanese


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("ＮＰＯ", "npo"),
        ("ごみ", "ゴミ"),
        ("ｶﾏｸﾗ", "カマクラ"),
        ("Ｋａｍａｋｕｒａ１", "kamakura1"),
    ],
)
def test_fold_unifies_width_case_and_kana(text, folded) -> None:
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
def test_furigana_is_stored_as_full_width_katakana(typed, stored) -> None:
    assert japanese.normalize_kana(typed) == stored
    japanese.validate_kana(stored)


@pytest.mark.parametrize("bad", ["鎌倉", "Kamakura", "カマクラ1"])
def test_furigana_with_kanji_latin_or_digits_is_refused(bad) -> None:
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
def test_a_reading_is_suggested_from_the_name(name, reading) -> None:
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
def test_postal_codes_are_normalised(typed, stored) -> None:
    assert japanese.normalize_postal_code(typed) == stored


@pytest.mark.parametrize("bad", ["248-000", "24800051", "abc-defg", "248-00o5"])
def test_bad_postal_codes_are_refused(bad) -> None:
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


def test_index_tokens_hold_surface_normalised_and_reading_forms() -> None:
    tokens = japanese.index_tokens("ゴミ拾い").split()
    assert {"ゴミ", "ヒロイ"} <= set(tokens)


def test_query_terms_drop_particles_but_keep_a_particle_only_query() -> None:
    terms = japanese.query_terms("子育ての会")
    assert all("ノ" not in alternatives for alternatives in terms)
    assert japanese.query_terms("の")


def test_query_terms_never_carry_tsquery_syntax() -> None:
    terms = japanese.query_terms("a & b | !c (d) 'e' :*")
    assert all(not set("&|!():*'") & set(token) for alternatives in terms for token in alternatives)
