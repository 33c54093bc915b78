"""The secretariat's writes to plans: their text, tiers, category tree and measures (the
copy of an edition into the next one is in :mod:`measures.editions`).

Every write is one transaction that either saves everything or raises :class:`EditingError`
(a Japanese message, and the form field it belongs to) and saves nothing. A row is deleted
only while nothing refers to it: a tier or category used by measures, a category with
sub-categories, a measure with progress reports, successors or measures relating to it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _

from accounts.models import Department

from .models import Category, Measure, Plan, PlannedStep, PlanSection, Tier


class EditingError(Exception):
    """A change that would make a plan inconsistent; ``field`` is the form field to blame."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


PLAN_FIELDS = (
    "municipality",
    "code",
    "title",
    "edition",
    "edition_year",
    "start_fiscal_year",
    "end_fiscal_year",
    "source_note",
    "issuer",
)
SECTION_FIELDS = ("number", "title", "body")
TIER_FIELDS = ("code", "label", "description")
CATEGORY_FIELDS = ("parent", "code", "label", "title", "description")
MEASURE_FIELDS = (
    "code",
    "title",
    "category",
    "tier",
    "is_priority",
    "description",
    "need",
    "estimated_cost",
    "estimated_cost_text",
)

Row = TypeVar("Row", PlanSection, Tier, Category, Measure)


def _assign(row: models.Model, data: Mapping[str, Any], fields: Iterable[str]) -> None:
    for name in fields:
        if name in data:
            setattr(row, name, data[name])


def _next_order(siblings: models.QuerySet[Any]) -> int:
    last = siblings.aggregate(last=models.Max("sort_order"))["last"]
    return 1 if last is None else last + 1


def check_period(start: int | None, end: int | None) -> None:
    if start is not None and end is not None and end < start:
        raise EditingError(
            _("The last fiscal year cannot come before the first."), "end_fiscal_year"
        )


def plan_code_taken(code: str) -> EditingError:
    return EditingError(_("Another plan already uses the code “%s”.") % code, "code")


def check_plan_code(code: str, plan: Plan | None = None) -> None:
    others = Plan.objects.exclude(pk=plan.pk) if plan and plan.pk else Plan.objects.all()
    if others.filter(code=code).exists():
        raise plan_code_taken(code)


@contextmanager
def unique_or_raise(clash: EditingError) -> Iterator[None]:
    """Turn the unique constraint a concurrent save broke into the message of the check that
    ran before it (two clerks adding the same code at the same moment)."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        raise clash from error


# ---- Plans and their narrative sections ------------------------------------------------


@transaction.atomic
def save_plan(plan: Plan, data: Mapping[str, Any]) -> Plan:
    """Create ``plan`` (unsaved) or change it; ``data`` holds the fields of PLAN_FIELDS."""
    _assign(plan, data, PLAN_FIELDS)
    check_plan_code(plan.code, plan)
    check_period(plan.start_fiscal_year, plan.end_fiscal_year)
    with unique_or_raise(plan_code_taken(plan.code)):
        plan.save()
    return plan


@transaction.atomic
def save_section(section: PlanSection, data: Mapping[str, Any]) -> PlanSection:
    """Create (``section.plan`` set, unsaved: it goes last) or change a narrative section."""
    _assign(section, data, SECTION_FIELDS)
    number = section.number = section.number.strip()
    clash = EditingError(_("Another section of this plan is numbered “%s”.") % number, "number")
    if number and section.plan.sections.exclude(pk=section.pk).filter(number=number).exists():
        raise clash
    if section.pk is None:
        section.sort_order = _next_order(section.plan.sections.all())
    with unique_or_raise(clash):
        section.save()
    return section


# ---- Tiers and categories ---------------------------------------------------------------


@transaction.atomic
def save_tier(tier: Tier, data: Mapping[str, Any]) -> Tier:
    _assign(tier, data, TIER_FIELDS)
    clash = EditingError(_("Another tier of this plan uses the code “%s”.") % tier.code, "code")
    if tier.plan.tiers.exclude(pk=tier.pk).filter(code=tier.code).exists():
        raise clash
    if tier.pk is None:
        tier.sort_order = _next_order(tier.plan.tiers.all())
    with unique_or_raise(clash):
        tier.save()
    return tier


def tree_order(categories: Iterable[Category]) -> list[tuple[Category, int, str]]:
    """``categories`` (a plan's, in sibling order) in print order, each with its depth and the
    labels of its parents, e.g. "(2) " for ア under (2)."""
    children: dict[int | None, list[Category]] = {}
    for category in categories:
        children.setdefault(category.parent_id, []).append(category)
    rows: list[tuple[Category, int, str]] = []

    def walk(parent_id: int | None, depth: int, path: str) -> None:
        for category in children.get(parent_id, []):
            rows.append((category, depth, path))
            label = f"{category.label} " if category.label else ""
            walk(category.pk, depth + 1, path + label)

    walk(None, 0, "")
    return rows


def descendant_ids(category: Category) -> set[int]:
    """The ids of the category's sub-categories at every depth (one query)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent_id in category.plan.categories.values_list("pk", "parent_id"):
        children.setdefault(parent_id, []).append(pk)
    found: set[int] = set()
    pending = list(children.get(category.pk, []))
    while pending:
        pk = pending.pop()
        if pk not in found:
            found.add(pk)
            pending.extend(children.get(pk, []))
    return found


@transaction.atomic
def save_category(category: Category, data: Mapping[str, Any]) -> Category:
    """Create or change a category; a parent change moves it to the end of its new siblings."""
    old_parent_id = category.parent_id if category.pk else -1
    _assign(category, data, CATEGORY_FIELDS)
    parent = category.parent
    if parent is not None:
        if parent.plan_id != category.plan_id:
            raise EditingError(_("The parent category must belong to the same plan."), "parent")
        if category.pk is not None and (
            parent.pk == category.pk or parent.pk in descendant_ids(category)
        ):
            raise EditingError(
                _("A category cannot be placed under itself or one of its sub-categories."),
                "parent",
            )
    siblings = category.plan.categories.filter(parent=parent).exclude(pk=category.pk)
    clash = EditingError(
        _("Another category of this plan uses the code “%s”.") % category.code, "code"
    )
    if category.plan.categories.exclude(pk=category.pk).filter(code=category.code).exists():
        raise clash
    if category.parent_id != old_parent_id:
        category.sort_order = _next_order(siblings)
    with unique_or_raise(clash):
        category.save()
    return category


# ---- Measures ---------------------------------------------------------------------------


@transaction.atomic
def save_measure(
    measure: Measure,
    data: Mapping[str, Any],
    *,
    lead_departments: Iterable[Department] | None = None,
    related: Iterable[Measure] | None = None,
    steps: Mapping[int, str] | None = None,
) -> Measure:
    """Create or change a measure; ``steps`` (fiscal year → text) replaces its 事業工程."""
    plan = measure.plan
    _assign(measure, data, MEASURE_FIELDS)
    measure.code = measure.code.strip()
    clash = EditingError(
        _("Another measure of this plan uses the code “%s”.") % measure.code, "code"
    )
    if measure.code and plan.measures.exclude(pk=measure.pk).filter(code=measure.code).exists():
        raise clash
    for name in ("tier", "category"):
        row = getattr(measure, name)
        if row is not None and row.plan_id != plan.pk:
            raise EditingError(_("Choose one of this plan's own entries."), name)
    related = list(related) if related is not None else None
    if related is not None:
        if any(other.plan_id != plan.pk for other in related):
            raise EditingError(_("Related measures must belong to the same plan."), "related")
        if measure.pk is not None and any(other.pk == measure.pk for other in related):
            raise EditingError(_("A measure cannot be related to itself."), "related")
    if steps:
        _check_step_years(plan, steps)
    if measure.pk is None:
        # Last in its category, and after every measure of the plan in a plan-wide listing.
        measure.sort_order = _next_order(plan.measures.all())
    with unique_or_raise(clash):
        measure.save()
    if lead_departments is not None:
        measure.lead_departments.set(list(lead_departments))
    if related is not None:
        measure.related.set(related)
    if steps is not None:
        _replace_steps(measure, steps)
    return measure


def _check_step_years(plan: Plan, steps: Mapping[int, str]) -> None:
    start, end = plan.start_fiscal_year, plan.end_fiscal_year
    for year in steps:
        if (start is not None and year < start) or (end is not None and year > end):
            raise EditingError(
                _("Fiscal year %(year)s is outside the plan's period (%(start)s–%(end)s).")
                % {"year": year, "start": start or "", "end": end or ""},
                "steps",
            )


def _replace_steps(measure: Measure, steps: Mapping[int, str]) -> None:
    existing = {step.fiscal_year: step for step in measure.planned_steps.all()}
    for year, step in existing.items():
        if year not in steps:
            step.delete()
        elif step.text != steps[year]:
            step.text = steps[year]
            step.save(update_fields=["text"])
    for year, text in steps.items():
        if year not in existing:
            PlannedStep.objects.create(measure=measure, fiscal_year=year, text=text)


# ---- Order ------------------------------------------------------------------------------


def siblings_of(row: Row) -> models.QuerySet[Row]:
    """The rows ``row`` is ordered among: a category among its parent's, a measure in its
    category, a section or tier in its plan."""
    manager: Any = type(row)._default_manager
    siblings = manager.filter(plan_id=row.plan_id)
    if isinstance(row, Category):
        siblings = siblings.filter(parent_id=row.parent_id)
    elif isinstance(row, Measure):
        siblings = siblings.filter(category_id=row.category_id)
    return siblings.order_by("sort_order", "pk")


@transaction.atomic
def move(row: Row, offset: int) -> bool:
    """Move ``row`` ``offset`` places among its siblings (-1: up); False if it cannot move.

    The siblings keep the sort orders they had between them, so rows elsewhere in the plan
    stay where they were; orders that were not distinct are numbered afresh.
    """
    siblings = list(siblings_of(row).select_for_update())
    index = next(i for i, sibling in enumerate(siblings) if sibling.pk == row.pk)
    target = index + offset
    if not 0 <= target < len(siblings):
        return False
    orders = sorted(sibling.sort_order for sibling in siblings)
    if len(set(orders)) < len(orders):
        orders = list(range(orders[0] or 1, (orders[0] or 1) + len(orders)))
    siblings.insert(target, siblings.pop(index))
    for sibling, order in zip(siblings, orders, strict=True):
        if sibling.sort_order != order:
            sibling.sort_order = order
            sibling.save(update_fields=["sort_order"])
    return True


# ---- Deleting ---------------------------------------------------------------------------


@dataclass
class Blockers:
    """What still refers to a row, in words the secretariat can act on."""

    reasons: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.reasons)


def _names(rows: Iterable[object], limit: int = 5) -> str:
    names = [str(row) for row in rows]
    shown = "、".join(names[:limit])
    return shown + (_(" and %d more") % (len(names) - limit) if len(names) > limit else "")


def delete_blockers(row: PlanSection | Tier | Category | Measure) -> Blockers:
    blockers = Blockers()
    if isinstance(row, Tier | Category):
        measures = list(row.measures.all())
        if measures:
            blockers.reasons.append(_("Measures use it: %s.") % _names(measures))
    if isinstance(row, Category):
        children = list(row.children.all())
        if children:
            blockers.reasons.append(_("It has sub-categories: %s.") % _names(children))
    if isinstance(row, Measure):
        years = list(row.reports.values_list("fiscal_year", flat=True))
        if years:
            blockers.reasons.append(
                _("It has progress reports (fiscal years %s).") % "、".join(map(str, years))
            )
        successors = list(row.successors.select_related("plan"))
        if successors:
            blockers.reasons.append(
                _("Later editions carry it over: %s.")
                % _names(f"{s.plan} — {s}" for s in successors)
            )
        relating = list(Measure.objects.filter(related=row).exclude(pk=row.pk))
        if relating:
            blockers.reasons.append(_("Other measures name it as related: %s.") % _names(relating))
    return blockers


@transaction.atomic
def delete_row(row: PlanSection | Tier | Category | Measure) -> None:
    """Delete ``row`` if nothing refers to it; otherwise raise :class:`EditingError`.

    The row is locked first, so a report or measure added meanwhile waits for this
    transaction and then finds the row gone, instead of being deleted with it.
    """
    type(row)._default_manager.select_for_update().filter(pk=row.pk).first()
    blockers = delete_blockers(row)
    if blockers:
        raise EditingError(
            _("“%(name)s” cannot be deleted. %(reasons)s")
            % {"name": row, "reasons": " ".join(blockers.reasons)}
        )
    row.delete()
