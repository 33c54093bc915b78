"""A generated plan (:data:`~.context.PLAN_CODE`) shaped like Kamakura's guideline: its tiers
and category tree, as many measures as asked with lead departments and planned steps, and
``--years`` fiscal years of progress reports: past years approved and published, the current
one at every step of the workflow, with progress, grades and an indicator each."""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings

from kamakura_portal.dates import fiscal_year_end
from measures.models import (
    Category,
    IndicatorValue,
    Measure,
    Plan,
    PlannedStep,
    PlanSection,
    ProgressReport,
    ReportingRound,
    Tier,
)

from .bulk import Ids
from .context import CHUNK, PLAN_CODE, Run, pick
from .people import People

GUIDELINE = Path(settings.BASE_DIR) / "measures" / "data" / "kamakura-guideline-2020.json"
Status = ProgressReport.Status
Progress = ProgressReport.Progress
AREAS = ["", "", "鎌倉地域", "腰越地域", "深沢地域", "大船地域", "玉縄地域", "全市"]
CURRENT_YEAR = [
    (Status.DRAFT, 25), (Status.SUBMITTED, 25), (Status.RETURNED, 10),
    (Status.APPROVED, 15), (Status.PUBLISHED, 25),
]  # fmt: skip
PROGRESS = [
    (Progress.NOT_STARTED, 5), (Progress.UNDER_STUDY, 15), (Progress.IN_PROGRESS, 40),
    (Progress.COMPLETED, 10), (Progress.ONGOING, 27), (Progress.DISCONTINUED, 3),
]  # fmt: skip
GRADES = [("S", 10), ("A", 50), ("B", 30), ("C", 10)]
INDICATORS = [
    ("参加団体数", "団体"),
    ("講座の開催回数", "回"),
    ("参加者数", "人"),
    ("相談件数", "件"),
]
ACHIEVEMENTS = [
    "関係団体との打合せを重ね、取組の周知を行った。",
    "市民活動センターと連携して講座を開催し、多くの団体が参加した。",
    "庁内の関係課と調整し、次年度からの実施に向けた準備を進めた。",
]
ISSUES = ["担い手の確保と情報の届け方に課題が残る。", "予算の確保が課題である。", "特になし。"]
NEXT_STEPS = ["市民活動センターと連携して取組を広げる。", "実施方法を見直し、対象を拡大する。"]


def make_measures(run: Run, people: People) -> None:
    guideline = json.loads(GUIDELINE.read_text(encoding="utf-8"))
    plan = Ids(Plan).take()
    start = run.fiscal_year - run.sizes.years + 1
    run.table(
        Plan, ["id", "municipality", "code", "title", "edition", "edition_year",
               "start_fiscal_year", "end_fiscal_year", "source_note"]
    ).copy([{
        "id": plan, "municipality": settings.PORTAL_MUNICIPALITY, "code": PLAN_CODE,
        "title": "市民活動と協働を推進するための計画", "edition": "生成データ（規模の検証用）",
        "edition_year": start, "start_fiscal_year": start, "end_fiscal_year": run.fiscal_year + 4,
        "source_note": "manage.py seed_scale が作成した架空の計画です。",
    }])  # fmt: skip
    # The guideline's own text, so that the booklet of a plan of this size can be printed.
    run.table(PlanSection, ["plan_id", "number", "title", "body", "sort_order"]).copy(
        {"plan_id": plan, "number": spec["number"], "title": spec["title"],
         "body": spec["body"], "sort_order": n}
        for n, spec in enumerate(guideline["sections"])
    )  # fmt: skip
    tier_ids, category_ids = Ids(Tier), Ids(Category)
    tiers = {spec["code"]: tier_ids.take() for spec in guideline["tiers"]}
    run.table(Tier, ["id", "plan_id", "code", "label", "description", "sort_order"]).copy(
        {"id": tiers[spec["code"]], "plan_id": plan, "code": spec["code"], "label": spec["label"],
         "description": spec["description"], "sort_order": n}
        for n, spec in enumerate(guideline["tiers"])
    )  # fmt: skip
    categories, leaves = [], {}
    for n, top in enumerate(guideline["categories"]):
        parent = category_ids.take()
        categories.append(_category(parent, plan, None, top, n))
        for m, child in enumerate(top["children"]):
            leaves[child["code"]] = category_ids.take()
            categories.append(_category(leaves[child["code"]], plan, parent, child, m))
    run.table(Category, list(categories[0])).copy(categories)
    _measures(run, people, guideline["measures"], plan, tiers, leaves, start)


def _category(pk: int, plan: int, parent: int | None, spec: dict[str, Any], order: int) -> dict:
    return {
        "id": pk,
        "plan_id": plan,
        "parent_id": parent,
        "code": spec["code"],
        "label": spec["label"],
        "title": spec["title"],
        "description": "",
        "sort_order": order,
    }


def _measures(
    run: Run,
    people: People,
    material: list[dict[str, Any]],
    plan: int,
    tiers: dict[str, int],
    leaves: dict[str, int],
    start: int,
) -> None:
    rng = run.rng("measures")
    departments = list(people.departments.values())
    measure_ids = Ids(Measure)
    rounds = [
        {
            "plan_id": plan,
            "fiscal_year": year,
            "deadline": (
                run.today + datetime.timedelta(days=21)
                if year == run.fiscal_year
                else datetime.date(year + 1, 5, 31)
            ),
            "created_by_id": people.secretariat[0],
        }
        for year in range(start, run.fiscal_year + 1)
    ]
    run.table(ReportingRound, list(rounds[0])).copy(rounds)
    rows = run.batch(
        {
            "measures": Measure,
            "leads": Measure.lead_departments.through,
            "related": Measure.related.through,
            "steps": PlannedStep,
            "reports": ProgressReport,
            "indicators": IndicatorValue,
        }
    )
    report_ids = Ids(ProgressReport)
    for first in range(0, run.sizes.measures, CHUNK):
        for n in range(first, min(first + CHUNK, run.sizes.measures)):
            base = material[n % len(material)]
            pk = measure_ids.take()
            area = rng.choice(AREAS)
            rows["measures"].append(
                {
                    "id": pk,
                    "plan_id": plan,
                    "category_id": leaves.get(base["category"]),
                    "code": f"{base['code']}-{n // len(material) + 1}",
                    "title": f"{base['title']}（{area}）" if area else base["title"],
                    "description": base["description"],
                    "need": "",
                    "tier_id": tiers.get(base["tier"]),
                    "is_priority": base["is_priority"],
                    "carried_over": False,
                    "estimated_cost": Decimal(rng.randrange(0, 5_000_000, 10_000)),
                    "estimated_cost_text": "",
                    "sort_order": n,
                    "predecessor_id": None,
                }
            )
            leads = rng.sample(departments, min(len(departments), pick(rng, [(1, 75), (2, 25)])))
            rows["leads"].extend([{"measure_id": pk, "department_id": d} for d in leads])
            if n and rng.random() < 0.1:
                rows["related"].append({"from_measure_id": pk, "to_measure_id": pk - 1})
            for year in range(start, run.fiscal_year + 1):
                rows["steps"].append(
                    {"measure_id": pk, "fiscal_year": year, "text": rng.choice(NEXT_STEPS)}
                )
                report = report_ids.take()
                rows["reports"].append(_report(run, rng, people, report, pk, year, leads[0]))
                name, unit = rng.choice(INDICATORS)
                target = rng.randint(5, 200)
                rows["indicators"].append(
                    {"report_id": report, "name": name, "unit": unit, "target": Decimal(target),
                     "actual": Decimal(int(target * rng.uniform(0.5, 1.3)))}
                )  # fmt: skip
        rows.flush()


def _report(
    run: Run, rng: Any, people: People, pk: int, measure: int, year: int, lead: int
) -> dict[str, Any]:
    status = pick(rng, CURRENT_YEAR) if year == run.fiscal_year else Status.PUBLISHED
    if year < run.fiscal_year and rng.random() < 0.05:
        status = Status.APPROVED
    written = fiscal_year_end(year) + datetime.timedelta(days=30)
    if year == run.fiscal_year:
        written = run.today - datetime.timedelta(days=rng.randint(1, 20))
    at = run.moment(written, rng)
    submitted = status != Status.DRAFT
    approved = status in (Status.APPROVED, Status.PUBLISHED)
    return {
        "id": pk,
        "measure_id": measure,
        "fiscal_year": year,
        "status": status,
        "progress": pick(rng, PROGRESS),
        "grade": pick(rng, GRADES) if submitted else "",
        "achievements": rng.choice(ACHIEVEMENTS),
        "issues": rng.choice(ISSUES),
        "next_steps": rng.choice(NEXT_STEPS),
        "spending": Decimal(rng.randrange(0, 2_000_000, 1_000)),
        "return_comment": "指標の実績値を記入してください。" if status == Status.RETURNED else "",
        "submitted_by_id": people.city_user(lead, rng) if submitted else None,
        "submitted_at": at if submitted else None,
        "approved_by_id": people.secretariat[0] if approved else None,
        "approved_at": at if approved else None,
        "published_at": at if status == Status.PUBLISHED else None,
    }
