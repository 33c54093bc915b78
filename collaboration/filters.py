"""Filters of the list pages: the public projects, and the department needs."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from groups.models import ActivityField, District
from kamakura_portal.filters import AnyOfFilter
from kamakura_portal.widgets import QuickCheckboxSelectMultiple, QuickSelect

from .models import DepartmentNeed, Program, Proposal


class ProjectFilter(django_filters.FilterSet):
    program = django_filters.ModelChoiceFilter(
        label=_("Programme"),
        queryset=Program.objects.select_related("parent"),
        empty_label=_("Any"),
    )
    first_fiscal_year = django_filters.NumberFilter(label=_("Fiscal year"))
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            (Proposal.Status.ADOPTED, Proposal.Status.ADOPTED.label),
            (Proposal.Status.IN_PROGRESS, Proposal.Status.IN_PROGRESS.label),
            (Proposal.Status.CLOSED, Proposal.Status.CLOSED.label),
        ],
        empty_label=_("Any"),
    )

    class Meta:
        model = Proposal
        fields = ["program", "first_fiscal_year", "status"]


class NeedFilter(django_filters.FilterSet):
    """The public list of needs: by field, area and department (any of the chosen terms)."""

    activity_field = AnyOfFilter(
        field_name="activity_fields",
        label=_("Activity field"),
        queryset=ActivityField.objects.cached().filter(
            is_active=True, taxonomy=ActivityField.Taxonomy.CENTRE
        ),
        widget=QuickCheckboxSelectMultiple,
    )
    district = AnyOfFilter(
        field_name="districts",
        label=_("Area"),
        queryset=District.objects.cached().filter(is_active=True),
        widget=QuickCheckboxSelectMultiple,
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Department"),
        queryset=Department.objects.cached().filter(is_active=True, kind="section"),
        empty_label=_("Any"),
        widget=QuickSelect,
    )

    class Meta:
        model = DepartmentNeed
        fields: list[str] = []


class StaffNeedFilter(NeedFilter):
    """The staff list adds the status and whether the need is public."""

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=DepartmentNeed.Status.choices, empty_label=_("Any")
    )
    is_public = django_filters.BooleanFilter(
        label=_("Public"),
        widget=forms.Select(
            choices=[("", _("Any")), ("true", _("Public")), ("false", _("Staff only"))]
        ),
    )
