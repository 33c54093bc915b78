"""The registry's taxonomies, loaded from groups/data/taxonomies.json."""

import pytest

from groups.models import ActivityField, Challenge, District, OrganizationType
from groups.reference import load_taxonomies

pytestmark = pytest.mark.django_db

CENTRE_FIELDS_2025 = [
    "まちづくり・暮らし",
    "文化・芸術・スポーツ",
    "子ども・子育て",
    "自然・環境・安全・災害",
    "保健・医療・福祉",
    "生活環境・情報",
    "人権・国際協力",
    "観光",
    "NPO 活動団体への助言支援",
]


def test_the_centre_fields_are_the_nine_of_seed_001_in_its_order() -> None:
    load_taxonomies()
    names = ActivityField.objects.filter(taxonomy="centre").values_list("name", flat=True)
    assert list(names) == CENTRE_FIELDS_2025


def test_the_npo_act_fields_are_twenty() -> None:
    load_taxonomies()
    fields = ActivityField.objects.filter(taxonomy="npo_act")
    assert fields.count() == 20
    assert fields[0].name == "保健、医療又は福祉の増進を図る活動"


def test_districts_and_organisation_types() -> None:
    load_taxonomies()
    assert list(District.objects.values_list("name", flat=True)) == [
        "鎌倉",
        "腰越",
        "深沢",
        "大船",
        "玉縄",
        "市内全域",
        "市外",
    ]
    types = list(OrganizationType.objects.values_list("name", flat=True))
    assert types[:2] == ["任意団体", "NPO法人"]
    assert len(types) == 12
    assert Challenge.objects.filter(name="活動資金・資器材の調達").exists()


def test_loading_twice_keeps_staff_edits() -> None:
    load_taxonomies()
    District.objects.filter(code="kamakura").update(name="鎌倉地域", is_active=False)
    before = District.objects.count()
    load_taxonomies()
    kamakura = District.objects.get(code="kamakura")
    assert (kamakura.name, kamakura.is_active) == ("鎌倉地域", False)
    assert District.objects.count() == before
