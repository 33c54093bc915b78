"""Japanese search through the public directory, on PostgreSQL (DESIGN.md §5)."""

from typing import Any

import pytest

from groups.search import refresh_search_index
from kamakura_portal.db import is_postgresql
from tests.factories import CitizenGroupFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not is_postgresql(), reason="the full-text path is PostgreSQL's"),
]

URL = "/groups/"


def group(name: str, kana: str = "", **fields: Any) -> Any:
    created = CitizenGroupFactory.create(name=name, name_kana=kana or "カイ", **fields)
    refresh_search_index([created.pk])
    return created


def found(client: Any, query: str) -> list[str]:
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    return [g.name for g in response.context["page_obj"].object_list]


def test_katakana_gomi_finds_hiragana_gomi(client: Any) -> None:
    group("ごみ拾いの会", "ゴミヒロイノカイ")
    group("花の会", "ハナノカイ")
    assert found(client, "ゴミ拾い") == ["ごみ拾いの会"]


def test_a_quoted_mixed_kana_query_finds_the_kanji_spelling(client: Any) -> None:
    group("海岸クラブ", "カイガンクラブ", activities="毎月のゴミ拾い")
    group("花の会", "ハナノカイ")
    assert found(client, "「ゴミひろい」") == ["海岸クラブ"]


def test_half_width_npo_finds_full_width(client: Any) -> None:
    group("ＮＰＯ法人かまくら", "エヌピーオーホウジンカマクラ")
    group("花の会", "ハナノカイ")
    assert found(client, "NPO") == ["ＮＰＯ法人かまくら"]


def test_a_word_finds_the_compound_it_starts(client: Any) -> None:
    group("ひだまり", "ヒダマリ", activities="子育て支援の広場")
    group("花の会", "ハナノカイ", activities="花壇の手入れ")
    assert found(client, "子育て") == ["ひだまり"]


@pytest.mark.parametrize("word", ["防災", "福祉"])
def test_two_character_words_are_found(client: Any, word: Any) -> None:
    group("みんなの会", "ミンナノカイ", purpose=f"地域の{word}に取り組む")
    group("花の会", "ハナノカイ", purpose="花を育てる")
    assert found(client, word) == ["みんなの会"]


def test_a_name_match_ranks_above_a_description_match(client: Any) -> None:
    # In 五十音順 the description-only match would come first (ア before フ).
    group("あおぞら", "アオゾラ", activities="福祉の勉強会")
    group("福祉ネット", "フクシネット")
    assert found(client, "福祉") == ["福祉ネット", "あおぞら"]


def test_only_registered_groups_are_found(client: Any) -> None:
    group("福祉の会", "フクシノカイ", status="submitted")
    assert found(client, "福祉") == []


def filed(name: str, *, fields: list[str], districts: list[str]) -> Any:
    from groups.services import update_profile
    from tests.factories import ActivityFieldFactory, DistrictFactory

    created = CitizenGroupFactory.create(
        name=name, name_kana="カイ", activities="月に一度集まります。"
    )
    update_profile(
        created,
        {},
        many={
            "activity_fields": [ActivityFieldFactory.create(name=n) for n in fields],
            "districts": [DistrictFactory.create(name=n) for n in districts],
        },
    )
    return created


def test_place_and_field_words_find_the_groups_filed_under_them(client: Any) -> None:
    # Issue 13, item 5: neither word is in the texts, only in the district and the field.
    filed("ひよこクラブ", fields=["子ども・子育て"], districts=["大船"])
    filed("浜の会", fields=["自然・環境・安全・災害"], districts=["腰越"])
    assert found(client, "大船 子ども") == ["ひよこクラブ"]
    assert found(client, "こしごえ") == ["浜の会"]
    assert found(client, "環境") == ["浜の会"]


@pytest.mark.parametrize("query", ["%_\\", "'", "ー", "・", "😀"])
def test_a_keyword_of_symbols_only_says_so_and_lists_every_group(client: Any, query: str) -> None:
    group("ごみ拾いの会", "ゴミヒロイノカイ")
    group("花の会", "ハナノカイ")
    response = client.get(URL, {"q": query})
    html = response.content.decode()
    assert response.context["page_obj"].paginator.count == 2
    assert response.context["unsearchable"] is True
    assert "記号や絵文字だけでは検索できません" in html


def test_a_real_keyword_gets_no_such_notice(client: Any) -> None:
    group("花の会", "ハナノカイ")
    response = client.get(URL, {"q": "花"})
    assert response.context["unsearchable"] is False
    assert "記号や絵文字だけでは検索できません" not in response.content.decode()
