"""What ``seed_scale`` refuses, and what ``--replace`` removes: the rows an earlier run
generated, and nothing else.

Generated rows are found from what marks them: accounts in :data:`~.context.DOMAIN`, groups
whose representative's address is in it, the plan :data:`~.context.PLAN_CODE`, and the needs,
proposals, invitations, consultations and surveys those accounts created. From there the
removal follows the models' own ``on_delete`` rules, as Django's deletion would but in a
few set-based statements (no row is loaded, no signal sent, no audit entry written): CASCADE
rows go too, SET_NULL columns are cleared, and a PROTECT row that is not generated stops the
whole removal (a real proposal naming a generated group is not ours to delete). Status changes
and inbox entries about removed rows go with them. Taxonomies, departments, programmes, other
plans and every row not reached this way stay.

The SQL is put together from the models' own table and column names (quoted); values are
always parameters.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models
from django.db.models.deletion import get_candidate_relations_to_delete

from accounts.models import User
from collaboration.models import DepartmentNeed, Proposal
from coordination.models import Consultation, Invitation
from groups.models import CitizenGroup, Contact
from measures.models import Plan
from surveys.models import Survey

from ..cached import changed
from .context import DOMAIN, PLAN_CODE


class Refusal(Exception):
    """The database is not one ``seed_scale`` may fill (or empty) as asked."""


def generated_accounts() -> models.QuerySet[User]:
    return User.objects.filter(email__endswith=f"@{DOMAIN}")


def roots() -> list[models.QuerySet[models.Model]]:
    """The generated rows the removal starts from."""
    accounts = generated_accounts()
    made_by = {"created_by__in": accounts}
    return [
        accounts,
        CitizenGroup.objects.filter(
            contacts__kind=Contact.Kind.REPRESENTATIVE, contacts__email__endswith=f"@{DOMAIN}"
        ),
        Plan.objects.filter(code=PLAN_CODE),
        *(
            model.objects.filter(**made_by)
            for model in (DepartmentNeed, Proposal, Invitation, Consultation, Survey)
        ),
    ]


def leftovers() -> bool:
    """Whether rows of an earlier run are still there."""
    return any(queryset.exists() for queryset in roots())


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _pk(model: type[models.Model]) -> str:
    return _q(model._meta.pk.column)


@dataclass(frozen=True)
class Link:
    """A foreign key of ``holder`` (its ``column``) to ``target``'s ``target_column``, and
    what happens to the holder's row when the target's row is deleted."""

    holder: type[models.Model]
    column: str
    target: type[models.Model]
    target_column: str
    on_delete: Any


def links_to(model: type[models.Model]) -> list[Link]:
    """The foreign keys that point to ``model`` (those Django's deletion follows)."""
    found = []
    relation: Any
    for relation in get_candidate_relations_to_delete(model._meta):
        key = relation.field
        found.append(
            Link(
                holder=key.model,
                column=key.column,
                target=model,
                target_column=key.target_field.column,
                on_delete=key.remote_field.on_delete,
            )
        )
    return found


@dataclass
class Removal:
    """The rows to remove, one temporary table of primary keys per model."""

    marked: dict[type[models.Model], str] = field(default_factory=dict)
    counter: itertools.count[int] = field(default_factory=itertools.count)

    def table(self, model: type[models.Model]) -> str:
        if model not in self.marked:
            name = _q(f"scale_removed_{next(self.counter)}")
            source = _q(model._meta.db_table)
            with connection.cursor() as cursor:
                cursor.execute(
                    f"CREATE TEMPORARY TABLE {name} ON COMMIT DROP AS "  # noqa: S608
                    f"SELECT {_pk(model)} AS pk FROM {source} WITH NO DATA"
                )
                cursor.execute(f"ALTER TABLE {name} ADD PRIMARY KEY (pk)")
            self.marked[model] = name
        return self.marked[model]

    def mark(self, model: type[models.Model], sql: str, params: Sequence[Any] = ()) -> int:
        """Add the primary keys ``sql`` selects; returns how many were new."""
        table = self.table(model)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (pk) {sql} ON CONFLICT DO NOTHING",
                list(params),
            )
            return cursor.rowcount

    def held(self, model: type[models.Model]) -> str:
        return f"SELECT pk FROM {self.marked[model]}"  # noqa: S608

    def keys(self, link: Link) -> str:
        """SQL selecting the values ``link``'s column holds for the marked rows it points to
        (their keys, or the field the foreign key names)."""
        if link.target_column == link.target._meta.pk.column:
            return self.held(link.target)
        return (
            f"SELECT {_q(link.target_column)} FROM {_q(link.target._meta.db_table)} "  # noqa: S608
            f"WHERE {_pk(link.target)} IN ({self.held(link.target)})"
        )

    def referring(self, link: Link) -> str:
        """SQL selecting the keys of the holder's rows that point to a marked row."""
        return (
            f"SELECT {_pk(link.holder)} FROM {_q(link.holder._meta.db_table)} "  # noqa: S608
            f"WHERE {_q(link.column)} IN ({self.keys(link)})"
        )


def _about_models() -> list[tuple[type[models.Model], GenericForeignKey]]:
    return [
        (model, private)
        for model in apps.get_models()
        for private in model._meta.private_fields
        if isinstance(private, GenericForeignKey)
    ]


def _column(model: type[models.Model], name: str) -> str:
    found: Any = model._meta.get_field(name)
    return str(found.column)


def _spread(removal: Removal) -> None:
    """Mark what the marked rows take with them, until nothing more is reached (each round
    follows only the models that gained rows in the one before)."""
    about = _about_models()
    grown = set(removal.marked)
    while grown:
        following, grown = grown, set()
        for model in following:
            for link in links_to(model):
                cascades = link.on_delete is models.CASCADE
                if cascades and removal.mark(link.holder, removal.referring(link)):
                    grown.add(link.holder)
            if model._meta.auto_created:
                continue  # a many-to-many table: nothing is ever about its rows
            kind = ContentType.objects.get_for_model(model, for_concrete_model=False)
            for holder, generic in about:
                fk = _q(_column(holder, generic.fk_field))
                ct = _q(_column(holder, generic.ct_field))
                sql = (
                    f"SELECT {_pk(holder)} FROM {_q(holder._meta.db_table)} "  # noqa: S608
                    f"WHERE {ct} = %s AND {fk} IN ({removal.held(model)})"
                )
                if removal.mark(holder, sql, [kind.pk]):
                    grown.add(holder)


def _settle_references(removal: Removal) -> None:
    """Refuse on a row outside the removal that protects a removed one; clear SET_NULL
    columns of the rows that stay."""
    for model in list(removal.marked):
        for link in links_to(model):
            table = _q(link.holder._meta.db_table)
            column = _q(link.column)
            where = f"WHERE {column} IN ({removal.keys(link)})"
            if link.holder in removal.marked:
                # NOT EXISTS, not NOT IN: an anti-join, whatever the number of rows.
                where += (
                    f" AND NOT EXISTS (SELECT 1 FROM {removal.marked[link.holder]} AS removed "  # noqa: S608
                    f"WHERE removed.pk = {table}.{_pk(link.holder)})"
                )
            with connection.cursor() as cursor:
                if link.on_delete is models.SET_NULL:
                    cursor.execute(f"UPDATE {table} SET {column} = NULL {where}")  # noqa: S608
                elif link.on_delete not in (models.CASCADE, models.DO_NOTHING):
                    cursor.execute(f"SELECT count(*) FROM {table} {where}")  # noqa: S608
                    (count,) = cursor.fetchone()
                    if count:
                        raise Refusal(
                            f"{count} {link.holder._meta.verbose_name_plural} that seed_scale "
                            f"did not make refer to generated {model._meta.verbose_name_plural}"
                            "; --replace removes generated data only. Remove or change them first."
                        )


def remove_generated() -> dict[str, int]:
    """Remove what earlier runs generated (in the caller's transaction: foreign keys are
    checked at commit, so the order of the deletes does not matter); returns the rows
    removed per table."""
    removal = Removal()
    for queryset in roots():
        sql, params = queryset.values("pk").query.sql_with_params()
        removal.mark(queryset.model, sql, params)
    _spread(removal)
    with connection.cursor() as cursor:
        for table in removal.marked.values():
            cursor.execute(f"ANALYZE {table}")  # the planner's row counts for what follows
    _settle_references(removal)
    removed = {}
    with connection.cursor() as cursor:
        for model, table in removal.marked.items():
            cursor.execute(
                f"DELETE FROM {_q(model._meta.db_table)} "  # noqa: S608
                f"WHERE {_pk(model)} IN (SELECT pk FROM {table})"
            )
            if cursor.rowcount:
                removed[model._meta.db_table] = cursor.rowcount
                changed(model)  # a raw DELETE sends no signal: retire the cached rows
            cursor.execute(f"DROP TABLE {table}")
        # Check every foreign key now, not at commit: a missed reference fails here, clearly.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    return removed
