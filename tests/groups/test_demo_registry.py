import csv
import importlib.util
import io
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from accounts.demo import DEMO_GROUPS, load_demo_accounts
from accounts.services import load_departments
from groups import queries
from groups.demo import DEMO_REGISTRY, load_demo_registry
from groups.imports import COLUMNS, commit_import, plan_import, read_rows
from groups.models import CitizenGroup, Contact
from groups.reference import load_taxonomies

# Seed 001: registered groups in July 2025 (a group counted once in each of its fields).
FIELDS_2025 = {
    "まちづくり・暮らし": 112,
    "文化・芸術・スポーツ": 98,
    "子ども・子育て": 93,
    "自然・環境・安全・災害": 92,
    "保健・医療・福祉": 65,
    "生活環境・情報": 60,
    "人権・国際協力": 42,
    "観光": 14,
    "NPO 活動団体への助言支援": 7,
}


def demo_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(DEMO_REGISTRY.read_text(encoding="utf-8"))))


def test_the_committed_file_is_what_the_generator_writes() -> None:
    path = Path(settings.BASE_DIR, "scripts", "make_demo_registry.py")
    spec = importlib.util.spec_from_file_location("make_demo_registry", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(module.COLUMNS)
    writer.writerows(module.make_rows())
    assert out.getvalue() == DEMO_REGISTRY.read_text(encoding="utf-8")


def test_the_file_has_the_import_columns_and_351_distinct_fictitious_groups() -> None:
    rows = demo_rows()
    assert list(rows[0]) == list(COLUMNS)
    assert len({row["団体名"] for row in rows}) == len(rows) == 351
    assert not {row["団体名"] for row in rows} & {name for name, _kana, _email in DEMO_GROUPS}
    assert all(row["メール"].endswith("@demo.kamakura-portal.example") for row in rows)
    assert {row["状態"] for row in rows} == {"登録"}
    years = {row["登録日"][:4] for row in rows}
    assert min(years) == "2005" and max(years) == "2025"


@pytest.fixture
def demo(db: None) -> int:
    load_departments()
    load_taxonomies()
    load_demo_accounts()  # two more registered groups, with full profiles
    return load_demo_registry()


def test_the_loaded_registry_has_the_figures_of_seed_001(demo: Any) -> None:
    # The 351 imported groups give seed 001's figures; the demo accounts' two groups add
    # their own fields and types on top.
    assert demo == 351
    accounts_groups = CitizenGroup.objects.filter(name__in=[name for name, *_ in DEMO_GROUPS])
    extra_fields = Counter(
        field.name for group in accounts_groups for field in group.activity_fields.all()
    )
    fields = {figure.label: figure.count for figure in queries.groups_by_activity_field()}
    assert fields == {name: n + extra_fields[name] for name, n in FIELDS_2025.items()}
    types = {figure.label: figure.count for figure in queries.groups_by_organization_type()}
    assert (types["任意団体"], types["NPO法人"]) == (260 + 1, 65 + 1)
    others = sum(count for label, count in types.items() if label not in {"任意団体", "NPO法人"})
    assert others == 26
    assert queries.registered_total() == 351 + len(DEMO_GROUPS)


def test_every_demo_group_has_a_field_a_district_and_private_contacts(demo: Any) -> None:
    imported = CitizenGroup.objects.exclude(name__in=[name for name, *_ in DEMO_GROUPS])
    assert not imported.filter(activity_fields=None).exists()
    assert not imported.filter(districts=None).exists()
    assert not Contact.objects.filter(group__in=imported, phone_public=True).exists()


def test_loading_the_demo_registry_twice_changes_nothing(demo: Any) -> None:
    count = CitizenGroup.objects.count()
    assert load_demo_registry() == 0
    assert CitizenGroup.objects.count() == count


@pytest.mark.django_db
def test_the_registry_imports_from_cp932_as_excel_saves_it() -> None:
    load_taxonomies()
    data = DEMO_REGISTRY.read_text(encoding="utf-8").replace("\n", "\r\n").encode("cp932")
    plan = plan_import(read_rows(data, "団体名簿.csv"))
    assert plan.is_valid, plan.errors[:3]
    assert commit_import(plan, actor=None) == 351
    multi = CitizenGroup.objects.get(name=demo_rows()[0]["団体名"])
    assert multi.activity_fields.count() == 2


def test_the_demo_is_searchable_at_once_without_a_worker(
    db: None, client: Any, django_capture_on_commit_callbacks: Any
) -> None:
    load_departments()
    load_taxonomies()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        load_demo_registry()
    # Tokenised in the import's transaction: no task waits for a worker.
    assert [c for c in callbacks if c.__module__ == "kamakura_portal.celery"] == []
    first = CitizenGroup.objects.order_by("pk").first()
    assert first is not None
    found = client.get("/groups/", {"q": first.name}).content.decode()
    assert first.name in found
