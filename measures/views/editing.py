"""The secretariat's pages for editing plans: the list of plans, one plan's outline, forms for
its details, sections, tiers, categories and measures, deleting, reordering and copying an
edition. Every page needs ``measures.manage_plans``; the permission is checked before any
plan is looked up, so others cannot probe which plans or rows exist.
"""

from __future__ import annotations

import copy
from functools import cached_property
from typing import Any, ClassVar

from django import forms
from django.contrib import messages
from django.db.models import Count, Model, Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import URLPattern, path, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView, TemplateView

from accounts.mixins import PortalPermissionRequiredMixin, acting_user

from .. import editing, editions
from ..forms.editing import (
    CategoryForm,
    CopyEditionForm,
    MeasureForm,
    PlanForm,
    SectionForm,
    TierForm,
    step_formset,
)
from ..models import Category, Measure, Plan, PlanSection, Tier


class ManagePlansMixin(PortalPermissionRequiredMixin):
    permission_required = "measures.manage_plans"

    def get_permission_object(self) -> None:
        return None


class PlanListView(ManagePlansMixin, ListView):
    """Every plan with its counts, grouped by municipality as the model orders them."""

    template_name = "measures/editing/plans.html"
    context_object_name = "plans"

    def get_queryset(self) -> QuerySet[Plan]:
        return Plan.objects.select_related("previous_edition").annotate(
            measure_count=Count("measures", distinct=True),
            section_count=Count("sections", distinct=True),
        )


class PlanMixin(ManagePlansMixin):
    kwargs: dict[str, Any]

    @cached_property
    def plan(self) -> Plan:
        return get_object_or_404(
            Plan.objects.select_related("previous_edition"), code=self.kwargs["code"]
        )


def plan_outline(plan: Plan) -> dict[str, Any]:
    """The plan's sections, tiers, later editions, and its categories as a tree of rows
    (category, depth, measures) in print order, with the measures of no category. Five queries
    whatever the size of the plan."""
    measures = list(
        plan.measures.select_related("tier").prefetch_related(
            Prefetch("lead_departments", to_attr="departments")
        )
    )
    by_category: dict[int | None, list[Measure]] = {}
    for measure in measures:
        by_category.setdefault(measure.category_id, []).append(measure)
    rows = [
        (category, depth, by_category.get(category.pk, []))
        for category, depth, _path in editing.tree_order(plan.categories.all())
    ]
    return {
        "sections": list(plan.sections.all()),
        "tiers": list(plan.tiers.all()),
        "category_rows": rows,
        "uncategorised": by_category.get(None, []),
        "measure_count": len(measures),
        "next_editions": list(plan.next_editions.all()),
    }


class PlanView(PlanMixin, TemplateView):
    template_name = "measures/editing/plan.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["plan"] = self.plan
        context.update(plan_outline(self.plan))
        return context


class RowFormView(PlanMixin, TemplateView):
    """Create (no ``pk``) or edit one row of a plan; errors are shown beside their fields."""

    template_name = "measures/editing/form.html"
    model: ClassVar[type[Model]]
    form_class: ClassVar[type[forms.ModelForm]]
    anchor: ClassVar[str]
    new_title: ClassVar[str | Promise]

    @cached_property
    def row(self) -> Any:
        if "pk" in self.kwargs:
            manager: Any = self.model._default_manager
            return get_object_or_404(manager, pk=self.kwargs["pk"], plan=self.plan)
        return self.model(plan=self.plan)

    def get_form(self, data: Any = None) -> forms.ModelForm:
        return self.form_class(data, instance=self.row)

    def page_plan(self) -> Plan | None:
        """The plan the page belongs to, as saved (for its heading and links)."""
        return self.plan

    def save(self, form: forms.ModelForm) -> Any:
        raise NotImplementedError

    def success_url(self, row: Any) -> str:
        return reverse("measures:manage_plan", kwargs={"code": self.plan.code}) + (
            f"#{self.anchor}-{row.pk}"
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.setdefault("form", self.get_form())
        context["plan"] = self.page_plan()
        context["row"] = self.row
        # Read before the form binds: a rejected change must not rename the page.
        context["heading"] = str(self.row) if self.row.pk else self.new_title
        return context

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        context = self.get_context_data(form=self.get_form(request.POST))
        if self.is_valid(context):
            try:
                row = self.save(context["form"])
            except editing.EditingError as error:
                self.add_error(context, error)
            else:
                messages.success(request, _("“%s” is saved.") % row)
                return HttpResponseRedirect(self.success_url(row))
        return self.render_to_response(context, status=200)

    def is_valid(self, context: dict[str, Any]) -> bool:
        return bool(context["form"].is_valid())

    def add_error(self, context: dict[str, Any], error: editing.EditingError) -> None:
        form = context["form"]
        form.add_error(error.field if error.field in form.fields else None, str(error))


class SectionFormView(RowFormView):
    model = PlanSection
    form_class = SectionForm
    anchor = "section"
    new_title = gettext_lazy("New section")

    def save(self, form: forms.ModelForm) -> Any:
        return editing.save_section(self.row, form.cleaned_data)


class TierFormView(RowFormView):
    model = Tier
    form_class = TierForm
    anchor = "tier"
    new_title = gettext_lazy("New tier")

    def save(self, form: forms.ModelForm) -> Any:
        return editing.save_tier(self.row, form.cleaned_data)


class CategoryFormView(RowFormView):
    model = Category
    form_class = CategoryForm
    anchor = "category"
    new_title = gettext_lazy("New category")

    def get_form(self, data: Any = None) -> forms.ModelForm:
        initial = {"parent": self.request.GET.get("parent")} if not self.row.pk else None
        return CategoryForm(data, instance=self.row, plan=self.plan, initial=initial)

    def save(self, form: forms.ModelForm) -> Any:
        return editing.save_category(self.row, form.cleaned_data)


class MeasureFormView(RowFormView):
    """A measure with its lead departments, related measures and planned steps."""

    template_name = "measures/editing/measure_form.html"
    model = Measure
    form_class = MeasureForm
    anchor = "measure"
    new_title = gettext_lazy("New measure")

    def get_form(self, data: Any = None) -> forms.ModelForm:
        initial = {"category": self.request.GET.get("category")} if not self.row.pk else None
        return MeasureForm(data, instance=self.row, plan=self.plan, initial=initial)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.setdefault("steps", step_formset(self.plan, self.row))
        if self.row.predecessor_id:
            context["predecessor"] = Measure.objects.select_related("plan").get(
                pk=self.row.predecessor_id
            )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.posted_steps = step_formset(self.plan, self.row, request.POST)
        return super().post(request, *args, **kwargs)

    def is_valid(self, context: dict[str, Any]) -> bool:
        context["steps"] = self.posted_steps
        form_ok = bool(context["form"].is_valid())
        return self.posted_steps.is_valid() and form_ok

    def save(self, form: forms.ModelForm) -> Any:
        data = form.cleaned_data
        return editing.save_measure(
            self.row,
            data,
            lead_departments=data["lead_departments"],
            related=data["related"],
            steps=self.posted_steps.steps(),
        )


class PlanFormView(RowFormView):
    """A plan's own details; without ``code`` in the address, a new plan."""

    model = Plan
    form_class = PlanForm
    new_title = gettext_lazy("New plan")

    @cached_property
    def row(self) -> Any:
        # A copy: the page around the form keeps the saved code and title if a change fails.
        return copy.copy(self.plan) if "code" in self.kwargs else Plan()

    def page_plan(self) -> Plan | None:
        return self.plan if "code" in self.kwargs else None

    def save(self, form: forms.ModelForm) -> Any:
        return editing.save_plan(self.row, form.cleaned_data)

    def success_url(self, row: Any) -> str:
        return reverse("measures:manage_plan", kwargs={"code": row.code})


class CopyEditionView(PlanMixin, TemplateView):
    """Start the next edition: the old one stays as it is, and stays browsable."""

    template_name = "measures/editing/copy_edition.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["plan"] = self.plan
        context.setdefault("form", CopyEditionForm(initial={"title": self.plan.title}))
        context["measure_count"] = self.plan.measures.count()
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = CopyEditionForm(request.POST)
        if form.is_valid():
            try:
                new = editions.copy_edition(self.plan, **form.cleaned_data, by=acting_user(request))
            except editing.EditingError as error:
                form.add_error(error.field if error.field in form.fields else None, str(error))
            else:
                messages.success(
                    request,
                    _("“%(new)s” is created from “%(old)s”. Its measures are carried over.")
                    % {"new": new, "old": self.plan},
                )
                return redirect("measures:manage_plan", code=new.code)
        return self.render_to_response(self.get_context_data(form=form))


class RowMixin(PlanMixin):
    model: type[Model] = Model

    @cached_property
    def row(self) -> Any:
        manager: Any = self.model._default_manager
        return get_object_or_404(manager, pk=self.kwargs["pk"], plan=self.plan)

    def plan_url(self, anchor: str = "") -> str:
        url = reverse("measures:manage_plan", kwargs={"code": self.plan.code})
        return f"{url}#{anchor}" if anchor else url


class DeleteRowView(RowMixin, TemplateView):
    """Confirm, then delete; a row something still refers to is kept, with the reasons."""

    template_name = "measures/editing/confirm_delete.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            plan=self.plan,
            row=self.row,
            kind=self.model._meta.verbose_name,
            blockers=editing.delete_blockers(self.row),
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        name = str(self.row)
        try:
            editing.delete_row(self.row)
        except editing.EditingError as error:
            return self.render_to_response(self.get_context_data(error=str(error)), status=409)
        messages.success(request, _("“%s” is deleted.") % name)
        return HttpResponseRedirect(self.plan_url())


ANCHORS = {PlanSection: "section", Tier: "tier", Category: "category", Measure: "measure"}


class MoveRowView(RowMixin, View):
    """Move a row one place up or down among its siblings (a POST from the plan's page)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        offset = {"up": -1, "down": 1}.get(request.POST.get("direction", ""))
        if offset is None or not editing.move(self.row, offset):
            messages.warning(request, _("“%s” cannot move further that way.") % self.row)
        return HttpResponseRedirect(self.plan_url(f"{ANCHORS[self.model]}-{self.row.pk}"))


def row_urls(plural: str, view: type[RowFormView]) -> list[URLPattern]:
    """The create, edit, delete and move addresses of one kind of row of a plan."""
    name, model = view.anchor, view.model
    prefix = f"manage/<slug:code>/{plural}/"
    return [
        path(f"{prefix}new/", view.as_view(), name=f"manage_{name}_create"),
        path(f"{prefix}<int:pk>/", view.as_view(), name=f"manage_{name}_edit"),
        path(
            f"{prefix}<int:pk>/delete/",
            DeleteRowView.as_view(model=model),
            name=f"manage_{name}_delete",
        ),
        path(
            f"{prefix}<int:pk>/move/", MoveRowView.as_view(model=model), name=f"manage_{name}_move"
        ),
    ]
