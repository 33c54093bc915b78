"""The one way views check permissions: a rules permission, with a helpful MFA redirect."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from rules.contrib.views import PermissionRequiredMixin

from .models import User
from .rules import has_mfa, passes_with_mfa


class PortalPermissionRequiredMixin(PermissionRequiredMixin):
    """``PermissionRequiredMixin`` of django-rules, plus the MFA requirement for staff.

    A staff user who would pass but for two-factor authentication is sent to set it up,
    with a message saying why, instead of getting a bare 403.
    """

    request: HttpRequest
    # The permissions that failed, when a view checks one more than its own (refuse()).
    _failed: Iterable[str] | None = None

    def refuse(self, permission: str) -> HttpResponseRedirect:
        """The answer to someone without ``permission`` on the page's object: the same as
        for the page's own permission (sign in, set up two-factor authentication, or 403)."""
        self._failed = (permission,)
        return self.handle_no_permission()

    def handle_no_permission(self) -> HttpResponseRedirect:
        user = self.request.user
        failed = self._failed or self.get_permission_required()
        if (
            settings.PORTAL_REQUIRE_MFA_FOR_STAFF
            and user.is_authenticated
            and not has_mfa(user)
            and passes_with_mfa(user, failed, self.get_permission_object())
        ):
            messages.warning(
                self.request,
                _("To see private data, set up two-factor authentication first."),
            )
            return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return super().handle_no_permission()


def acting_user(request: HttpRequest) -> User:
    """The signed-in person a write, or a page of their own things, is made for.

    Such views check a permission (or sign-in) that admits signed-in users only; this narrows
    the request's user to the portal's ``User`` for the services' and queries' types, and
    refuses (403) if a permission ever let an anonymous visitor through.
    """
    user = request.user
    if not isinstance(user, User):
        raise PermissionDenied
    return user
