"""The administration site's view of the collaboration app (for IT; staff use the portal)."""

from __future__ import annotations

from django.contrib import admin

from kamakura_portal.admin import StatusChangeInline

from .models import Program, Proposal


@admin.register(Program)
class ProgramAdmin(admin.ModelAdmin):
    list_display = ("name", "parent", "first_fiscal_year", "last_fiscal_year", "sort_order")
    list_select_related = ("parent",)


@admin.register(Proposal)
class ProposalAdmin(admin.ModelAdmin):
    list_display = ("title", "proposer_side", "status", "first_fiscal_year", "is_imported")
    list_filter = ("status", "proposer_side", "is_imported")
    search_fields = ("title",)
    raw_id_fields = ("proposing_group", "proposing_department", "created_by")
    filter_horizontal = ("counterpart_groups", "counterpart_departments")
    inlines = [StatusChangeInline]
