"""``manage.py match_need``: the workbench's ranking on the command line, as text or JSON
(issue 14, item 8)."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from collaboration.models import DepartmentNeed
from coordination.matching import rank_groups

from .matching_factories import make_group, make_need, taxonomies  # noqa: F401 (taxonomies: a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("taxonomies")]


def run(*args: str) -> str:
    out = StringIO()
    call_command("match_need", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def need() -> DepartmentNeed:
    make_group("ごみ拾いの会", "海岸のごみ拾いをしています。", collaboration_interest="active")
    make_group("清掃の会", "海岸の清掃とごみ拾いをしています。")
    make_group("将棋の会", "将棋を指しています。")
    return make_need("海岸のごみ拾いと清掃", "ごみが多い。", "拾ってほしい。")


def test_json_is_a_list_best_first_with_the_score_parts(need: DepartmentNeed) -> None:
    items = json.loads(run(str(need.pk), "--json"))
    assert [item["name"] for item in items] == ["ごみ拾いの会", "清掃の会"]
    ranked = rank_groups(need)
    assert [item["score"] for item in items] == [c.score for c in ranked]
    first = items[0]
    assert set(first) >= {"group_id", "name", "score", "parts", "words", "explanation"}
    assert [p["key"] for p in first["parts"]] == [
        "fields",
        "text",
        "district",
        "history",
        "interest",
        "freshness",
    ]
    assert first["score"] == round(sum(p["points"] for p in first["parts"]), 1)
    assert {"need_word", "group_word", "via"} <= set(first["words"][0])


def test_top_limits_the_list(need: DepartmentNeed) -> None:
    assert len(json.loads(run(str(need.pk), "--json", "--top", "1"))) == 1


def test_the_text_shows_each_candidate_with_its_parts_and_reasons(need: DepartmentNeed) -> None:
    text = run(str(need.pk))
    assert "1. " in text and "ごみ拾いの会" in text and "2. " in text
    assert "将棋の会" not in text


def test_an_unknown_need_is_an_error() -> None:
    with pytest.raises(CommandError):
        run("999999")
