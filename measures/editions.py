"""Starting the next edition of a plan: everything copied, each measure linked to its
predecessor so that its history follows it. The reference loader uses the same copy for the
2026 guideline.
"""

from __future__ import annotations

from django.db import transaction

from accounts.models import User
from kamakura_portal.audit import acting_as

from .editing import check_period, check_plan_code, plan_code_taken, unique_or_raise
from .models import Category, Measure, Plan, PlanSection, Tier


def copy_measures(previous: Plan, plan: Plan) -> int:
    """Copy ``previous``'s tiers, categories and measures into ``plan``; returns the number
    of measures copied.

    A tier or category whose code ``plan`` already has is reused. Each copy is marked as
    carried over with the old measure as its predecessor; its lead departments are kept and
    its related measures point to the copies. Planned steps and estimated costs belong to the
    old edition's period and stay with it.
    """
    tiers = {
        tier.pk: Tier.objects.get_or_create(
            plan=plan,
            code=tier.code,
            defaults={
                "label": tier.label,
                "description": tier.description,
                "sort_order": tier.sort_order,
            },
        )[0]
        for tier in previous.tiers.all()
    }
    categories: dict[int, Category] = {}
    pending = list(previous.categories.all())
    while pending:
        # Parents before their children, whatever the depth of the tree.
        category = next(c for c in pending if c.parent_id is None or c.parent_id in categories)
        pending.remove(category)
        categories[category.pk] = Category.objects.get_or_create(
            plan=plan,
            code=category.code,
            defaults={
                "parent": categories.get(category.parent_id or 0),
                "label": category.label,
                "title": category.title,
                "description": category.description,
                "sort_order": category.sort_order,
            },
        )[0]
    copies: dict[int, Measure] = {}
    old_measures = list(previous.measures.prefetch_related("lead_departments", "related"))
    for old in old_measures:
        copies[old.pk] = Measure.objects.create(
            plan=plan,
            predecessor=old,
            carried_over=True,
            code=old.code,
            title=old.title,
            description=old.description,
            need=old.need,
            category=categories.get(old.category_id or 0),
            tier=tiers.get(old.tier_id or 0),
            is_priority=old.is_priority,
            sort_order=old.sort_order,
        )
        copies[old.pk].lead_departments.set(old.lead_departments.all())
    for old in old_measures:
        copies[old.pk].related.set([copies[r.pk] for r in old.related.all() if r.pk in copies])
    return len(copies)


@transaction.atomic
def copy_edition(
    plan: Plan,
    *,
    code: str,
    title: str,
    edition: str,
    edition_year: int | None,
    start_fiscal_year: int | None,
    end_fiscal_year: int | None,
    by: User,
) -> Plan:
    """Start the next edition of ``plan``: a new plan with its sections, tiers, categories
    and measures copied, the measures linked to their predecessors. ``plan`` is unchanged."""
    check_plan_code(code)
    check_period(start_fiscal_year, end_fiscal_year)
    with acting_as(by):
        with unique_or_raise(plan_code_taken(code)):
            new = Plan.objects.create(
                municipality=plan.municipality,
                code=code,
                title=title,
                edition=edition,
                edition_year=edition_year,
                start_fiscal_year=start_fiscal_year,
                end_fiscal_year=end_fiscal_year,
                previous_edition=plan,
                issuer=plan.issuer,
            )
        for section in plan.sections.all():
            PlanSection.objects.create(
                plan=new,
                number=section.number,
                title=section.title,
                body=section.body,
                sort_order=section.sort_order,
            )
        copy_measures(plan, new)
    return new
