"""Filters of the public list of collaboration projects."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Program, Proposal


class ProjectFilter(django_filters.FilterSet):
    program = django_filters.ModelChoiceFilter(
        label=_("Programme"), queryset=Program.objects.select_related("parent")
    )
    first_fiscal_year = django_filters.NumberFilter(label=_("Fiscal year"))
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            (Proposal.Status.ADOPTED, Proposal.Status.ADOPTED.label),
            (Proposal.Status.IN_PROGRESS, Proposal.Status.IN_PROGRESS.label),
            (Proposal.Status.CLOSED, Proposal.Status.CLOSED.label),
        ],
    )

    class Meta:
        model = Proposal
        fields = ["program", "first_fiscal_year", "status"]
