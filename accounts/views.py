from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import QuerySet, prefetch_related_objects
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView, TemplateView

from kamakura_portal.audit import history_for, may_read_history
from kamakura_portal.audit_display import with_shown_changes
from kamakura_portal.inbox import inbox_of, mark_all_read, unread_count
from kamakura_portal.models import Notification
from kamakura_portal.waiting import waiting_for

from .mixins import PortalPermissionRequiredMixin, acting_user
from .queries import recent_changes
from .rules import has_mfa


class DashboardView(PortalPermissionRequiredMixin, TemplateView):
    """マイページ: the user's roles, what each lets them do, and account security."""

    permission_required = "accounts.view_dashboard"
    template_name = "accounts/dashboard.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        user = acting_user(self.request)
        # The roles come with the signed-in user (accounts.backends); their departments are
        # read here, in one query when a role has one.
        prefetch_related_objects(user.role_assignments, "department")
        context["role_assignments"] = user.role_assignments
        # Cached on the user by the menu's permission checks: no extra query.
        context["manages_groups"] = bool(user.managed_group_ids)
        context["mfa_enabled"] = has_mfa(user)
        context["waiting"] = waiting_for(user)
        return context


class AuditFeedView(PortalPermissionRequiredMixin, TemplateView):
    """The newest changes across the portal, for staff who may see private data."""

    permission_required = "accounts.view_audit_history"
    template_name = "accounts/audit_feed.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["entries"] = with_shown_changes(recent_changes(self.request.user))
        return context


class ObjectHistoryView(PortalPermissionRequiredMixin, TemplateView):
    """Who changed what and when on one object."""

    permission_required = "accounts.view_audit_history"
    template_name = "accounts/object_history.html"

    def get_object(self) -> models.Model:
        try:
            model = apps.get_model(self.kwargs["app_label"], self.kwargs["model_name"])
            return model._default_manager.get(pk=self.kwargs["pk"])
        except (LookupError, ValueError, models.ObjectDoesNotExist) as exc:
            raise Http404 from exc

    def get_permission_object(self) -> None:
        # The rule is not object-level: check it before looking the object up, so that
        # someone without access cannot tell which objects exist (403, never 404).
        return None

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        obj = self.get_object()
        if not may_read_history(self.request.user, obj):
            # The same answer as the object's own page: its history is as private as it is.
            raise PermissionDenied
        context["object"] = obj
        context["object_label"] = obj._meta.verbose_name
        context["entries"] = with_shown_changes(history_for(obj))
        return context


class InboxView(PortalPermissionRequiredMixin, ListView):
    """お知らせ: everything the portal told the user, about any object, newest first."""

    permission_required = "accounts.view_inbox"
    template_name = "accounts/inbox.html"
    context_object_name = "notices"
    paginate_by = 30

    def get_permission_object(self) -> None:
        return None

    def get_queryset(self) -> QuerySet[Notification]:
        return inbox_of(acting_user(self.request))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(unread=unread_count(acting_user(self.request)), **kwargs)


class MarkInboxReadView(PortalPermissionRequiredMixin, View):
    permission_required = "accounts.view_inbox"

    def get_permission_object(self) -> None:
        return None

    def post(self, request: HttpRequest) -> HttpResponse:
        mark_all_read(acting_user(request))
        messages.success(request, _("All notifications are marked as read."))
        return redirect("inbox")
