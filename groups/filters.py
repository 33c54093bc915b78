"""FilterSets of the registry's list pages: the public directory and the staff registry.

Filters live in the address (a GET form), so a search can be bookmarked, shared and paged
through. Choosing several activity fields or districts finds groups in any of them
(:class:`kamakura_portal.filters.AnyOfFilter`); the different filters narrow each other down.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import django_filters
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kamakura_portal.filters import AnyOfFilter
from kamakura_portal.search import is_searchable
from kamakura_portal.widgets import QuickCheckboxSelectMultiple, QuickSelect

from .models import ActivityField, CitizenGroup, District, OrganizationType
from .queries import sorted_groups
from .search import search_groups

SORT_CHOICES = [
    ("kana", _("By furigana (a to z)")),
    ("newest", _("Newest registrations first")),
    ("updated", _("Recently updated first")),
]


class DirectoryFilter(django_filters.FilterSet):
    """The public directory's search form; the staff registry adds the status."""

    q = django_filters.CharFilter(
        label=_("Keyword"),
        method="keep",
        help_text=_("Words in the group's name, furigana or activities, e.g. 子育て or 防災."),
    )
    activity_field = AnyOfFilter(
        field_name="activity_fields",
        label=_("Activity field"),
        queryset=ActivityField.objects.cached()
        .filter(is_active=True)
        .filter(taxonomy=ActivityField.Taxonomy.CENTRE),
        widget=QuickCheckboxSelectMultiple,
    )
    district = AnyOfFilter(
        field_name="districts",
        label=_("Area of activity"),
        queryset=District.objects.cached().filter(is_active=True),
        widget=QuickCheckboxSelectMultiple,
    )
    organization_type = django_filters.ModelChoiceFilter(
        label=_("Organisation type"),
        queryset=OrganizationType.objects.cached().filter(is_active=True),
        empty_label=_("Any"),
        widget=QuickSelect,
    )
    collaboration_interest = django_filters.ChoiceFilter(
        label=_("Interest in collaboration"),
        choices=CitizenGroup.Interest.choices,
        empty_label=_("Any"),
        widget=QuickSelect,
    )
    sort = django_filters.ChoiceFilter(
        label=_("Order"),
        choices=SORT_CHOICES,
        empty_label=_("Standard"),
        help_text=_(
            "Standard: best matches first when you search by keyword, otherwise by furigana."
        ),
        method="keep",
        widget=QuickSelect,
    )

    class Meta:
        model = CitizenGroup
        fields: list[str] = []

    def keep(self, queryset: QuerySet[CitizenGroup], name: str, value: Any) -> Any:
        """Keyword and order are applied last, in :meth:`filter_queryset`."""
        return queryset

    def filter_queryset(self, queryset: QuerySet[CitizenGroup]) -> QuerySet[CitizenGroup]:
        queryset = super().filter_queryset(queryset)
        keyword = self.form.cleaned_data.get("q") or ""
        sort = self.form.cleaned_data.get("sort") or ""
        if is_searchable(keyword):
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
                (
                    value,
                    _("%(status)s (%(count)s)") % {"status": label, "count": counts.get(value, 0)},
                )
                for value, label in CitizenGroup.Status.choices
            ]
            status.extra["empty_label"] = _("All statuses (%(count)s)") % {
                "count": sum(counts.values())
            }
