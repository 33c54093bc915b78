"""Admin of the coordination app."""

from __future__ import annotations

from django.contrib import admin

from kamakura_portal.admin import ReadOnlyAdmin, StatusChangeInline

from .models import Invitation, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    """The consultation topics are a staff-editable list; consultations are kept in the
    portal, where every write keeps the search document current."""

    list_display = ("name", "code", "sort_order", "is_active")
    list_editable = ("sort_order", "is_active")


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    """Invitations move only through their workflow (the workbench and the group's answer):
    here they are read, with their moves."""

    list_display = ["need", "group", "status", "answer_by", "invited_at", "raised_by_group"]
    list_filter = ["status", "raised_by_group"]
    list_select_related = ["need", "group"]
    search_fields = ["need__title", "group__name"]
    inlines = [StatusChangeInline]
