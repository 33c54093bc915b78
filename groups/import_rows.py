"""The checks of one row of the registry spreadsheet, for :mod:`groups.imports`.

Each column is read into what the model stores, tolerant of full-width digits, spaces and
the separators people type; whatever cannot be read becomes a :class:`Problem` naming the
column, and the row is checked to the end so that every problem is listed at once.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kamakura_portal.imports import Problem
from kamakura_portal.japanese import (
    matching_key,
    normalize_kana,
    normalize_phone,
    normalize_postal_code,
    suggest_kana,
    validate_kana,
)

from .models import ActivityField, CitizenGroup, District, OrganizationType

Status = CitizenGroup.Status
Interest = CitizenGroup.Interest


@dataclass
class PlannedGroup:
    row: int
    profile: dict[str, Any]
    representative: dict[str, str]
    activity_fields: list[Any] = field(default_factory=list)
    districts: list[Any] = field(default_factory=list)


# 「、」「,」「;」 and their full-width and half-width variants.
SEPARATORS = re.compile(r"[、,;，；､]")
STATUS_NAMES = {
    "登録": Status.REGISTERED,
    "更新待ち": Status.RENEWAL_DUE,
    "休止": Status.SUSPENDED,
    "抹消": Status.ARCHIVED,
}
# The labels of the registration form as DESIGN.md fixes them for the file format; files
# written with them keep importing whatever the form's wording becomes.
INTEREST_NAMES = {
    "積極的に取り組みたい": Interest.ACTIVE,
    "内容によっては取り組みたい": Interest.DEPENDS,
    "今は考えていない": Interest.NOT_NOW,
}
_DATE_RE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
_NUMBER_RE = re.compile(r"(\d+)\s*(?:人|名|年)?")


def interest_labels() -> dict[str, str]:
    """The Japanese labels of 協働への関心 → stored value."""
    with translation.override("ja"):
        labels = {str(label): value for value, label in Interest.choices}
    return {**INTEREST_NAMES, **labels}


@dataclass
class Taxonomies:
    """The active terms, keyed by :func:`matching_key` of their names."""

    organization_types: dict[str, OrganizationType]
    activity_fields: dict[str, ActivityField]
    districts: dict[str, District]
    field_names: list[str]
    type_names: list[str]
    district_names: list[str]

    @classmethod
    def load(cls) -> Taxonomies:
        types = list(OrganizationType.objects.filter(is_active=True))
        fields = list(ActivityField.objects.filter(is_active=True).order_by("sort_order", "pk"))
        districts = list(District.objects.filter(is_active=True))
        centre = [term for term in fields if term.taxonomy == ActivityField.Taxonomy.CENTRE]
        npo_act = [term for term in fields if term.taxonomy == ActivityField.Taxonomy.NPO_ACT]
        # The centre's fields first; the NPO Act's only where no centre field has the name.
        by_key = {matching_key(term.name): term for term in npo_act}
        by_key.update({matching_key(term.name): term for term in centre})
        return cls(
            organization_types={matching_key(term.name): term for term in types},
            activity_fields=by_key,
            districts={matching_key(term.name): term for term in districts},
            field_names=[term.name for term in centre or npo_act],
            type_names=[term.name for term in types],
            district_names=[term.name for term in districts],
        )


def text(value: Any) -> str:
    """A cell as text: numbers without a spurious ``.0``, dates as ISO, spaces trimmed."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value).strip().strip("\u3000")


def split(value: str) -> list[str]:
    return [part.strip().strip("\u3000") for part in SEPARATORS.split(value) if part.strip()]


class RowChecker:
    """Reads rows into :class:`PlannedGroup` and problems; remembers names already seen."""

    def __init__(self, taxonomies: Taxonomies, existing_names: Iterable[str]) -> None:
        self.taxonomies = taxonomies
        self.existing = {matching_key(name): name for name in existing_names}
        self.seen: dict[str, int] = {}
        self.interests = {matching_key(label): value for label, value in interest_labels().items()}
        self.interest_choices = "、".join(interest_labels())
        self.statuses = {matching_key(label): value for label, value in STATUS_NAMES.items()}
        self.today = timezone.localdate()

    def check(self, row: int, values: dict[str, Any]) -> tuple[PlannedGroup | None, list[Problem]]:
        problems: list[Problem] = []

        def problem(column: str, message: str, *, is_error: bool = True) -> None:
            problems.append(Problem(row, column, message, is_error))

        def read(column: str, reader: Callable[[str], Any], default: Any = "") -> Any:
            raw: Any = values.get(column)
            try:
                return reader(raw) if column == "登録日" else reader(text(raw))
            except ValidationError as error:
                problem(column, " ".join(error.messages))
                return default

        name = unicodedata.normalize("NFKC", text(values.get("団体名")))
        name = re.sub(r"\s+", " ", name)
        if not name:
            problem("団体名", _("Enter the group's name."))
        elif len(name) > 200:
            problem("団体名", _too_long(200))
        else:
            self._check_duplicate(row, name, problem)
        kana = read("フリガナ", _kana(200))
        if name and not kana and not text(values.get("フリガナ")):
            kana = suggest_kana(name)[:200]
            problem(
                "フリガナ",
                _("No furigana given; “%(kana)s” will be used. Check it after the import.")
                % {"kana": kana},
                is_error=False,
            )
        taxonomies = self.taxonomies
        profile = {
            "name": name,
            "name_kana": kana,
            "organization_type": read(
                "組織形態",
                _one_of(taxonomies.organization_types, taxonomies.type_names, _type_message),
                None,
            ),
            "founded_year": read("設立年", self._year, None),
            "member_count": read("会員数", _count, None),
            "website": read("ウェブサイト", _url),
            "activities": text(values.get("主な活動内容")),
            "collaboration_interest": read("協働への関心", self._interest),
            "registered_on": read("登録日", self._date, None),
            "status": read("状態", self._status, Status.REGISTERED),
        }
        representative = {
            "name": read("代表者名", _limited(100)),
            "name_kana": read("代表者フリガナ", _kana(100)),
            "email": read("メール", _email),
            "phone": read("電話番号", normalize_phone),
            "postal_code": read("郵便番号", normalize_postal_code),
            "address": read("所在地", _limited(200)),
        }
        fields = read(
            "活動分野",
            _many(taxonomies.activity_fields, taxonomies.field_names, _field_message),
            [],
        )
        districts = read(
            "活動地域",
            _many(taxonomies.districts, taxonomies.district_names, _district_message),
            [],
        )
        if not name:
            return None, problems
        return PlannedGroup(row, profile, representative, fields, districts), problems

    def _check_duplicate(self, row: int, name: str, problem: Callable[..., None]) -> None:
        key = matching_key(name)
        if key in self.existing:
            problem(
                "団体名",
                _("A group with this name is already in the registry: “%(name)s”.")
                % {"name": self.existing[key]},
            )
        elif key in self.seen:
            problem(
                "団体名",
                _("The same group is already in row %(row)d of this file.")
                % {"row": self.seen[key]},
            )
        else:
            self.seen[key] = row

    def _year(self, value: str) -> int | None:
        number = _count(value)
        if number is not None and not 1800 <= number <= self.today.year:
            raise ValidationError(
                _("Write the year founded as a year between 1800 and %(year)d, for example 2005.")
                % {"year": self.today.year}
            )
        return number

    def _interest(self, value: str) -> str:
        if not value:
            return ""
        try:
            return self.interests[matching_key(value)]
        except KeyError:
            raise ValidationError(
                _("Write one of: %(choices)s.") % {"choices": self.interest_choices}
            ) from None

    def _status(self, value: str) -> str:
        if not value:
            return Status.REGISTERED
        try:
            return self.statuses[matching_key(value)]
        except KeyError:
            raise ValidationError(
                _("Write one of: %(choices)s.") % {"choices": "、".join(STATUS_NAMES)}
            ) from None

    def _date(self, value: Any) -> datetime.date | None:
        if isinstance(value, datetime.datetime):
            day: datetime.date | None = value.date()
        elif isinstance(value, datetime.date):
            day = value
        else:
            day = _parse_date(unicodedata.normalize("NFKC", text(value)))
        if day is not None and day > self.today:
            raise ValidationError(_("The registration date is in the future."))
        return day


def _parse_date(value: str) -> datetime.date | None:
    if not value:
        return None
    match = _DATE_RE.fullmatch(value)
    try:
        if match is None:
            raise ValueError(value)
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        raise ValidationError(
            _("Write the date as YYYY-MM-DD or YYYY/MM/DD, for example 2025-04-01.")
        ) from None


def _too_long(limit: int) -> str:
    return _("This is longer than %(max)d characters.") % {"max": limit}


def _limited(limit: int) -> Callable[[str], str]:
    def read(value: str) -> str:
        if len(value) > limit:
            raise ValidationError(_too_long(limit))
        return value

    return read


def _kana(limit: int) -> Callable[[str], str]:
    def read(value: str) -> str:
        kana = normalize_kana(value)
        validate_kana(kana)
        return _limited(limit)(kana)

    return read


def _count(value: str) -> int | None:
    if not value:
        return None
    match = _NUMBER_RE.fullmatch(unicodedata.normalize("NFKC", value).replace(",", ""))
    if match is None:
        raise ValidationError(_("Write a whole number, for example 25."))
    return int(match.group(1))


def _email(value: str) -> str:
    email = unicodedata.normalize("NFKC", value).strip()
    if email:
        EmailValidator(message=_("“%(value)s” is not an email address.") % {"value": value})(email)
    return _limited(254)(email)


def _url(value: str) -> str:
    url = unicodedata.normalize("NFKC", value).strip()
    if not url:
        return ""
    if "://" not in url:
        url = f"https://{url}"
    URLValidator(
        schemes=["http", "https"],
        message=_("“%(value)s” is not a web address such as https://example.jp/.")
        % {"value": value},
    )(url)
    return _limited(200)(url)


def _type_message(value: str, choices: str) -> str:
    return _("“%(value)s” is not an organisation type. Write one of: %(choices)s.") % {
        "value": value,
        "choices": choices,
    }


def _field_message(value: str, choices: str) -> str:
    return _("“%(value)s” is not an activity field. Write one of: %(choices)s.") % {
        "value": value,
        "choices": choices,
    }


def _district_message(value: str, choices: str) -> str:
    return _("“%(value)s” is not an area of activity. Write one of: %(choices)s.") % {
        "value": value,
        "choices": choices,
    }


def _one_of(
    terms: dict[str, Any], names: list[str], message: Callable[[str, str], str]
) -> Callable[[str], Any]:
    def read(value: str) -> Any:
        if not value:
            return None
        term = terms.get(matching_key(value))
        if term is None:
            raise ValidationError(message(value, "、".join(names)))
        return term

    return read


def _many(
    terms: dict[str, Any], names: list[str], message: Callable[[str, str], str]
) -> Callable[[str], list[Any]]:
    def read(value: str) -> list[Any]:
        found: dict[int, Any] = {}
        unknown = []
        for part in split(value):
            term = terms.get(matching_key(part))
            if term is None:
                unknown.append(part)
            else:
                found.setdefault(term.pk, term)  # a field named twice is kept once
        if unknown:
            raise ValidationError(message("、".join(unknown), "、".join(names)))
        return list(found.values())

    return read
