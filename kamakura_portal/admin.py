"""The shared core in the admin: status moves (read-only, beside each object), the inbox and
the outbox (what was sent, what waits, and why it failed)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.forms import BaseGenericInlineFormSet
from django.http import HttpRequest

from .models import Notification, OutboxMail, StatusChange


class StatusChangeFormSet(BaseGenericInlineFormSet):
    @classmethod
    def get_default_prefix(cls) -> str:
        return "status_changes"  # the name of every model's relation to its moves


class StatusChangeInline(GenericTabularInline):
    """An object's status moves; they are made through the workflow, never here."""

    model = StatusChange
    formset = StatusChangeFormSet  # type: ignore[assignment]  # a generic inline's formset
    extra = 0
    can_delete = False
    readonly_fields = ("from_status", "to_status", "reason", "actor", "created_at")
    fields = readonly_fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "recipient", "message", "read_at"]
    list_select_related = ["recipient"]
    search_fields = ["recipient__email", "message"]


@admin.register(OutboxMail)
class OutboxMailAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "to", "subject", "sent_at", "attempts", "last_error"]
    list_filter = ["sent_at"]
    search_fields = ["to", "subject"]
    exclude = ["body"]
