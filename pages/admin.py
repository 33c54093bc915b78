from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from .models import SitePage


@admin.register(SitePage)
class SitePageAdmin(admin.ModelAdmin):
    list_display = ["title", "key", "revised_on", "updated_at", "updated_by"]
    readonly_fields = ["key", "updated_at", "updated_by"]

    # The set of pages is fixed: the footer and the consent forms link to each of them.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: SitePage | None = None) -> bool:
        return False
