"""Generated citizen groups: profiles, activity fields, districts, challenges, contacts with
public and private items, managers, and the search document the directory and the
matching read (tokens as :data:`groups.search.GROUP_SEARCH` makes them, vector in SQL)."""

from __future__ import annotations

import datetime
from array import array
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from groups.models import (
    ActivityField,
    Challenge,
    CitizenGroup,
    Contact,
    District,
    GroupMembership,
    OrganizationType,
)
from kamakura_portal.dates import fiscal_year, fiscal_year_end
from kamakura_portal.search import index_tokens

from .bulk import Batch, Ids, gin_built_after
from .context import CHUNK, DOMAIN, Run, pick
from .names import GroupNames, person
from .people import People
from .places import Place, place
from .text import Material, Pool, Writer, join_tokens, tokens_of

Status = CitizenGroup.Status
# Main fields in the proportions of the centre's registry (seed 001).
FIELD_WEIGHTS = {
    "machizukuri-kurashi": 112,
    "bunka-geijutsu-sports": 98,
    "kodomo-kosodate": 93,
    "shizen-kankyo-anzen-saigai": 92,
    "hoken-iryo-fukushi": 65,
    "seikatsu-kankyo-joho": 60,
    "jinken-kokusai": 42,
    "kanko": 14,
    "npo-shien": 7,
}
TYPE_WEIGHTS = [
    ("nin-i", 260), ("npo", 65), ("ippan-shadan", 7), ("koeki-shadan", 2),
    ("ippan-zaidan", 1), ("koeki-zaidan", 1), ("jichikai", 5), ("shakai-fukushi", 3),
    ("jigyosha", 2), ("gakko", 2), ("kojin", 1), ("sonota", 2),
]  # fmt: skip
STATUS_WEIGHTS = [
    (Status.REGISTERED, 89),
    (Status.RENEWAL_DUE, 5),
    (Status.SUSPENDED, 3),
    (Status.ARCHIVED, 3),
]
# A group with a manager account may also be on its way in (only a manager registers).
MANAGED_STATUS_WEIGHTS = [
    *STATUS_WEIGHTS,
    (Status.SUBMITTED, 6),
    (Status.DRAFT, 3),
    (Status.RETURNED, 2),
]
PENDING = {Status.DRAFT, Status.SUBMITTED, Status.RETURNED}
REASONS = {
    Status.RETURNED: "活動内容と連絡先の記載が不足しています。補記のうえ再度申請してください。",
    Status.SUSPENDED: "代表者の転居により、当面の活動を休止するとの届出がありました。",
    Status.ARCHIVED: "総会で解散を決議したとの届出がありました。",
}
INTERESTS = [("active", 30), ("depends", 52), ("not_now", 15), ("", 3)]
AGES = ["under_20", "20_39", "40_59", "60_69", "70_plus", "mixed"]
SCHEDULES = [
    "毎月第2土曜日 10時〜12時", "毎週水曜日 午後", "月2回（日曜日の午前）",
    "年4回のイベントと月1回の定例会", "毎週火曜日・金曜日 13時〜15時", "不定期（年6回程度）",
    "毎月最終日曜日",
]  # fmt: skip
FEES = ["なし", "年額1,000円", "年額2,000円", "月額500円", "1回300円（材料費）", "年額3,600円"]
FIRST_REGISTRATION = datetime.date(1998, 4, 1)


@dataclass
class Registry:
    """What the later parts need of the generated groups (ids only: a few MB at most)."""

    registered: array[int] = field(default_factory=lambda: array("q"))  # valid today
    by_field: dict[int, array[int]] = field(default_factory=lambda: defaultdict(lambda: array("q")))
    managers: dict[int, int] = field(default_factory=dict)  # group id → its manager
    field_ids: dict[str, int] = field(default_factory=dict)  # by code
    district_ids: dict[str, int] = field(default_factory=dict)  # by code


@dataclass
class Terms:
    """The taxonomy rows of the database, by code."""

    fields: dict[str, int]
    districts: dict[str, int]
    types: dict[str, int]
    challenges: list[int]
    names: dict[int, str]

    @classmethod
    def load(cls) -> Terms:
        fields = dict(
            ActivityField.objects.filter(taxonomy="centre", code__in=FIELD_WEIGHTS).values_list(
                "code", "pk"
            )
        )
        districts = dict(District.objects.values_list("code", "pk"))
        names = dict(ActivityField.objects.filter(pk__in=fields.values()).values_list("pk", "name"))
        return cls(
            fields,
            districts,
            dict(OrganizationType.objects.values_list("code", "pk")),
            list(Challenge.objects.values_list("pk", flat=True)),
            names,
        )


class Maker:
    """Writes one group at a time (its row and its children's rows)."""

    def __init__(self, run: Run, people: People, terms: Terms, registry: Registry) -> None:
        self.run = run
        self.rng = run.rng("groups")
        self.terms = terms
        self.registry = registry
        self.names = GroupNames()
        writer = Writer(Material.load())
        self.activities = Pool(writer.activities, reuse=12, most=150)
        self.purposes = Pool(writer.purpose, reuse=30, most=50)
        self.offers = Pool(writer.offers, reuse=30, most=50)
        # Which groups (by number) have a manager account, and whose.
        chosen = run.rng("managers").sample(range(run.sizes.groups), len(people.managers))
        self.managers = dict(zip(sorted(chosen), people.managers, strict=True))
        self.term_tokens = {
            pk: tokens_of(name)
            for pk, name in [
                *terms.names.items(),
                *District.objects.values_list("pk", "name"),
            ]
        }
        self.field_codes = [code for code in FIELD_WEIGHTS if code in terms.fields]
        self.field_weights = [FIELD_WEIGHTS[code] for code in self.field_codes]
        self.types = [(terms.types[code], w) for code, w in TYPE_WEIGHTS if code in terms.types]
        self.type_codes = {pk: code for code, pk in terms.types.items()}

    def dates(self, status: str) -> dict[str, Any]:
        rng, run = self.rng, self.run
        year = run.fiscal_year
        if status in PENDING:
            submitted = run.today - datetime.timedelta(days=rng.randint(1, 60))
            return {
                "registered_on": None,
                "valid_until": None,
                "renewed_on": None,
                "submitted_at": None if status == Status.DRAFT else run.moment(submitted, rng),
                "created": submitted - datetime.timedelta(days=rng.randint(0, 30)),
            }
        registered = run.day_between(FIRST_REGISTRATION, run.today, rng)
        if status == Status.REGISTERED:
            valid = pick(rng, [(year, 85), (year - 1, 15)])
            if fiscal_year(registered) > valid:
                valid = fiscal_year(registered)
        elif status == Status.RENEWAL_DUE:
            valid = year - 1
        else:
            valid = rng.randint(fiscal_year(registered), max(year - 1, fiscal_year(registered)))
        renewed = None
        if fiscal_year(registered) < valid:
            renewed = run.day_between(
                datetime.date(valid, 4, 1), min(datetime.date(valid, 6, 30), run.today), rng
            )
        return {
            "registered_on": registered,
            "valid_until": fiscal_year_end(valid),
            "renewed_on": renewed,
            "submitted_at": run.moment(registered - datetime.timedelta(days=14), rng),
            "created": registered - datetime.timedelta(days=14),
        }

    def group(self, pk: int, number: int, rows: Batch) -> None:
        rng, run, terms = self.rng, self.run, self.terms
        main = rng.choices(self.field_codes, self.field_weights)[0]
        others = [code for code in self.field_codes if code != main]
        own_fields = [main, *rng.sample(others, pick(rng, [(0, 45), (1, 40), (2, 15)]))]
        kind = pick(rng, self.types)
        where: Place = place(rng)
        districts = [where.district]
        if where.district == "shigai" and rng.random() < 0.3:
            districts.append(rng.choice(["kamakura", "ofuna", "fukasawa", "koshigoe", "tamanawa"]))
        elif where.district not in ("shinai-zeniki", "shigai") and rng.random() < 0.2:
            districts.append("shinai-zeniki")
        district_ids = sorted(
            terms.districts[code] for code in districts if code in terms.districts
        )
        field_ids = sorted(terms.fields[code] for code in own_fields)
        name, kana = self.names.make(rng, where, main, self.type_codes[kind])
        manager = self.managers.get(number)
        status = pick(rng, MANAGED_STATUS_WEIGHTS if manager else STATUS_WEIGHTS)
        dates = self.dates(status)
        activities = self.activities.draw(rng, main, where.district)
        purpose = self.purposes.draw(rng, main, where.district)
        offers = self.offers.draw(rng, main, where.district)
        body = join_tokens(
            activities.tokens,
            purpose.tokens,
            offers.tokens,
            *(self.term_tokens[pk] for pk in field_ids + district_ids),
        )
        created = run.moment(dates.pop("created"), rng)
        founded = rng.randint(min(1960, run.today.year), (dates["registered_on"] or run.today).year)
        members = int(rng.lognormvariate(3, 0.8)) + 3
        rows["groups"].append(
            {
                "id": pk,
                "name": name,
                "name_kana": kana,
                "organization_type_id": kind,
                "founded_year": founded,
                "member_count": members,
                "citizen_member_count": rng.randint(members // 2, members),
                "main_age_group": rng.choice(AGES),
                "purpose": purpose.body,
                "activities": activities.body,
                "schedule": rng.choice(SCHEDULES),
                "membership_fee": rng.choice(FEES),
                "offers": offers.body,
                "collaboration_interest": pick(rng, INTERESTS),
                "website": f"https://g{number:06d}.{DOMAIN}/" if rng.random() < 0.3 else "",
                "status": status,
                "status_reason": REASONS.get(status, ""),
                "agreed_to_rules_at": dates["submitted_at"],
                **dates,
                "created_at": created,
                "updated_at": max(created, run.now - datetime.timedelta(days=rng.randint(0, 700))),
                "search_name": index_tokens(name, kana),
                "search_body": body,
            }
        )
        rows["fields"].extend([{"citizengroup_id": pk, "activityfield_id": f} for f in field_ids])
        rows["districts"].extend([{"citizengroup_id": pk, "district_id": d} for d in district_ids])
        if terms.challenges and rng.random() < 0.6:
            for challenge in rng.sample(terms.challenges, rng.randint(1, 3)):
                rows["challenges"].append({"citizengroup_id": pk, "challenge_id": challenge})
        rows["contacts"].append(self.contact(pk, number, Contact.Kind.REPRESENTATIVE, where))
        if rng.random() < 0.5:
            rows["contacts"].append(self.contact(pk, number, Contact.Kind.LIAISON, where))
        valid_until = dates["valid_until"]
        if status == Status.REGISTERED and valid_until and valid_until >= run.today:
            self.registry.registered.append(pk)
            for field_id in field_ids:
                self.registry.by_field[field_id].append(pk)
        if manager:
            self.registry.managers[pk] = manager
            rows["memberships"].append(
                {
                    "user_id": manager,
                    "group_id": pk,
                    "role": "representative",
                    "created_at": created,
                }
            )

    def contact(self, group: int, number: int, kind: str, where: Place) -> dict[str, Any]:
        rng = self.rng
        name, kana = person(rng)
        shown = rng.random() < 0.7
        local = "info" if kind == Contact.Kind.REPRESENTATIVE else "contact"
        return {
            "group_id": group,
            "kind": kind,
            "name": name,
            "name_kana": kana,
            "postal_code": where.postal_code,
            "address": f"{where.address}{rng.randint(1, 9)}-{rng.randint(1, 30)}",
            "phone": f"0467-555-{number % 10000:04d}",
            "email": f"{local}{number:06d}@{DOMAIN}",
            "name_public": shown,
            "name_kana_public": shown,
            "postal_code_public": rng.random() < 0.3,
            "address_public": rng.random() < 0.2,
            "phone_public": rng.random() < 0.35,
            "email_public": rng.random() < 0.5,
        }


TABLES: dict[str, type[models.Model]] = {
    "groups": CitizenGroup,
    "fields": CitizenGroup.activity_fields.through,
    "districts": CitizenGroup.districts.through,
    "challenges": CitizenGroup.challenges.through,
    "contacts": Contact,
    "memberships": GroupMembership,
}


def _chunks(total: int) -> Iterator[range]:
    for start in range(0, total, CHUNK):
        yield range(start, min(start + CHUNK, total))


def make_groups(run: Run, people: People) -> Registry:
    terms = Terms.load()
    registry = Registry(
        field_ids=terms.fields,
        district_ids=terms.districts,
    )
    maker = Maker(run, people, terms, registry)
    ids = Ids(CitizenGroup)
    rows = run.batch(TABLES)
    with gin_built_after(CitizenGroup, run.sizes.groups):
        for chunk in _chunks(run.sizes.groups):
            for number in chunk:
                maker.group(ids.take(), number, rows)
            rows.flush()
    return registry
