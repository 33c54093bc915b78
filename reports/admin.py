"""Reports in the Django admin: read-only, for looking into a stuck or failed report."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import Report


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "status", "progress", "is_published", "requested_at")
    list_filter = ("kind", "status", "is_published", "is_stale")
    search_fields = ("title",)
    readonly_fields = [field.name for field in Report._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Report | None = None) -> bool:
        return False
