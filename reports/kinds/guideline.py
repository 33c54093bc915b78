"""指針 booklet: a plan edition printed as the city prints its guideline (seed 001).

Cover (title and subtitle, the edition in 和暦 with 西暦, the issuer), a 目次 whose page
numbers WeasyPrint fills in from the headings' pages, the plan's narrative sections in their
order with the numbering of their own text (1 → (1) → ア → ①), today's figures where the text
has the figures of its writing (:mod:`.guideline_figures`), the measures by category with
their tiers as 別紙 in the place of the section the plan leaves out for them, and the back
page with the issuer's address (``Plan.issuer``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from django import forms
from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from groups.models import ActivityField, CitizenGroup, OrganizationType
from kamakura_portal.dates import wareki_year
from measures.models import Category, Measure, Plan, PlanSection
from measures.queries import category_tree, group_by_category, plan_measures, plans_with_counts
from surveys.models import Response, Survey

from . import Kind, Params, register
from .booklet_text import CAPTION, HEADING, LABEL, Block, key, parse
from .guideline_figures import Figure, Live, figure_for
from .inputs import last_audit_entry

SUBTITLE_MARKS = ("～", "〜")
# How a plan's data names the section its measures list stands for (seed 001's 目次: 「6 具体的
# な施策」, whose text is 「別紙」); a plan may also leave that section out.
MEASURES_SECTION = "具体的な施策"


def booklet_plans() -> QuerySet[Plan]:
    """The plan editions that have a text to print, the portal's municipality first, the
    newest edition first."""
    has_sections = Exists(PlanSection.objects.filter(plan=OuterRef("pk")))
    return plans_with_counts().filter(has_sections)


class PlanChoice(forms.Form):
    plan = forms.ModelChoiceField(
        label=gettext_lazy("Plan edition"),
        queryset=booklet_plans(),
        to_field_name="code",
    )


@dataclass
class Entry:
    """A line of the 目次."""

    anchor: str
    number: str
    title: str
    level: int  # 0: a section, 1: a subsection or a category of the measures


@dataclass
class MeasureGroup:
    """A top category of the measures list ((1) 活動の場の提供に関すること) with its
    measures and its subcategories' (ア …), or the measures outside every category."""

    anchor: str
    category: Category | None
    measures: list[Measure] = field(default_factory=list)
    children: list[tuple[Category, list[Measure]]] = field(default_factory=list)


@dataclass
class Section:
    anchor: str
    number: str
    title: str
    parts: list[Block | Figure] = field(default_factory=list)
    measures: list[MeasureGroup] | None = None  # the 別紙


def _plan(params: Params) -> Plan:
    return Plan.objects.get(pk=params["plan"])


def title_lines(title: str) -> tuple[str, str]:
    """A plan title and its subtitle: 「…指針 ～…に向けて～」 → (「…指針」, 「～…に向けて～」)."""
    for mark in SUBTITLE_MARKS:
        head, found, tail = title.partition(f" {mark}")
        if not found:
            head, found, tail = title.partition(f"\u3000{mark}")
        if found and tail:
            return head.strip(), f"{mark}{tail}".strip()
    return title, ""


def edition_text(plan: Plan) -> str:
    if plan.edition:
        return plan.edition
    if plan.edition_year:
        return f"{wareki_year(plan.edition_year)}（{plan.edition_year}年）"
    return ""


def section_parts(
    blocks: list[Block], anchor: str, live: Live
) -> tuple[list[Block | Figure], list[Entry]]:
    """The section's blocks with today's figures in place, its subsection headings anchored
    for the 目次."""
    parts: list[Block | Figure] = []
    entries: list[Entry] = []
    closing: Figure | None = None  # of the subsection being read
    for block in blocks:
        if block.kind == HEADING and block.level == 1:
            if closing is not None:
                parts.append(closing)
            closing = figure_for(live, block.text)
            sub_anchor = f"{anchor}-{len(entries) + 1}"
            entries.append(Entry(sub_anchor, block.number, block.text, 1))
            parts.append(replace(block, anchor=sub_anchor))
            continue
        figure = figure_for(live, block.text) if block.kind in (CAPTION, LABEL) else None
        parts.append(figure or block)
    if closing is not None:
        parts.append(closing)
    return parts, entries


def measure_groups(plan: Plan, anchor: str) -> list[MeasureGroup]:
    """The measures under their categories, in order (three queries)."""
    runs: dict[int | None, list[Measure]] = {}
    for category, measures in group_by_category(plan_measures(plan)):  # 2
        runs.setdefault(category.pk if category else None, []).extend(measures)
    groups = []
    for number, (top, children) in enumerate(category_tree(plan), start=1):  # 1
        group = MeasureGroup(f"{anchor}-m{number}", top, runs.pop(top.pk, []))
        group.children = [(child, runs.pop(child.pk, [])) for child in children]
        groups.append(group)
    rest = [measure for measures in runs.values() for measure in measures]
    if rest:
        groups.append(MeasureGroup(f"{anchor}-m{len(groups) + 1}", None, rest))
    return groups


@dataclass(frozen=True)
class Outlined:
    """A section of the booklet before it is read: a row of the plan, or the 別紙's."""

    number: str
    title: str
    body: str = ""
    has_measures: bool = False


def outline(rows: list[PlanSection], has_measures: bool) -> list[Outlined]:
    """The plan's sections in order with the measures' in its place: the section titled for
    the measures if the plan has one (the 2020 edition), else under the number the plan
    leaves out (6 between 5 and 7), else after the last."""
    sections = [Outlined(row.number, row.title, row.body) for row in rows]
    if not has_measures:
        return sections
    for index, section in enumerate(sections):
        if key(section.title) == key(MEASURES_SECTION):
            sections[index] = replace(section, has_measures=True)
            return sections
    measures_title = _("Specific measures")
    numbers = sorted({int(s.number) for s in sections if s.number.isdigit()})
    missing = [n for n in range(numbers[0], numbers[-1]) if n not in numbers] if numbers else []
    if missing:
        number = missing[0]
        index = next(
            i for i, s in enumerate(sections) if s.number.isdigit() and int(s.number) > number
        )
        sections.insert(index, Outlined(str(number), measures_title, has_measures=True))
    else:
        following = str(numbers[-1] + 1) if numbers else ""
        sections.append(Outlined(following, measures_title, has_measures=True))
    return sections


def build(params: Params) -> dict[str, Any]:
    plan = _plan(params)
    rows = list(plan.sections.order_by("sort_order", "pk"))
    has_measures = plan.measures.exists()
    live = Live(timezone.localdate())
    sections: list[Section] = []
    toc: list[Entry] = []
    for n, outlined in enumerate(outline(rows, has_measures), start=1):
        anchor = f"s{n}"
        parts, entries = section_parts(parse(outlined.body), anchor, live)
        section = Section(anchor, outlined.number, outlined.title, parts)
        toc.append(Entry(anchor, section.number, section.title, 0))
        toc.extend(entries)
        if outlined.has_measures:
            section.measures = measure_groups(plan, anchor)
            toc.extend(
                Entry(group.anchor, group.category.label, group.category.title, 1)
                for group in section.measures
                if group.category is not None
            )
        sections.append(section)
    main_title, subtitle = title_lines(plan.title)
    issuer = [line.strip() for line in plan.issuer.splitlines() if line.strip()]
    departments = Measure.lead_departments.through.objects.filter(measure__plan=plan)
    return {
        "plan": plan,
        "main_title": main_title,
        "subtitle": subtitle,
        "edition": edition_text(plan),
        "issuer_name": issuer[0] if issuer else plan.municipality,
        "issuer_address": issuer[1:],
        "sections": sections,
        "toc": toc,
        "tiers": list(plan.tiers.order_by("sort_order", "pk")) if has_measures else [],
        # A column of dashes says nothing: it prints when a measure has a lead department.
        "show_departments": has_measures and departments.exists(),
    }


def title(params: Params) -> str:
    plan = _plan(params)
    if not plan.edition:
        return plan.title
    return _("%(title)s (%(edition)s)") % {"title": plan.title, "edition": plan.edition}


def fingerprint(params: Params) -> Any:
    plan = _plan(params)
    contents = [
        plan.sections.aggregate(n=Count("pk")),
        plan.measures.aggregate(n=Count("pk")),
        last_audit_entry("measures", ["plan", "plansection", "tier", "category", "measure"]),
        last_audit_entry("accounts", ["department"]),
    ]
    register = CitizenGroup.objects.aggregate(
        n=Count("pk", filter=~Q(status=CitizenGroup.Status.ARCHIVED)),
        updated=Max("updated_at"),
    )
    names = [
        list(model.objects.order_by("pk").values_list("pk", "name", "sort_order"))
        for model in (ActivityField, OrganizationType)
    ]
    published = Q(survey__status=Survey.Status.PUBLISHED, status=Response.Status.SUBMITTED)
    answers = Response.objects.filter(published).aggregate(
        n=Count("pk"), versions=Sum("version"), last=Max("submitted_at")
    )
    surveys = [
        list(Survey.objects.order_by("pk").values_list("pk", "status")),
        last_audit_entry("surveys", ["survey", "question", "option", "wordingfix"]),
    ]
    registry = [register, last_audit_entry("groups", ["citizengroup"]), names]
    return [contents, registry, answers, surveys]


def publish_problem(params: Params) -> str:
    if not _plan(params).sections.exists():
        return _("This plan edition has no text to print, so its booklet is not published.")
    return ""


KIND = register(
    Kind(
        code="guideline",
        label=gettext_lazy("Guideline booklet"),
        template="reports/pdf/guideline.html",
        version=1,
        build=build,
        title=title,
        fingerprint=fingerprint,
        # Staff and the committee ask for it; anyone reads it once it is published.
        audience="staff",
        form=PlanChoice,
        publish_problem=publish_problem,
        tells_committee=True,
        help_text=gettext_lazy(
            "A plan edition as a booklet: its text with today's figures, and its measures "
            "by category as an attachment (別紙)."
        ),
    )
)
