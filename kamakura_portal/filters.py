"""What the apps' FilterSets share: choosing several terms of a many-to-many field."""

from __future__ import annotations

from typing import Any

import django_filters
from django.db.models import Exists, Model, OuterRef, QuerySet


def in_any(relation: str, queryset: QuerySet[Any], values: Any) -> QuerySet[Any]:
    """Rows filed under any of ``values`` of the many-to-many ``relation``.

    ``EXISTS`` instead of a join: a row under two of the chosen terms appears once, without
    ``DISTINCT`` (which would fight the 五十音 collation and the search ranking in ORDER BY).
    """
    if not values:
        return queryset
    field = queryset.model._meta.get_field(relation)
    through: type[Model] = field.remote_field.through
    target = field.m2m_reverse_field_name()
    links = through._default_manager.filter(
        **{field.m2m_field_name(): OuterRef("pk"), f"{target}__in": values}
    )
    return queryset.filter(Exists(links))


class AnyOfFilter(django_filters.ModelMultipleChoiceFilter):
    """Several terms chosen: the rows filed under any of them (``field_name`` is the relation)."""

    def filter(self, qs: QuerySet[Any], value: Any) -> QuerySet[Any]:
        return in_any(self.field_name, qs, value)
