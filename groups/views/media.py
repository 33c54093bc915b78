"""A group's logo, served by the portal so that uploaded files never need a public folder."""

from __future__ import annotations

import mimetypes
from typing import Any

from django.http import FileResponse, Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.views import View

from ..models import CitizenGroup

LOGO_TYPES = {"image/png", "image/jpeg", "image/gif", "image/webp"}


class GroupLogoView(View):
    """The logo of a group the visitor may see (a registered group, or one they manage)."""

    def get(self, request: HttpRequest, pk: int, **kwargs: Any) -> FileResponse:
        group = get_object_or_404(CitizenGroup.objects.only("pk", "status", "logo"), pk=pk)
        if not group.logo or not request.user.has_perm("groups.view_group", group):
            raise Http404
        content_type, _encoding = mimetypes.guess_type(group.logo.name)
        if content_type not in LOGO_TYPES:
            raise Http404
        response = FileResponse(group.logo.open("rb"), content_type=content_type)
        response["Cache-Control"] = "public, max-age=3600" if group.is_public else "private"
        response["X-Content-Type-Options"] = "nosniff"
        return response
