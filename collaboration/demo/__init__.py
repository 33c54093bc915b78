"""Demo collaboration data (demo mode only): department needs, and proposals at every stage.

The content is ``data/demo_collaboration.json``: the demo users post each need and write each
proposal through the app's services, then take it through the workflow
(:mod:`collaboration.demo.steps`). The guideline's history (``data/history_2007_2019.csv``)
is imported too, so the figures show its numbers.

The notifications the services send run in this process after the commit: the demo inboxes
fill without a Celery worker, and no broker is left holding tasks about this database.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_DOMAIN
from accounts.models import Department, User
from groups.models import ActivityField, CitizenGroup, District
from kamakura_portal.audit import acting_as

from ..domain.sections import BASIC, BUDGET, EVALUATION, MUTUAL, PURPOSE
from ..models import DepartmentNeed, Program, Proposal
from ..services import needs
from ..services import proposals as services
from ..services.imports import commit_import, plan_import, read_rows
from .steps import DemoDates, Step, advance

DATA = Path(__file__).parent.parent / "data"
CONTENT = DATA / "demo_collaboration.json"
HISTORY = DATA / "history_2007_2019.csv"
USERS = ("manager", "manager-other", "city", "city-other", "secretariat", "committee", "centre")
SECTION_FIELDS = (
    (MUTUAL, ("group_strengths", "city_strengths", "why_collaboration")),
    (PURPOSE, ("shared_purpose",)),
    (EVALUATION, ("evaluation_what", "evaluation_when", "evaluation_how")),
)
ROW_TABLES = ("cost_lines", "roles", "goals", "milestones")


def load_demo_collaboration() -> int:
    """Create the demo needs and proposals that are missing, and import the history.

    Idempotent: returns the number of needs, proposals and past proposals created (0 the
    second time).
    """
    users = {u.email.split("@")[0]: u for u in User.objects.filter(email__endswith=DEMO_DOMAIN)}
    if not set(USERS) <= set(users) or not Program.objects.exists():
        return 0  # the demo accounts or the programmes are not loaded
    content = json.loads(CONTENT.read_text(encoding="utf-8"))
    dates = DemoDates()
    with _tasks_in_process(), transaction.atomic():
        created = _import_history(users["secretariat"])
        posted = {}
        for spec in content["needs"]:
            posted[spec["key"]], made = _need(spec, users, dates)
            created += made
        for spec in content["proposals"]:
            if not Proposal.objects.filter(title=spec["title"], is_imported=False).exists():
                proposal = _write(spec, users, posted, dates)
                advance(Step(proposal, spec, users, dates))
                created += 1
    return created


@contextmanager
def _tasks_in_process() -> Iterator[None]:
    """Tasks sent in the block run in this process (those sent on commit, at the commit)."""
    from kamakura_portal.celery import app

    # Even a task run in process asks the result backend; the embedded (file-system) one
    # needs its folder, which only scripts/run.sh makes otherwise.
    results = str(app.conf.result_backend or "")
    if results.startswith("file://"):
        Path(results.removeprefix("file://")).mkdir(parents=True, exist_ok=True)
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    try:
        yield
    finally:
        app.conf.task_always_eager = previous


def _import_history(secretariat: User) -> int:
    table = read_rows(HISTORY.read_bytes(), HISTORY.name)
    titles = {str(cells[0]) for _number, cells in table.rows}
    if Proposal.objects.filter(is_imported=True, title__in=titles).exists():
        return 0
    return commit_import(plan_import(table), secretariat)


def _need(
    spec: Mapping[str, Any], users: Mapping[str, User], dates: DemoDates
) -> tuple[DepartmentNeed, int]:
    """The need, and 1 if it was posted now."""
    department = Department.objects.get(code=spec["department"])
    need = DepartmentNeed.objects.filter(department=department, title=spec["title"]).first()
    if need is not None:
        return need, 0
    fields = {key: spec[key] for key in ("title", "background", "wanted", "is_public")}
    fields.update(
        department=department,
        starts_on=dates.day(spec["period"][0]),
        ends_on=dates.day(spec["period"][1]),
        budget_min=spec["budget"][0],
        budget_max=spec["budget"][1],
        contact_name=f"{department.name} 担当",
        contact_phone=f"0467-555-{8000 + department.pk % 1000:04d}",
    )
    # Applications close a month before the work starts, when that is still ahead.
    closes = fields["starts_on"] - datetime.timedelta(days=30)
    fields["apply_by"] = closes if closes > timezone.localdate() else None
    areas = {
        "activity_fields": ActivityField.objects.filter(code__in=spec["activity_fields"]),
        "districts": District.objects.filter(code__in=spec["districts"]),
    }
    author = users[spec["by"]]
    with acting_as(author):
        need = needs.save_need(None, author, fields, many=areas)
    if spec["status"] != DepartmentNeed.Status.OPEN:
        marker = users[spec["status_by"]]
        with acting_as(marker):
            needs.set_need_status(need, marker, spec["status"])
    DepartmentNeed.objects.filter(pk=need.pk).update(created_at=dates.past(spec["created"]))
    return need, 1


def _write(
    spec: Mapping[str, Any],
    users: Mapping[str, User],
    posted: Mapping[str, DepartmentNeed],
    dates: DemoDates,
) -> Proposal:
    """The draft, every section filled in by its author as on the proposal's pages."""
    group = CitizenGroup.objects.get(name=spec["group"])
    department = Department.objects.get(code=spec["department"])
    by_city = spec["proposer"] == "city"
    author = users[spec["city_user" if by_city else "group_user"]]
    first, last = (dates.year + offset for offset in spec["years"])
    outline = {
        "program": Program.objects.get(code=spec["program"]),
        "first_fiscal_year": first,
        "last_fiscal_year": last,
        "officer_count": spec["officer_count"],
    }
    partner: dict[str, list[Any]] = (
        {"counterpart_groups": [group]} if by_city else {"counterpart_departments": [department]}
    )
    with acting_as(author):
        proposal = services.start_proposal(
            author,
            title=spec["title"],
            group=None if by_city else group,
            department=department if by_city else None,
            need=posted[spec["need"]] if spec["need"] else None,
        )
        services.update_section(proposal, BASIC, author, outline, many=partner)
        services.update_section(
            proposal, BUDGET, author, {"requested_amount": spec["requested_amount"]}
        )
        for section, names in SECTION_FIELDS:
            texts = {name: spec["sections"][name] for name in names}
            services.update_section(proposal, section, author, texts)
        for table in ROW_TABLES:
            rows = [_row(row, dates) for row in spec[table]]
            services.replace_rows(proposal, table, author, rows)
    Proposal.objects.filter(pk=proposal.pk).update(created_at=dates.past(spec["created"]))
    return proposal


def _row(row: Mapping[str, Any], dates: DemoDates) -> dict[str, Any]:
    fields = {name: value for name, value in row.items() if name != "progress_note"}
    if "due_on" in fields:
        fields["due_on"] = dates.day(fields["due_on"])
    return fields
