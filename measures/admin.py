from django.contrib import admin

from kamakura_portal.admin import StatusChangeInline

from .models import (
    Category,
    EvidenceLink,
    IndicatorValue,
    Measure,
    Plan,
    PlannedStep,
    PlanSection,
    ProgressReport,
    Tier,
)


class PlanSectionInline(admin.StackedInline):
    model = PlanSection
    extra = 0


class TierInline(admin.TabularInline):
    model = Tier
    extra = 0


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "edition", "municipality", "code", "start_fiscal_year"]
    list_filter = ["municipality"]
    search_fields = ["title", "code", "municipality"]
    raw_id_fields = ["previous_edition"]
    inlines = [TierInline, PlanSectionInline]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan", "parent", "code", "sort_order"]
    list_filter = ["plan"]
    search_fields = ["title", "code"]
    list_select_related = ["plan", "parent"]
    raw_id_fields = ["parent"]


class PlannedStepInline(admin.TabularInline):
    model = PlannedStep
    extra = 0


@admin.register(Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["code", "title", "plan", "category", "tier", "is_priority", "carried_over"]
    list_filter = ["plan", "tier__label", "is_priority", "carried_over"]
    search_fields = ["code", "title", "description", "need"]
    list_select_related = ["plan", "category", "tier"]
    autocomplete_fields = ["lead_departments"]
    raw_id_fields = ["category", "tier", "predecessor", "related"]
    inlines = [PlannedStepInline]


class IndicatorValueInline(admin.TabularInline):
    model = IndicatorValue
    extra = 0


class EvidenceLinkInline(admin.TabularInline):
    model = EvidenceLink
    extra = 0


@admin.register(ProgressReport)
class ProgressReportAdmin(admin.ModelAdmin):
    list_display = ["measure", "fiscal_year", "status", "progress", "grade", "submitted_at"]
    list_filter = ["fiscal_year", "status", "grade", "measure__plan"]
    search_fields = ["measure__title", "measure__code"]
    list_select_related = ["measure"]
    raw_id_fields = ["measure"]
    # Status moves go through the review workflow, which records who and when.
    readonly_fields = [
        "status",
        "submitted_by",
        "submitted_at",
        "approved_by",
        "approved_at",
        "published_at",
    ]
    inlines = [IndicatorValueInline, EvidenceLinkInline, StatusChangeInline]
