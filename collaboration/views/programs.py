"""The secretariat's pages for the programmes (制度): the list and the edit form.

Programmes are data: their windows, amounts and eligibility rules change here, and the
eligibility check at submission reads them.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.generic import ListView, UpdateView

from accounts.mixins import PortalPermissionRequiredMixin

from ..forms.programs import ProgramForm
from ..models import Program
from ..services.programs import save_program


class ProgramListView(PortalPermissionRequiredMixin, ListView):
    permission_required = "collaboration.manage_programs"
    template_name = "collaboration/programs.html"
    context_object_name = "programs"

    def get_permission_object(self) -> None:
        return None

    def get_queryset(self) -> Any:
        return Program.objects.select_related("parent")


class ProgramEditView(PortalPermissionRequiredMixin, UpdateView):
    permission_required = "collaboration.manage_programs"
    template_name = "collaboration/program_edit.html"
    form_class = ProgramForm
    model = Program

    def get_permission_object(self) -> None:
        return None

    def form_valid(self, form: ProgramForm) -> HttpResponse:
        save_program(form.instance, form.cleaned_data)
        messages.success(self.request, _("The programme is saved."))
        return redirect("collaboration:programs")
