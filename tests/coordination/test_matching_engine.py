"""Ranking groups for a department need (issue 14, items 1–3): who is a candidate, the hard
filters, each part of the score with its reason, words found directly or through a synonym,
and a query count that does not grow with the candidates."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from collaboration.models import Proposal
from coordination.matching import Filters, WordMatch, rank_groups
from groups.models import CitizenGroup, District
from kamakura_portal.synonyms import CIVIC, NORMALISED, SUDACHI, via_label

from .matching_factories import TODAY, make_group, make_need, organisation, taxonomies  # noqa: F401 (taxonomies: a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("taxonomies")]

FOOD = "フードドライブで家庭の余った食品を集めたい"


def names(candidates: list[Any]) -> list[str]:
    return [candidate.group.name for candidate in candidates]


def part(candidate: Any, key: str) -> Any:
    return next(p for p in candidate.parts if p.key == key)


def test_only_groups_registered_and_valid_today_are_candidates() -> None:
    text = "フードバンクで食品を集めて配っています。"
    make_group("登録中の会", text)
    make_group("更新を忘れた会", text, valid_until=datetime.date(2026, 3, 31))
    for status in ("renewal_due", "suspended", "archived", "submitted", "draft"):
        make_group(f"{status}の会", text, status=status)
    need = make_need("食品の寄付を集めるフードバンク", FOOD)
    assert names(rank_groups(need, today=TODAY)) == ["登録中の会"]


def test_a_group_sharing_neither_a_word_nor_a_field_is_not_a_candidate() -> None:
    make_group("将棋の会", "子ども向けの将棋教室を開いています。", fields=("kodomo-kosodate",))
    need = make_need("食品の寄付", FOOD, fields=("seikatsu-kankyo-joho",))
    assert rank_groups(need, today=TODAY) == []


def test_a_group_found_through_the_centres_synonyms_says_so() -> None:
    make_group("フードバンク鎌倉", "余った食べ物をフードバンクとして届けています。")
    need = make_need("食品ロスの削減", "まだ食べられる食品ロスが多い。", "協力してほしい。")
    [candidate] = rank_groups(need, today=TODAY)
    assert WordMatch("食品ロス", "フードバンク", via_label(CIVIC)) in candidate.words
    assert "フードバンク" in candidate.explanation


def test_a_group_found_through_the_sudachi_synonym_dictionary_says_so() -> None:
    make_group("みどりの会", "公園の掃除を毎月しています。")
    need = make_need("公園の清掃", "落ち葉が多い。", "清掃に協力してほしい。")
    [candidate] = rank_groups(need, today=TODAY)
    assert WordMatch("清掃", "掃除", via_label(SUDACHI)) in candidate.words


def test_a_word_written_otherwise_is_found_through_its_normalised_form() -> None:
    make_group("古家の会", "空き家を直して集会所にしています。")
    need = make_need("空家の利活用", "空家が増えている。", "改修して使いたい。")
    [candidate] = rank_groups(need, today=TODAY)
    assert WordMatch("空家", "空き家", via_label(NORMALISED)) in candidate.words


def test_a_direct_match_outranks_one_through_a_synonym() -> None:
    make_group("子育ての会", "子育ての相談を受けています。")
    make_group("育児の会", "育児の相談を受けています。")
    need = make_need("育児の相談", "育児に悩む家庭がある。", "相談の場を求める。")
    assert names(rank_groups(need, today=TODAY)) == ["育児の会", "子育ての会"]


def test_city_wide_counts_in_every_district() -> None:
    text = "海岸のごみ拾いをしています。"
    make_group("市内全域の会", text, districts=("shinai-zeniki",))
    make_group("大船の会", text, districts=("ofuna",))
    make_group("腰越の会", text, districts=("koshigoe",))
    make_group("市外の会", text, districts=("shigai",))
    need = make_need("海岸のごみ拾い", "ごみが多い。", "拾ってほしい。", districts=("ofuna",))
    points = {c.group.name: part(c, "district").points for c in rank_groups(need, today=TODAY)}
    assert points == {"市内全域の会": 10, "大船の会": 10, "腰越の会": 0, "市外の会": 0}


def test_the_share_of_the_needs_fields_gives_the_field_points() -> None:
    make_group("両方の会", "海岸のごみ拾い", fields=("shizen-kankyo-anzen-saigai", "kanko"))
    make_group("片方の会", "海岸のごみ拾い", fields=("kanko",))
    need = make_need(
        "海岸のごみ拾い", "ごみ", "拾う", fields=("shizen-kankyo-anzen-saigai", "kanko")
    )
    ranked = rank_groups(need, today=TODAY)
    assert [part(c, "fields").points for c in ranked] == [25, 12.5]
    detail = part(ranked[0], "fields").detail
    assert "自然・環境・安全・災害" in detail and "観光" in detail


def test_interest_and_freshness_are_parts_of_the_score() -> None:
    text = "海岸のごみ拾いをしています。"
    make_group("積極的な会", text, collaboration_interest="active")
    make_group("今は考えていない会", text, collaboration_interest="not_now")
    make_group(
        "昨年度の会", text, collaboration_interest="active", registered_on=TODAY.replace(year=2025)
    )
    need = make_need("海岸のごみ拾い", "ごみ", "拾う")
    by_name = {c.group.name: c for c in rank_groups(need, today=TODAY)}
    assert part(by_name["積極的な会"], "interest").points == 10
    assert part(by_name["今は考えていない会"], "interest").points == 0
    assert part(by_name["積極的な会"], "freshness").points == 10
    assert part(by_name["昨年度の会"], "freshness").points == 5
    assert names(rank_groups(need, today=TODAY))[0] == "積極的な会"


def test_past_collaborations_with_this_department_count_more(
    dept_own: Any, dept_other: Any
) -> None:
    text = "海岸のごみ拾いをしています。"
    with_us = make_group("当課と組んだ会", text)
    elsewhere = make_group("他課と組んだ会", text)
    make_group("初めての会", text)
    Proposal.objects.create(
        proposer_side="group", proposing_group=with_us, title="浜の清掃", status="in_progress"
    ).counterpart_departments.add(dept_own)
    Proposal.objects.create(
        proposer_side="city", proposing_department=dept_other, title="川の清掃", status="adopted"
    ).counterpart_groups.add(elsewhere)
    Proposal.objects.create(
        proposer_side="group", proposing_group=elsewhere, title="下書き", status="draft"
    )
    need = make_need("海岸のごみ拾い", "ごみ", "拾う", department=dept_own)
    ranked = rank_groups(need, today=TODAY)
    points = {c.group.name: part(c, "history").points for c in ranked}
    assert points == {"当課と組んだ会": 7, "他課と組んだ会": 3, "初めての会": 0}
    assert names(ranked) == ["当課と組んだ会", "他課と組んだ会", "初めての会"]


def test_the_score_is_the_sum_of_its_parts_and_the_line_names_the_reasons() -> None:
    make_group(
        "フードバンク鎌倉",
        "余った食べ物をフードバンクとして届けています。",
        fields=("seikatsu-kankyo-joho",),
        districts=("shinai-zeniki",),
        collaboration_interest="active",
    )
    need = make_need(
        "食品ロスの削減", "食品ロスが多い。", "協力を。", fields=("seikatsu-kankyo-joho",)
    )
    [candidate] = rank_groups(need, today=TODAY)
    assert candidate.score == round(sum(p.points for p in candidate.parts), 1)
    assert [p.key for p in candidate.parts] == [
        "fields",
        "text",
        "district",
        "history",
        "interest",
        "freshness",
    ]
    line = candidate.explanation
    assert "生活環境・情報" in line and "フードバンク" in line and "\n" not in line
    assert "フードバンク" in candidate.reason_for_group


def test_hard_filters_come_before_scoring() -> None:
    text = "海岸のごみ拾いをしています。"
    make_group(
        "NPOの会",
        text,
        fields=("kanko",),
        districts=("ofuna",),
        organization_type=organisation("npo"),
        collaboration_interest="active",
    )
    make_group(
        "任意の会",
        text,
        fields=("shizen-kankyo-anzen-saigai",),
        districts=("shinai-zeniki",),
        organization_type=organisation("nin-i"),
        collaboration_interest="depends",
    )
    need = make_need("海岸のごみ拾い", "ごみ", "拾う")
    npo = organisation("npo")
    kanko = need.activity_fields.model.objects.get(code="kanko")
    ofuna = District.objects.get(code="ofuna")
    koshigoe = District.objects.get(code="koshigoe")

    def ranked(**filters: Any) -> list[str]:
        return sorted(names(rank_groups(need, filters=Filters(**filters), today=TODAY)))

    assert ranked() == ["NPOの会", "任意の会"]
    assert ranked(fields=(kanko.pk,)) == ["NPOの会"]
    assert ranked(districts=(ofuna.pk,)) == ["NPOの会", "任意の会"]  # 市内全域 too
    assert ranked(districts=(koshigoe.pk,)) == ["任意の会"]
    assert ranked(organisation_types=(npo.pk,)) == ["NPOの会"]
    assert ranked(organisation_types=("nin-i",)) == ["任意の会"]
    assert ranked(interests=("active",)) == ["NPOの会"]


def test_the_limit_keeps_the_best() -> None:
    for number in range(4):
        make_group(f"会{number}", "海岸のごみ拾い" + "と海岸の清掃" * number)
    need = make_need("海岸のごみ拾いと清掃", "ごみ", "拾う")
    assert len(rank_groups(need, limit=2, today=TODAY)) == 2


def _groups_sharing(count: int) -> None:
    for number in range(count):
        group = make_group(
            f"海の会{number}",
            "海岸のごみ拾いをしています。",
            fields=("shizen-kankyo-anzen-saigai",),
            districts=("kamakura",),
        )
        Proposal.objects.create(
            proposer_side="group", proposing_group=group, title="浜の清掃", status="adopted"
        )


@pytest.mark.parametrize("count", [2, 12])
def test_the_queries_do_not_grow_with_the_candidates(
    count: int, django_assert_num_queries: Any
) -> None:
    _groups_sharing(count)
    need = make_need(
        "海岸のごみ拾い", "ごみが多い。", "拾ってほしい。", fields=("shizen-kankyo-anzen-saigai",)
    )
    need = type(need).objects.get(pk=need.pk)
    # Cold caches: the civic synonyms and the search statistics are read once, then kept
    # (kamakura_portal.cached; the statistics for SHARES_SECONDS).
    with django_assert_num_queries(7):
        rank_groups(need, today=TODAY)
    # 1 the need's fields and districts; 2 the pool: the rows of the best groups by the
    # need's words and of the groups sharing a field; 3 the candidates' fields and
    # districts; 4 the proposals they made or partnered, with those proposals' partner
    # departments; 5 the returned groups' profiles.
    with django_assert_num_queries(5):
        ranked = rank_groups(need, today=TODAY)
    assert len(ranked) == count
    assert all(part(c, "history").points == 3 for c in ranked)
    assert all(c.group.organization_type_id is None for c in ranked)


def test_a_group_on_the_list_is_a_full_profile(django_assert_num_queries: Any) -> None:
    make_group("海の会", "海岸のごみ拾い", organization_type=organisation("npo"))
    need = make_need("海岸のごみ拾い", "ごみ", "拾う")
    [candidate] = rank_groups(need, today=TODAY)
    with django_assert_num_queries(0):
        assert str(candidate.group.organization_type) == "NPO法人"
        assert isinstance(candidate.group, CitizenGroup) and candidate.group.activities
