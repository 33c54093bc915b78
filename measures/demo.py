"""Demo progress on the 2020 guideline (demo mode only): fictitious, but shaped like a real year.

The seed names no lead department for the guideline's measures, so the demo gives them to the
demo accounts' departments: 地域のつながり課 leads every measure, 福祉総務課 shares every
fourth. FY2024's reports are all published (the public pages and the status report show a
complete year); FY2025's round is open, due in three weeks, with reports at every step of the
workflow so each role has something to do.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from accounts.models import Department
from kamakura_portal.workflow import record_arrival

from .models import Measure, Plan, ProgressReport, ReportingRound

PLAN = "kamakura-guideline-2020"
Status = ProgressReport.Status
Progress = ProgressReport.Progress
Grade = ProgressReport.Grade

# FY2024, measure by measure in the plan's order: (progress, grade).
PATTERN = [
    (Progress.IN_PROGRESS, Grade.A),
    (Progress.COMPLETED, Grade.S),
    (Progress.ONGOING, Grade.A),
    (Progress.UNDER_STUDY, Grade.B),
    (Progress.IN_PROGRESS, Grade.B),
    (Progress.NOT_STARTED, Grade.C),
    (Progress.ONGOING, Grade.A),
]
# FY2025: where each of the first measures stands in the open round.
OPEN_ROUND = [Status.RETURNED, Status.SUBMITTED, Status.SUBMITTED, Status.APPROVED, Status.DRAFT]


@transaction.atomic
def load_demo_progress() -> int:
    """Create the demo rounds and reports unless they exist (idempotent); returns reports made."""
    plan = Plan.objects.filter(code=PLAN).first()
    lead = Department.objects.filter(code="chiiki-no-tsunagari").first()
    partner = Department.objects.filter(code="fukushi-somu").first()
    if plan is None or lead is None or ProgressReport.objects.filter(measure__plan=plan).exists():
        return 0
    measures = list(Measure.objects.filter(plan=plan).order_by("sort_order", "pk"))
    for n, measure in enumerate(measures):
        if not measure.lead_departments.exists():
            measure.lead_departments.add(lead)
            if partner is not None and n % 4 == 0:
                measure.lead_departments.add(partner)
    today = timezone.localdate()
    ReportingRound.objects.get_or_create(
        plan=plan, fiscal_year=2024, defaults={"deadline": datetime.date(2025, 5, 31)}
    )
    ReportingRound.objects.get_or_create(
        plan=plan, fiscal_year=2025, defaults={"deadline": today + datetime.timedelta(days=21)}
    )
    made = 0
    for n, measure in enumerate(measures):
        progress, grade = PATTERN[n % len(PATTERN)]
        _report(measure, 2024, Status.PUBLISHED, progress, grade)
        made += 1
        if n < len(OPEN_ROUND):
            _report(measure, 2025, OPEN_ROUND[n], Progress.IN_PROGRESS, Grade.A)
            made += 1
    return made


def _report(measure: Measure, year: int, status: str, progress: str, grade: str) -> None:
    now = timezone.now()
    report = ProgressReport.objects.create(
        measure=measure,
        fiscal_year=year,
        status=status,
        progress=progress,
        grade=grade if status != Status.DRAFT else "",
        achievements=f"（デモ）{measure.title}について、関係団体との打合せと周知を行った。",
        issues="（デモ）担い手の確保と情報の届け方に課題が残る。",
        next_steps="（デモ）市民活動センターと連携して取組を広げる。",
        return_comment="（デモ）指標の実績値を記入してください。"
        if status == Status.RETURNED
        else "",
        submitted_at=now if status != Status.DRAFT else None,
        approved_at=now if status in (Status.APPROVED, Status.PUBLISHED) else None,
        published_at=now if status == Status.PUBLISHED else None,
    )
    report.indicators.create(name="（デモ）参加団体数", unit="団体", target=20, actual=15)
    record_arrival([report], "（デモデータ）")
