"""Which groups are scored for a need: the registered ones that pass the coordinator's hard
filters and share a word (or a synonym) or a field with the need.

On PostgreSQL the indexes find them. Each of the need's words, with its synonyms, is one
probe of the groups' search vector (GIN); one query adds up, per group, the weights of the
probes it answers (a rare word weighs more, as PostgreSQL's statistics tell) and keeps the best
:data:`~.weights.POOL`, without reading any vector. Probes of words so common that they would
bring more than about :data:`~.weights.TEXT_CANDIDATES` rows are left out. The fields'
many-to-many index adds the freshest groups sharing a field. Only these bounded sets are read
and scored. On the embedded SQLite every registered group is read and tested in Python.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping
from dataclasses import dataclass

from django.contrib.postgres.search import SearchQuery
from django.core.cache import cache
from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL

from groups.models import CitizenGroup
from kamakura_portal.db import is_postgresql
from kamakura_portal.search import SYNONYM_MARK, synonym_token
from kamakura_portal.synonyms import Alternative, Term

from . import weights
from .profiles import CITY_WIDE, ROW_COLUMNS, Row
from .types import Filters

_FIELDS = CitizenGroup.activity_fields.through
_DISTRICTS = CitizenGroup.districts.through
# The share below which a word counts as rare as can be (its weight stops growing).
_RAREST = 1e-4
_SHARES_KEY = "matching:lexeme-shares"
SHARES_SECONDS = 600


def registered(filters: Filters, today: datetime.date) -> QuerySet[CitizenGroup]:
    """Registered groups whose registration is valid today, narrowed by ``filters``."""
    groups = CitizenGroup.objects.filter(
        status=CitizenGroup.Status.REGISTERED, valid_until__gte=today
    )
    if filters.fields:
        groups = groups.filter(
            Exists(
                _FIELDS.objects.filter(
                    citizengroup_id=OuterRef("pk"), activityfield_id__in=filters.fields
                )
            )
        )
    if filters.districts:
        groups = groups.filter(
            Exists(
                _DISTRICTS.objects.filter(
                    Q(district_id__in=filters.districts) | Q(district__code=CITY_WIDE),
                    citizengroup_id=OuterRef("pk"),
                )
            )
        )
    if filters.organisation_types:
        ids = [int(value) for value in filters.organisation_types if str(value).isdigit()]
        codes = [str(value) for value in filters.organisation_types if not str(value).isdigit()]
        groups = groups.filter(
            Q(organization_type_id__in=ids) | Q(organization_type__code__in=codes)
        )
    if filters.interests:
        groups = groups.filter(collaboration_interest__in=filters.interests)
    return groups


def _lexeme(token: str) -> str:
    return f"'{token}'"


@dataclass(frozen=True)
class Shares:
    """How common the groups' search lexemes are, from PostgreSQL's statistics of the search
    vector (ANALYZE keeps the most common ones and the share of rows holding each)."""

    of: dict[str, float]
    of_group: dict[int, float]  # a Sudachi synonym group: the shares of its words, added
    rarest_listed: float
    rows: float

    @classmethod
    def cached(cls) -> Shares:
        """:meth:`read`, kept in the cache for :data:`SHARES_SECONDS`: the statistics change
        only when PostgreSQL analyses the table again, and are an estimate anyway."""
        shares: Shares | None = cache.get(_SHARES_KEY)
        if shares is None:
            shares = cls.read()
            cache.set(_SHARES_KEY, shares, SHARES_SECONDS)
        return shares

    @classmethod
    def read(cls) -> Shares:
        """One query; empty where the table has not been analysed yet."""
        table = CitizenGroup._meta.db_table
        with connection.cursor() as cursor:
            cursor.execute(_SHARES_SQL, [table, table])
            found = cursor.fetchall()
        shares = {lexeme: share for lexeme, share, _rows in found}
        groups: dict[int, float] = {}
        for lexeme, share in shares.items():
            number = lexeme[1:].partition(SYNONYM_MARK)[0]
            if lexeme.startswith(SYNONYM_MARK) and number.isdigit():
                groups[int(number)] = groups.get(int(number), 0.0) + share
        rows = found[0][2] if found else 0.0
        return cls(shares, groups, min(shares.values(), default=0.0), rows)

    def estimate(self, alternative: Alternative) -> float:
        """The share of rows an alternative may match (an upper bound)."""
        if alternative.group is not None:
            return min(self.of_group.get(alternative.group, self.rarest_listed), 1.0)
        return min(self.of.get(key, self.rarest_listed) for key in alternative.keys)


_SHARES_SQL = """
SELECT u.lexeme, u.share, c.reltuples
FROM pg_stats s
CROSS JOIN LATERAL unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs)
    AS u(lexeme, share)
JOIN pg_class c ON c.relname = %s AND c.relkind = 'r'
WHERE s.tablename = %s AND s.attname = 'search_vector' AND u.lexeme IS NOT NULL
"""


def _tsquery(alternative: Alternative) -> str:
    if alternative.group is not None:
        return f"{_lexeme(synonym_token(alternative.group))}:*"
    if len(alternative.keys) == 1:
        return _lexeme(alternative.keys[0])
    return "(" + " & ".join(map(_lexeme, alternative.keys)) + ")"


@dataclass(frozen=True)
class Probe:
    """One word of the need, with its synonyms, as a raw tsquery; the share of rows it may
    match and its weight in the pre-rank."""

    query: str
    share: float
    weight: float


def probes(terms: list[Term], base: Mapping[str, float], shares: Shares) -> list[Probe]:
    """The probes of the need's words, rarest first, within the budget of rows."""
    made = []
    for term in terms:
        alternatives = [alt for alt in term.alternatives if alt.keys or alt.group is not None]
        if not alternatives:
            continue
        query = " | ".join(dict.fromkeys(_tsquery(alternative) for alternative in alternatives))
        share = min(sum(shares.estimate(alternative) for alternative in alternatives), 1.0)
        rarity = -math.log(max(share, _RAREST)) if shares.rows else 1.0
        made.append(Probe(query, share, base.get(term.key, 1.0) * rarity))
    if not shares.rows:
        return made
    made.sort(key=lambda probe: probe.share)
    chosen, rows = [], 0.0
    for probe in made:
        rows += probe.share * shares.rows
        if rows > weights.TEXT_CANDIDATES:
            break
        chosen.append(probe)
    return chosen


def _best_by_probes(groups: QuerySet[CitizenGroup], chosen: list[Probe]) -> RawSQL:
    """The ids of the groups answering the heaviest probes, as a subquery (the index finds
    each probe's rows, and no search vector is read)."""
    parts, params = [], []
    for probe in chosen:
        query = SearchQuery(probe.query, config="simple", search_type="raw")
        sql, found = groups.filter(search_vector=query).values("pk").query.sql_with_params()
        # Django's own SQL, with its parameters passed apart: nothing of the need is inlined.
        parts.append(f"SELECT hit.id, %s::float AS weight FROM ({sql}) AS hit(id)")  # noqa: S608
        params += [probe.weight, *found]
    sql = (
        f"SELECT id FROM ({' UNION ALL '.join(parts)}) AS hits "  # noqa: S608
        "GROUP BY id ORDER BY sum(weight) DESC, id LIMIT %s"
    )
    return RawSQL(sql, [*params, weights.POOL])  # noqa: S611 (parameters passed apart)


def pool(
    terms: list[Term],
    base: Mapping[str, float],
    field_ids: set[int],
    filters: Filters,
    today: datetime.date,
) -> list[Row]:
    """The groups to score. On PostgreSQL, one query (and the lexemes' statistics when they
    are not in the cache): the rows of the best :data:`~.weights.POOL` groups by the need's
    words and of the freshest :data:`~.weights.FIELD_POOL` groups sharing a field (the
    many-to-many index). On SQLite, one: every registered group that passes the filters;
    the caller drops those that share nothing with the need. ``base``: each term's weight
    (by its key)."""
    groups = registered(filters, today)
    if not is_postgresql():
        return [Row(*row) for row in groups.order_by("pk").values_list(*ROW_COLUMNS)]
    parts = []
    chosen = probes(terms, base, Shares.cached())
    if chosen:
        by_words = groups.filter(pk__in=_best_by_probes(groups, chosen))
        parts.append(by_words.order_by().values_list(*ROW_COLUMNS))
    if field_ids:
        shares_field = Exists(
            _FIELDS.objects.filter(citizengroup_id=OuterRef("pk"), activityfield_id__in=field_ids)
        )
        sharing = groups.filter(shares_field).order_by("-registered_on", "pk")
        parts.append(sharing.values_list(*ROW_COLUMNS)[: weights.FIELD_POOL])
    if not parts:
        return []
    rows = parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0]
    return [Row(*row) for row in rows]
