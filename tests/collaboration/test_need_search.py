"""collaboration/search.py: a department need's text is searched with the groups' Japanese
folding, and stays current through ``save_need`` and the demo loader."""

from __future__ import annotations

from typing import Any

import pytest

from accounts.demo import load_demo_accounts
from accounts.services import load_departments
from collaboration.demo import load_demo_collaboration
from collaboration.models import DepartmentNeed
from collaboration.reference import load_programs
from collaboration.search import search_needs
from collaboration.services.needs import save_need
from groups.reference import load_taxonomies

pytestmark = pytest.mark.django_db


def fields(department: Any, **changes: str) -> dict[str, Any]:
    return {
        "department": department,
        "title": "ＮＰＯと進めるゴミの減量",
        "background": "ごみの出し方が子育て世帯に届いていません。",
        "wanted": "分別の説明会を一緒に開いてくれる団体。",
        **changes,
    }


def found(query: str) -> list[str]:
    return [need.title for need in search_needs(DepartmentNeed.objects.all(), query)]


@pytest.fixture
def posted(city_staff: Any, dept_own: Any) -> DepartmentNeed:
    return save_need(None, city_staff, fields(dept_own))


@pytest.mark.parametrize("query", ["ごみ", "ゴミ", "NPO", "ＮＰＯ", "こそだて", "子育て"])
def test_a_posted_need_is_found_with_the_groups_folding(posted: DepartmentNeed, query: str) -> None:
    assert found(query) == [posted.title]


def test_a_word_in_the_subject_ranks_the_need_above_one_in_the_background(
    posted: DepartmentNeed, city_staff: Any, dept_own: Any
) -> None:
    # Newest first would put the second need first.
    save_need(None, city_staff, fields(dept_own, title="説明会の運営", background="ゴミ"))
    assert found("ゴミ") == [posted.title, "説明会の運営"]


def test_an_edit_re_indexes_the_need(
    posted: DepartmentNeed, city_staff: Any, dept_own: Any
) -> None:
    edited = fields(dept_own, title="花壇の手入れ", background="公園の花壇が荒れています。")
    save_need(posted, city_staff, edited)
    assert found("ごみ") == []
    assert found("かだん") == ["花壇の手入れ"]


def test_a_word_the_need_does_not_hold_does_not_find_it(posted: DepartmentNeed) -> None:
    assert found("ふかさわ") == []


def test_the_demo_needs_are_indexed() -> None:
    load_departments()
    load_taxonomies()
    load_programs()
    load_demo_accounts()
    load_demo_collaboration()
    assert not DepartmentNeed.objects.filter(search_name="").exists()
    assert set(found("こそだて")) == {
        "子育て世代に届く広報紙面づくりへの協力",
        "市民活動フェアの企画・運営への参加",
        "市の情報発信の多言語化・「やさしい日本語」化への協力",
    }
    assert found("みまもり") == ["ひとり暮らし高齢者の見守りと、気軽に立ち寄れる居場所づくり"]
