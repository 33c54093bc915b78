"""The site pages: read by everyone, edited by the centre's staff and the secretariat."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.generic import UpdateView

from accounts.mixins import PortalPermissionRequiredMixin, acting_user

from . import queries
from .forms import SitePageForm
from .models import SitePage
from .services import save_page


def show(request: HttpRequest, key: str) -> HttpResponse:
    page = queries.page(key)
    may_edit = request.user.has_perm("pages.edit_pages")
    return render(request, "pages/page.html", {"page": page, "may_edit": may_edit})


class EditView(PortalPermissionRequiredMixin, UpdateView):
    permission_required = "pages.edit_pages"
    template_name = "pages/edit.html"
    form_class = SitePageForm

    def get_permission_object(self) -> None:
        return None

    def get_object(self, queryset: Any = None) -> SitePage:
        return queries.page(self.kwargs["key"])

    def form_valid(self, form: SitePageForm) -> HttpResponse:
        save_page(form.instance, form.cleaned_data, acting_user(self.request))
        messages.success(self.request, _("The page is saved."))
        return redirect("pages:show", key=form.instance.key)
