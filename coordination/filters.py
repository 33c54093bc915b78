"""FilterSets of the coordination app's list pages: the consultation log.

Filters live in the address (a GET form), so a search can be bookmarked and paged through.
The log stays newest first when a keyword narrows it: staff read it as a diary.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kamakura_portal.dates import fiscal_year_label
from kamakura_portal.filters import AnyOfFilter
from kamakura_portal.search import is_searchable

from .models import Consultation, Method, Topic
from .queries.consultations import due_condition, fiscal_years_on_record, in_fiscal_year
from .search import search_consultations


class ConsultationFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Keyword"),
        method="by_keyword",
        help_text=_(
            "Words in the content, the referral, the follow-up or the asker's name, "
            "e.g. 助成金 or 会計."
        ),
    )
    topic = AnyOfFilter(
        field_name="topics",
        label=_("Topic"),
        queryset=Topic.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
    )
    method = django_filters.ChoiceFilter(
        label=_("Method"), choices=Method.choices, empty_label=_("Any")
    )
    fiscal_year = django_filters.ChoiceFilter(
        label=_("Fiscal year"), method="by_fiscal_year", empty_label=_("Any")
    )
    due = django_filters.BooleanFilter(
        label=_("Only follow-ups that are due"),
        method="by_due",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = Consultation
        fields: list[str] = []

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.filters["fiscal_year"].extra["choices"] = [
            (str(year), fiscal_year_label(year)) for year in fiscal_years_on_record()
        ]

    def by_keyword(self, queryset: QuerySet[Consultation], name: str, value: str) -> Any:
        if not is_searchable(value):
            return queryset
        return search_consultations(queryset, value).order_by("-consulted_on", "-pk")

    def by_fiscal_year(self, queryset: QuerySet[Consultation], name: str, value: str) -> Any:
        return queryset.filter(in_fiscal_year(int(value)))

    def by_due(self, queryset: QuerySet[Consultation], name: str, value: bool | None) -> Any:
        return queryset.filter(due_condition(timezone.localdate())) if value else queryset
