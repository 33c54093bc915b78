from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest

from kamakura_portal.admin import StatusChangeInline

from .models import (
    ActivityField,
    Challenge,
    CitizenGroup,
    Contact,
    District,
    GroupMembership,
    ManagerInvitation,
    OrganizationType,
    StaffNote,
)
from .search import refresh_search_index


class GroupMembershipInline(admin.TabularInline):
    model = GroupMembership
    extra = 0
    autocomplete_fields = ["user"]


class ContactInline(admin.StackedInline):
    model = Contact
    extra = 0


@admin.register(CitizenGroup)
class CitizenGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "name_kana", "status", "valid_until", "updated_at"]
    list_filter = ["status", "organization_type", "activity_fields", "districts"]
    search_fields = ["name", "name_kana"]
    filter_horizontal = ["activity_fields", "districts", "challenges"]
    readonly_fields = ["status", "submitted_at", "created_at", "updated_at"]
    inlines = [ContactInline, GroupMembershipInline, StatusChangeInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        # After the fields and districts are saved: the search document reads them too.
        super().save_related(request, form, formsets, change)
        refresh_search_index([form.instance.pk])


@admin.register(ActivityField)
class ActivityFieldAdmin(admin.ModelAdmin):
    list_display = ["name", "taxonomy", "code", "sort_order", "is_active"]
    list_filter = ["taxonomy", "is_active"]
    list_editable = ["sort_order", "is_active"]


@admin.register(OrganizationType, District, Challenge)
class TaxonomyAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]


@admin.register(ManagerInvitation)
class ManagerInvitationAdmin(admin.ModelAdmin):
    list_display = ["group", "email", "created_at", "expires_at", "accepted_at", "cancelled_at"]
    readonly_fields = ["token_hash"]
    search_fields = ["group__name", "email"]


@admin.register(StaffNote)
class StaffNoteAdmin(admin.ModelAdmin):
    list_display = ["group", "author", "created_at"]
    search_fields = ["group__name", "body"]
