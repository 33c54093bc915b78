"""Japanese keyword search for any model (DESIGN.md §5): tokens, stored document, query.

Texts are cut into words by SudachiPy and stored as folded tokens in two fields of a
:class:`Searchable` model: ``search_name`` for the fields that name a row, ``search_body`` for
those that describe it. On PostgreSQL the tokens feed a weighted ``tsvector`` ('simple'
configuration, GIN index) and a name match ranks above a description match; on the embedded
SQLite the same tokens are matched with ``LIKE``, without ranking. A :class:`SearchDocument`
names a model's fields and is the one way to refresh and to search them.
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db import connections, models, router
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.db.models.expressions import CombinedExpression
from django.db.models.functions import Concat

from .db import is_postgresql
from .japanese import Morpheme, fold, is_kana, morphemes

_SKIP_POS = {"補助記号", "空白"}
_FUNCTION_POS = {"助詞", "助動詞"}
# Readings of up to this many neighbouring words are also stored run together, so that a
# query typed in kana meets a compound the dictionary cuts (国際交流 → コクサイコウリュウ)
# or a name with its particle (子育ての会 → コソダテノカイ); more would swell the index.
_CHAIN = 4
_MAX_TEXT = 20000
# A word's group in the Sudachi synonym dictionary is stored as ``ｓ<id>ｓ<word>``. A query's
# tokens are NFKC-folded, so they never hold the full-width ｓ and never match one by chance.
SYNONYM_MARK = "ｓ"


class Searchable(models.Model):
    """The stored search document of a row, written by :meth:`SearchDocument.refresh`.

    A concrete model adds ``GinIndex(fields=["search_vector"], …)`` to its indexes (created
    by :class:`kamakura_portal.db.PostgresOnlyAddIndex` in its migration) and leaves the three
    fields out of its audit trail: they follow the text and are rewritten on every save.
    """

    search_name = models.TextField(editable=False, blank=True)
    search_body = models.TextField(editable=False, blank=True)
    search_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        abstract = True


def _clean(token: str) -> str:
    # tsquery syntax characters must never reach to_tsquery; tokens are plain words.
    return re.sub(r"[\s'&|!():*<>\\]", "", token)


def _forms(morpheme: Morpheme, *, shortest_reading: int = 1) -> list[str]:
    """The tokens a morpheme is found under: folded surface, normalised form and reading."""
    forms = {fold(morpheme.surface), fold(morpheme.normalized)}
    if len(morpheme.reading) >= shortest_reading:
        forms.add(morpheme.reading)
    return sorted({_clean(form) for form in forms} - {""})


def _chains(units: Sequence[Morpheme]) -> Iterator[str]:
    """From each content word, its reading run together with the next ones' (no symbols)."""
    for start, unit in enumerate(units):
        if unit.pos in _FUNCTION_POS or unit.pos in _SKIP_POS or not unit.reading:
            continue
        readings = []
        for following in units[start : start + _CHAIN]:
            if following.pos in _SKIP_POS or not following.reading:
                break
            readings.append(following.reading)
        if len(readings) > 1:
            yield _clean("".join(readings))


def token_of(text: str) -> str:
    """``text`` as one stored token: folded, without tsquery syntax (空家 → 空家, ごみ → ゴミ)."""
    return _clean(fold(text))


def synonym_token(group_id: int, word: str = "") -> str:
    """The token of a word filed under a Sudachi synonym group; without ``word``, the prefix
    that finds every word of the group (``ｓ22054ｓ`` finds ``ｓ22054ｓ育児``)."""
    return f"{SYNONYM_MARK}{group_id}{SYNONYM_MARK}{_clean(word)}"


def _synonyms(morpheme: Morpheme) -> list[str]:
    # Nouns only, as chikkar (the dictionary's own reader) expands by default: a verb's
    # groups are too loose (開く ≈ 開催 ≈ 行う).
    if morpheme.pos != "名詞":
        return []
    return [synonym_token(group, morpheme.normalized) for group in morpheme.synonyms]


def _places_inside(morpheme: Morpheme) -> Iterator[str]:
    """The forms of a place name that ends a longer proper noun (鎌倉 in 西鎌倉, 北鎌倉): a
    query matches a token's beginning, so the end of a name needs tokens of its own."""
    if not morpheme.proper or len(morpheme.surface) < 3:
        return
    for start in range(1, len(morpheme.surface) - 1):
        inner = list(morphemes(morpheme.surface[start:]))
        if len(inner) == 1 and inner[0].proper == "地名":
            yield from _forms(inner[0])


def index_tokens(*texts: str) -> str:
    """The space-separated tokens under which ``texts`` are found (stored, then indexed)."""
    tokens: dict[str, None] = {}
    for text in texts:
        if not text:
            continue
        short = list(morphemes(text[:_MAX_TEXT]))
        for morpheme in itertools.chain(short, morphemes(text[:_MAX_TEXT], long_units=True)):
            if morpheme.pos not in _SKIP_POS:
                tokens.update(dict.fromkeys(_forms(morpheme)))
                tokens.update(dict.fromkeys(_places_inside(morpheme)))
                tokens.update(dict.fromkeys(_synonyms(morpheme)))
        tokens.update(dict.fromkeys(_chains(short)))
    return " ".join(tokens)


def is_searchable(query: str) -> bool:
    """Whether ``query`` holds a word to search for (not only symbols, spaces or emoji)."""
    return bool(query_terms(query))


def query_terms(query: str) -> list[list[str]]:
    """A search box's words as alternatives per word: every word must match one of its forms.

    Only the short units are used, so 子育て finds 子育て支援 and ゴミひろい finds ごみ拾い
    through the reading ヒロイ. A chunk typed in kana alone is cut by SudachiPy into words no
    text was indexed under (こそだて → こそ + だて), so its whole reading (コソダテ) joins the
    forms of each of its words: (だて | コソダテ) & (… | コソダテ) is "all its words, or the
    whole reading", and both search paths read the same list.
    """
    words: list[list[str]] = []
    particles: list[list[str]] = []
    for chunk in unicodedata.normalize("NFKC", query)[:200].split():
        units = [unit for unit in morphemes(chunk) if unit.pos not in _SKIP_POS]
        whole = _clean(fold("".join(unit.surface for unit in units)))
        reading = {whole} if len(whole) > 1 and is_kana(whole) else set()
        for unit in units:
            forms = sorted(set(_forms(unit, shortest_reading=2)) | reading)
            target = particles if unit.pos in _FUNCTION_POS else words
            if forms and forms not in target:
                target.append(forms)
    # 「子育ての会」 searches 子育て and 会; a query of particles alone still searches them.
    return words or particles


def _tsquery(terms: list[list[str]], weight: str = "") -> str:
    """``(ゴミ:* | 塵:*) & (ヒロイ:*)``; with ``weight="A"`` only the name's tokens match.

    A one-character word is matched whole: as a prefix (会:*) it would match too much.
    """

    def alternative(token: str) -> str:
        return (
            f"{token}:*{weight}" if len(token) > 1 else (f"{token}:{weight}" if weight else token)
        )

    return " & ".join(
        "(" + " | ".join(alternative(token) for token in alternatives) + ")"
        for alternatives in terms
    )


def _vector() -> CombinedExpression:
    return SearchVector("search_name", config="simple", weight="A") + SearchVector(
        "search_body", config="simple", weight="B"
    )


M = TypeVar("M", bound=models.Model)


@dataclass(frozen=True)
class SearchDocument(Generic[M]):
    """The text of a :class:`Searchable` model: what names a row and what describes it.

    ``name_fields`` are stored in ``search_name`` (weight A, and ``name_match``),
    ``body_fields`` in ``search_body`` (weight B), with the names of the related rows that
    ``body_related`` reaches (``"districts__name"``: a keyword naming a district finds the rows
    filed under it); ``tie_break`` orders rows that match equally well.

    ``name_vector`` names a narrow tsvector column holding ``search_name``'s tokens alone,
    kept by the database (see ``groups`` migration 0006) and GIN-indexed: with it, name
    matches are found in that index and ranked on that column (see :meth:`search`), and a
    large table's matches can be paged run by run (:meth:`runs`).
    """

    model: type[M]
    name_fields: tuple[str, ...]
    body_fields: tuple[str, ...]
    tie_break: tuple[str, ...] = ("pk",)
    body_related: tuple[str, ...] = ()
    name_vector: str = ""

    def refresh(self, ids: Iterable[int]) -> None:
        """Recompute the stored tokens of these rows: one read, one more per related name,
        then on PostgreSQL one write of their tokens and one of their vectors (elsewhere, one
        write per row).

        ``index_tokens(a, b)`` is ``index_tokens(a)`` then ``index_tokens(b)``, each token once,
        so each text is tokenised alone and a text met again (a district's name) only once.
        """
        ids = list(ids)
        manager = self.model._default_manager
        rows = manager.filter(pk__in=ids).values_list("pk", *self.name_fields, *self.body_fields)
        related: dict[int, list[str]] = {}
        for lookup in self.body_related:
            for pk, name in manager.filter(pk__in=ids, **{f"{lookup}__isnull": False}).values_list(
                "pk", lookup
            ):
                related.setdefault(pk, []).append(name)
        names = len(self.name_fields)
        tokens_of = functools.lru_cache(maxsize=1024)(lambda text: index_tokens(text).split())

        def tokens(texts: Iterable[str]) -> str:
            return " ".join(dict.fromkeys(token for text in texts for token in tokens_of(text)))

        written = [
            (pk, tokens(texts[:names]), tokens([*texts[names:], *related.get(pk, [])]))
            for pk, *texts in rows
        ]
        if not is_postgresql():
            for pk, name, body in written:
                manager.filter(pk=pk).update(search_name=name, search_body=body)
            return
        if written:
            connection = connections[router.db_for_write(self.model)]
            table = connection.ops.quote_name(self.model._meta.db_table)
            key = self.model._meta.pk
            key_column = f"{table}.{connection.ops.quote_name(key.column)}"
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET search_name = new.name, search_body = new.body "  # noqa: S608 (names from the model)
                    f"FROM unnest(%s::{key.db_type(connection)}[], %s::text[], %s::text[]) "
                    f"AS new(pk, name, body) WHERE {key_column} = new.pk",
                    [list(column) for column in zip(*written, strict=True)],
                )
            manager.filter(pk__in=ids).update(search_vector=_vector())

    def search(self, queryset: QuerySet[M], query: str) -> QuerySet[M]:
        """``queryset`` narrowed to the rows matching every word of ``query``, best first.

        The result is annotated with ``name_match`` (1 when every word is in the name fields)
        and, on PostgreSQL, ``search_rank`` (``ts_rank``), and ordered by them, then by
        ``tie_break``; callers that sort otherwise may re-order. With a ``name_vector``, a
        name match's ``search_rank`` is taken over the name's tokens alone, not over the
        whole document: name matches are many for a broad word (鎌倉: thousands), and
        ranking each on its whole, TOASTed vector costs ~20 µs a row, where the narrow
        column costs next to nothing. Name matches still come first and the other matches
        are still ranked on the whole document.
        """
        terms = query_terms(query)
        if not terms:
            return queryset
        if is_postgresql():
            return self._full_text(queryset, terms)
        return self._like(queryset, terms)

    def runs(self, result: QuerySet[M], query: str) -> list[QuerySet[M]]:
        """``result`` (what :meth:`search` returned for ``query``) as consecutive runs in its
        order: with a ``name_vector`` on PostgreSQL, the name matches, then the other
        matches; otherwise ``result`` alone.

        Listed one after the other, the runs are exactly ``result``'s rows in its order
        (every row of the first has ``name_match`` 1, of the second 0). A page inside the
        first run reads only name matches, found in the name index, and never ranks the
        description matches of a broad word (:class:`kamakura_portal.pagination.
        RunsPaginator`).
        """
        terms = query_terms(query)
        if not (terms and self.name_vector and is_postgresql()):
            return [result]
        in_name = self._in_name(terms)
        return [result.filter(in_name), result.exclude(in_name)]

    def _in_name(self, terms: list[list[str]]) -> Q:
        # Every word in the name's own vector: the same rows as the whole vector's weight-A
        # tokens, but found in a small index, without reading the wide column.
        query = SearchQuery(_tsquery(terms), config="simple", search_type="raw")
        return Q(**{self.name_vector: query})

    def _full_text(self, queryset: QuerySet[M], terms: list[list[str]]) -> QuerySet[M]:
        tsquery = SearchQuery(_tsquery(terms), config="simple", search_type="raw")
        rank: Case | SearchRank
        if self.name_vector:
            in_name = self._in_name(terms)
            # A name match needs no look at the wide vector: (name OR whole) finds the same
            # rows as the whole vector alone, and a name match is settled by the first.
            matches = in_name | Q(search_vector=tsquery)
            rank = Case(
                When(in_name, then=SearchRank(F(self.name_vector), tsquery)),
                default=SearchRank(F("search_vector"), tsquery),
            )
        else:
            in_name = Q(
                search_vector=SearchQuery(
                    _tsquery(terms, weight="A"), config="simple", search_type="raw"
                )
            )
            matches = Q(search_vector=tsquery)
            rank = SearchRank(F("search_vector"), tsquery)
        return (
            queryset.filter(matches)
            .annotate(
                name_match=Case(
                    When(in_name, then=Value(1)), default=Value(0), output_field=IntegerField()
                ),
                search_rank=rank,
            )
            .order_by("-name_match", "-search_rank", *self.tie_break)
        )

    def _like(self, queryset: QuerySet[M], terms: list[list[str]]) -> QuerySet[M]:
        # The tsquery's rules over the same tokens: a word matches the beginning of a stored
        # token (a one-character word, a whole token), never its middle.
        matches_all = Q()
        name_matches_all = Q()
        for alternatives in terms:
            any_form = Q()
            any_name_form = Q()
            for token in alternatives:
                pattern = f" {token}" if len(token) > 1 else f" {token} "
                any_form |= Q(_search_name__contains=pattern) | Q(_search_body__contains=pattern)
                any_name_form |= Q(_search_name__contains=pattern)
            matches_all &= any_form
            name_matches_all &= any_name_form
        return (
            queryset.annotate(
                _search_name=Concat(
                    Value(" "), "search_name", Value(" "), output_field=models.TextField()
                ),
                _search_body=Concat(
                    Value(" "), "search_body", Value(" "), output_field=models.TextField()
                ),
            )
            .filter(matches_all)
            .annotate(
                name_match=Case(
                    When(name_matches_all, then=Value(1)),
                    default=Value(0),
                    output_field=IntegerField(),
                )
            )
            .order_by("-name_match", *self.tie_break)
        )
