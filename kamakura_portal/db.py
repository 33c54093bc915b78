"""Database helpers shared by the apps: what differs between PostgreSQL and SQLite."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.db.migrations.operations import AddIndex


class PostgresOnlyAddIndex(AddIndex):
    """``AddIndex`` for PostgreSQL-only index types (GIN): a no-op on the embedded SQLite.

    The model state always knows the index, so ``makemigrations`` stays quiet on both.
    """

    def database_forwards(self, app_label: str, schema_editor: Any, *args: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, *args)

    def database_backwards(self, app_label: str, schema_editor: Any, *args: Any) -> None:
        if schema_editor.connection.vendor == "postgresql":
            super().database_backwards(app_label, schema_editor, *args)


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def copy_status_changes(
    app_label: str, record: str, subject_field: str, *, reason_field: str = "reason"
) -> Callable[[Any, Any], None]:
    """A ``RunPython`` step that copies an app's own status-change rows into the shared
    record (:class:`kamakura_portal.models.StatusChange`), keeping who, when and why."""

    def copy(apps: Any, schema_editor: Any) -> None:
        old = apps.get_model(app_label, record)
        if not old.objects.exists():
            return
        subject = old._meta.get_field(subject_field).related_model
        content_type, _created = apps.get_model(
            "contenttypes", "ContentType"
        ).objects.get_or_create(app_label=subject._meta.app_label, model=subject._meta.model_name)
        shared = apps.get_model("kamakura_portal", "StatusChange")
        shared.objects.bulk_create(
            (
                shared(
                    content_type_id=content_type.pk,
                    object_id=getattr(row, f"{subject_field}_id"),
                    from_status=row.from_status,
                    to_status=row.to_status,
                    reason=getattr(row, reason_field),
                    actor_id=row.actor_id,
                    created_at=row.created_at,
                )
                for row in old.objects.order_by("pk").iterator()
            ),
            batch_size=1000,
        )

    return copy
