"""The score's parts for one need and one group, and the lines that explain them.

:func:`read` takes what each part looks at and gives the points (weights in
:mod:`coordination.matching.weights`); :func:`explain` puts the same reading into words: each
part's reason, one line a coordinator can read aloud to a department, and one sentence for the
group's invitation. Rankings read every candidate and explain only those they return.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from kamakura_portal.dates import fiscal_year, fiscal_year_label
from kamakura_portal.synonyms import CIVIC, NORMALISED, SUDACHI, Match, via_label

from . import weights
from .profiles import Facts
from .text import text_points
from .types import Part, WordMatch

_SHOWN_WORDS = 5
# How a group's districts meet the need's (the district part's cases).
OUTSIDE, NO_DISTRICT, CITY_WIDE, NEED_CITY_WIDE, SHARED, ELSEWHERE = range(6)


@dataclass(frozen=True)
class Reading:
    """What the parts found for one need and one group, and the points they give."""

    shared_fields: list[str]
    need_has_fields: bool
    field_points: float
    place: int
    places: list[str]
    matches: Sequence[tuple[float, Match]]
    text_points: float
    interest: tuple[str, str]  # code, label
    interest_points: float
    projects: int
    proposals: int
    with_department: int
    history_points: float
    confirmed_on: datetime.date | None
    freshness_points: float

    @property
    def total(self) -> float:
        points = (
            self.field_points,
            self.text_points,
            self.place_points,
            self.history_points,
            self.interest_points,
            self.freshness_points,
        )
        return round(sum(round(value, 1) for value in points), 1)

    @property
    def place_points(self) -> float:
        return weights.DISTRICT if self.place in (CITY_WIDE, NEED_CITY_WIDE, SHARED) else 0.0


def _place(need: Facts, group: Facts) -> tuple[int, list[str]]:
    shared = [name for pk, name in need.districts.items() if pk in group.districts]
    if not group.districts:
        return NO_DISTRICT, []
    if group.outside_only:
        return OUTSIDE, []
    if group.city_wide:
        return CITY_WIDE, []
    if not need.districts or need.city_wide:
        return NEED_CITY_WIDE, list(group.districts.values())
    return (SHARED, shared) if shared else (ELSEWHERE, [])


def _freshness(confirmed: datetime.date | None, today: datetime.date) -> float:
    if confirmed is None:
        return 0.0
    age = fiscal_year(today) - fiscal_year(confirmed)
    if age <= 0:
        return weights.FRESHNESS_THIS_YEAR
    return weights.FRESHNESS_LAST_YEAR if age == 1 else 0.0


def read(
    need: Facts,
    department: int | None,
    group: Facts,
    interest: tuple[str, str],
    matches: Sequence[tuple[float, Match]],
    today: datetime.date,
) -> Reading:
    """The parts' findings and points; ``matches`` weighed, heaviest first."""
    shared = [name for pk, name in need.fields.items() if pk in group.fields]
    place, places = _place(need, group)
    projects = sum(1 for past in group.collaborations.values() if past.is_project)
    proposals = len(group.collaborations) - projects
    same = sum(1 for past in group.collaborations.values() if department in past.departments)
    history = min(
        weights.ANY_DEPARTMENT_CAP,
        weights.PER_PROJECT * projects + weights.PER_PROPOSAL * proposals,
    ) + (weights.SAME_DEPARTMENT if same else 0.0)
    return Reading(
        shared_fields=shared,
        need_has_fields=bool(need.fields),
        field_points=weights.FIELDS * len(shared) / len(need.fields) if need.fields else 0.0,
        place=place,
        places=places,
        matches=matches,
        text_points=text_points(sum(weight for weight, _match in matches)),
        interest=interest,
        interest_points=weights.INTEREST.get(interest[0], 0.0),
        projects=projects,
        proposals=proposals,
        with_department=same,
        history_points=history,
        confirmed_on=group.confirmed_on,
        freshness_points=_freshness(group.confirmed_on, today),
    )


class Phrases:
    """The fixed words of explanations, translated once per ranking (not per candidate)."""

    def __init__(self) -> None:
        self.separator = pgettext("list separator", ", ")
        self.labels = {
            "fields": _("Fields"),
            "text": _("Words"),
            "district": _("District"),
            "history": _("Past collaborations"),
            "interest": _("Interest"),
            "freshness": _("Registration freshness"),
        }
        self.word = _("“%(need)s” ≈ “%(group)s” (%(via)s)")
        self.no_need_field = _("The need names no field.")
        self.no_shared_field = _("No field in common.")
        self.same_field = _("same field: %(names)s")
        self.city_wide = _("works city-wide")
        self.need_city_wide = _("works in %(districts)s; the need is city-wide")
        self.works_in = _("works in %(districts)s")
        self.outside = _("The group works outside the city only.")
        self.no_district = _("The group names no district.")
        self.elsewhere = _("No district in common.")
        self.no_word = _("No word of the need in the group's texts.")
        self.words = _("words %(words)s")
        self.no_history = _("No past proposal.")
        self.history = _(
            "%(projects)d projects, %(proposals)d other proposals, %(same)d with this department"
        )
        self.past = _("past collaborations: %(detail)s")
        self.not_answered = _("not answered")
        self.interest = _("interest in collaboration: %(interest)s")
        self.no_date = _("No registration date.")
        self.registered = _("registered or renewed in %(year)s")
        self.nothing = _("No strong reason.")
        self.profile = _("your profile speaks of %(words)s")
        self.for_group = _("We think this need fits your group: %(reasons)s.")
        self.via = {via: via_label(via) for via in (NORMALISED, CIVIC, SUDACHI)}

    def listing(self, names: Sequence[str]) -> str:
        return self.separator.join(names)


@dataclass(frozen=True)
class Explained:
    parts: tuple[Part, ...]
    words: tuple[WordMatch, ...]
    explanation: str
    reason_for_group: str


def _word(pair: WordMatch, say: Phrases) -> str:
    if not pair.via:
        return f"「{pair.need_word}」"
    return say.word % {"need": pair.need_word, "group": pair.group_word, "via": pair.via}


def _fields(reading: Reading, say: Phrases) -> tuple[str, str]:
    if not reading.need_has_fields:
        return say.no_need_field, ""
    if not reading.shared_fields:
        return say.no_shared_field, ""
    names = say.listing(reading.shared_fields)
    return names, say.same_field % {"names": names}


def _district(reading: Reading, say: Phrases) -> tuple[str, str]:
    places = say.listing(reading.places)
    reasons = {
        CITY_WIDE: say.city_wide,
        NEED_CITY_WIDE: say.need_city_wide % {"districts": places},
        SHARED: say.works_in % {"districts": places},
    }
    if reading.place in reasons:
        return reasons[reading.place], reasons[reading.place]
    details = {OUTSIDE: say.outside, NO_DISTRICT: say.no_district}
    return details.get(reading.place, say.elsewhere), ""


def _history(reading: Reading, say: Phrases) -> tuple[str, str]:
    if not (reading.projects or reading.proposals):
        return say.no_history, ""
    detail = say.history % {
        "projects": reading.projects,
        "proposals": reading.proposals,
        "same": reading.with_department,
    }
    return detail, say.past % {"detail": detail}


def _freshness_words(reading: Reading, say: Phrases) -> tuple[str, str]:
    if reading.confirmed_on is None:
        return say.no_date, ""
    detail = say.registered % {"year": fiscal_year_label(fiscal_year(reading.confirmed_on))}
    return detail, detail if reading.freshness_points else ""


def explain(reading: Reading, say: Phrases) -> Explained:
    """The reading in words, in the language ``say`` was made in."""
    words = tuple(
        WordMatch(m.term.word, m.word, say.via.get(m.via, "")) for _w, m in reading.matches
    )
    shown = say.listing([_word(pair, say) for pair in words[:_SHOWN_WORDS]])
    interest = reading.interest[1] or say.not_answered
    described = [
        ("fields", reading.field_points, *_fields(reading, say)),
        (
            "text",
            reading.text_points,
            shown or say.no_word,
            say.words % {"words": shown} if shown else "",
        ),
        ("district", reading.place_points, *_district(reading, say)),
        ("history", reading.history_points, *_history(reading, say)),
        (
            "interest",
            reading.interest_points,
            interest,
            say.interest % {"interest": interest} if reading.interest_points else "",
        ),
        ("freshness", reading.freshness_points, *_freshness_words(reading, say)),
    ]
    parts = tuple(
        Part(key, say.labels[key], round(points, 1), detail)
        for key, points, detail, _reason in described
    )
    reasons = [reason for *_part, reason in described if reason]
    group_reasons = [reason for reason in (described[0][3], described[2][3]) if reason]
    if words:
        profile = say.listing([f"「{pair.group_word}」" for pair in words[:_SHOWN_WORDS]])
        group_reasons.append(say.profile % {"words": profile})
    for_group = say.for_group % {"reasons": say.listing(group_reasons)} if group_reasons else ""
    return Explained(parts, words, say.listing(reasons) or say.nothing, for_group)
