"""The centre staff's page of the civic synonyms the matching reads: the list, and the forms
to add, edit and delete a set. Centre staff (and administrators) only; the rules are not about
one set, so they are checked before a set is looked up (403, never 404)."""

from __future__ import annotations

from functools import cached_property
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.generic import FormView, ListView, TemplateView

from accounts.mixins import PortalPermissionRequiredMixin, acting_user
from kamakura_portal.models import CivicSynonym

from ..forms.synonyms import CivicSynonymForm
from ..services.synonyms import delete_synonym, save_synonym


class SynonymListView(PortalPermissionRequiredMixin, ListView):
    permission_required = "coordination.view_synonyms"
    template_name = "coordination/synonyms.html"
    context_object_name = "synonyms"

    def get_permission_object(self) -> None:
        return None

    def get_queryset(self) -> Any:
        return CivicSynonym.objects.select_related("updated_by").order_by("pk")


class SynonymFormView(PortalPermissionRequiredMixin, FormView):
    """Add a set (no ``pk``) or edit one."""

    template_name = "coordination/synonym_form.html"
    form_class = CivicSynonymForm

    def get_permission_required(self) -> tuple[str]:
        if "pk" in self.kwargs:
            return ("coordination.change_synonym",)
        return ("coordination.add_synonym",)

    def get_permission_object(self) -> None:
        return None

    @cached_property
    def synonym(self) -> CivicSynonym | None:
        if "pk" not in self.kwargs:
            return None
        return get_object_or_404(CivicSynonym, pk=self.kwargs["pk"])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.synonym}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(synonym=self.synonym, **kwargs)

    def form_valid(self, form: CivicSynonymForm) -> HttpResponse:
        save_synonym(
            self.synonym or CivicSynonym(),
            form.cleaned_data["words"],
            form.cleaned_data["note"],
            acting_user(self.request),
        )
        messages.success(self.request, _("The synonyms are saved."))
        return redirect("coordination:synonyms")


class SynonymDeleteView(PortalPermissionRequiredMixin, TemplateView):
    permission_required = "coordination.delete_synonym"
    template_name = "coordination/synonym_delete.html"

    def get_permission_object(self) -> None:
        return None

    @cached_property
    def synonym(self) -> CivicSynonym:
        return get_object_or_404(CivicSynonym, pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(synonym=self.synonym, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        delete_synonym(self.synonym)
        messages.success(request, _("The synonyms are deleted."))
        return redirect("coordination:synonyms")
