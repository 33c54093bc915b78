"""FilterSets of the registry's list pages: the public directory and the staff registry.

Filters live in the address (a GET form), so a search can be bookmarked, shared and paged
through. Choosing several activity fields or districts finds groups in any of them; the
different filters narrow each other down.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import django_filters
from django import forms
from django.db.models import Exists, Model, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from .models import ActivityField, CitizenGroup, District, OrganizationType
from .queries import sorted_groups
from .search import search_groups

SORT_CHOICES = [
    ("kana", _("By furigana (a to z)")),
    ("newest", _("Newest registrations first")),
    ("updated", _("Recently updated first")),
]


def _in_any(relation: str, queryset: QuerySet[CitizenGroup], values: Any) -> QuerySet[CitizenGroup]:
    """Groups filed under any of ``values`` of a many-to-many ``relation``.

    ``EXISTS`` instead of a join: a group in two of the chosen fields appears once, without
    ``DISTINCT`` (which would fight the 五十音 collation and the search ranking in ORDER BY).
    """
    if not values:
        return queryset
    field = CitizenGroup._meta.get_field(relation)
    through: type[Model] = field.remote_field.through  # type: ignore[union-attr]
    target = field.m2m_reverse_field_name()  # type: ignore[union-attr]
    links = through._default_manager.filter(
        **{field.m2m_field_name(): OuterRef("pk"), f"{target}__in": values}  # type: ignore[union-attr]
    )
    return queryset.filter(Exists(links))


class DirectoryFilter(django_filters.FilterSet):
    """The public directory's search form; the staff registry adds the status."""

    q = django_filters.CharFilter(
        label=_("Keyword"),
        method="keep",
        help_text=_("Words in the group's name, furigana or activities, e.g. 子育て or 防災."),
    )
    activity_field = django_filters.ModelMultipleChoiceFilter(
        label=_("Activity field"),
        queryset=ActivityField.objects.filter(is_active=True).filter(
            taxonomy=ActivityField.Taxonomy.CENTRE
        ),
        widget=forms.CheckboxSelectMultiple,
        method="filter_activity_field",
    )
    district = django_filters.ModelMultipleChoiceFilter(
        label=_("Area of activity"),
        queryset=District.objects.filter(is_active=True),
        widget=forms.CheckboxSelectMultiple,
        method="filter_district",
    )
    organization_type = django_filters.ModelChoiceFilter(
        label=_("Organisation type"),
        queryset=OrganizationType.objects.filter(is_active=True),
        empty_label=_("Any"),
    )
    collaboration_interest = django_filters.ChoiceFilter(
        label=_("Interest in collaboration"),
        choices=CitizenGroup.Interest.choices,
        empty_label=_("Any"),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Order"),
        choices=SORT_CHOICES,
        empty_label=_("Standard"),
        help_text=_(
            "Standard: best matches first when you search by keyword, otherwise by furigana."
        ),
        method="keep",
    )

    class Meta:
        model = CitizenGroup
        fields: list[str] = []

    def keep(self, queryset: QuerySet[CitizenGroup], name: str, value: Any) -> Any:
        """Keyword and order are applied last, in :meth:`filter_queryset`."""
        return queryset

    def filter_activity_field(
        self, queryset: QuerySet[CitizenGroup], name: str, value: Any
    ) -> QuerySet[CitizenGroup]:
        return _in_any("activity_fields", queryset, value)

    def filter_district(
        self, queryset: QuerySet[CitizenGroup], name: str, value: Any
    ) -> QuerySet[CitizenGroup]:
        return _in_any("districts", queryset, value)

    def filter_queryset(self, queryset: QuerySet[CitizenGroup]) -> QuerySet[CitizenGroup]:
        queryset = super().filter_queryset(queryset)
        keyword = self.form.cleaned_data.get("q") or ""
        sort = self.form.cleaned_data.get("sort") or ""
        if keyword.strip():
            # Best matches first, unless the visitor chose an order.
            queryset = search_groups(queryset, keyword)
            return sorted_groups(queryset, sort) if sort else queryset
        return sorted_groups(queryset, sort or "kana")


class StaffRegistryFilter(DirectoryFilter):
    """The staff registry: every status, each choice labelled with its number of groups."""

    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=CitizenGroup.Status.choices, empty_label=_("All statuses")
    )

    def __init__(self, *args: Any, counts: Mapping[str, int] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if counts is not None:
            status = self.filters["status"]
            status.extra["choices"] = [
                (value, f"{label} ({counts.get(value, 0)})")
                for value, label in CitizenGroup.Status.choices
            ]
            status.extra["empty_label"] = _("All statuses (%(count)s)") % {
                "count": sum(counts.values())
            }
