"""Plans, their measures and the yearly progress of each measure (施策).

One schema holds every plan the portal knows: Kamakura's guideline (2020 and 2026 editions),
Kamagaya's action plan, an implementation plan's projects and other cities' guidelines. So
nothing here is specific to one plan: tiers and categories are rows of the plan, and a field a
plan does not use (tiers for Kamagaya, 事業工程 for the guideline) simply stays empty.
"""

from .plans import Category, Measure, Plan, PlannedStep, PlanSection, Tier
from .progress import (
    EvidenceLink,
    IndicatorValue,
    ProgressReport,
    ReportingRound,
    ReportReminder,
)

__all__ = [
    "Category",
    "EvidenceLink",
    "IndicatorValue",
    "Measure",
    "Plan",
    "PlanSection",
    "PlannedStep",
    "ProgressReport",
    "ReportReminder",
    "ReportingRound",
    "Tier",
]
