"""Generated department needs (open and closed, searchable like the groups) and
collaboration proposals from fiscal 2007 on, across programmes, sides and statuses; their
parts (costs, roles, goals, review, agreement, evaluations, discussion) are in
:mod:`.proposal_parts`."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db import models

from collaboration.models import DepartmentNeed, Program, Proposal
from kamakura_portal.dates import fiscal_year_end, fiscal_year_start

from .bulk import Batch, Ids
from .context import CHUNK, DOMAIN, Run, pick
from .groups import FIELD_WEIGHTS, Registry
from .people import People
from .places import KAMAKURA
from .proposal_parts import PartMaker
from .text import Material, tokens_of
from .wording import SECTIONS, Wording, need_text, proposal_title

Status = Proposal.Status
FIRST_YEAR = 2007
# What became of the proposals of a fiscal year, by how long ago it was.
PAST = [
    (Status.CLOSED, 50), (Status.REJECTED, 22), (Status.WITHDRAWN, 10),
    (Status.EVALUATED, 10), (Status.REPORTED, 8),
]  # fmt: skip
LAST_YEAR = [
    (Status.IN_PROGRESS, 15), (Status.REPORTED, 25), (Status.EVALUATED, 20), (Status.CLOSED, 10),
    (Status.REJECTED, 20), (Status.WITHDRAWN, 10),
]  # fmt: skip
THIS_YEAR = [
    (Status.DRAFT, 8), (Status.SUBMITTED, 8), (Status.CONSULTATION, 10), (Status.REVIEW, 6),
    (Status.ADOPTED, 8), (Status.AGREED, 8), (Status.IN_PROGRESS, 30), (Status.REJECTED, 12),
    (Status.WITHDRAWN, 5), (Status.REPORTED, 5),
]  # fmt: skip
EARLY = {Status.DRAFT, Status.SUBMITTED, Status.CONSULTATION, Status.REVIEW}
STARTED = {Status.IN_PROGRESS, Status.REPORTED, Status.EVALUATED, Status.CLOSED}
OUTCOMES = [("continued", 40), ("independent", 30), ("outsourced", 10), ("ended", 20)]
PROGRAMS_BEFORE_2022 = [("mutual", 70), ("agreement", 15), ("contract", 10), ("other", 5)]
PROGRAMS_FROM_2022 = [
    ("yell-startup", 15), ("yell-collaboration", 40), ("yell-community", 15),
    ("agreement", 15), ("contract", 10), ("other", 5),
]  # fmt: skip


@dataclass
class Need:
    pk: int
    field_ids: list[int]
    status: str
    is_public: bool
    created: datetime.date


@dataclass
class Collaboration:
    """What coordination needs of the needs and proposals made."""

    needs: list[Need] = field(default_factory=list)
    # (need, group, proposal, day the proposal was created): invitations that led to it.
    proposed: list[tuple[int, int, int, datetime.date]] = field(default_factory=list)


def make_needs(run: Run, people: People, registry: Registry, material: Material) -> list[Need]:
    rng = run.rng("needs")
    wording = Wording.load(material)
    ids = Ids(DepartmentNeed)
    needs, rows, fields, districts = [], [], [], []
    codes = [code for code in FIELD_WEIGHTS if code in registry.field_ids]
    places = [where for where in KAMAKURA if where.district != "shinai-zeniki"]
    for _n in range(run.sizes.needs):
        pk = ids.take()
        code = rng.choices(codes, [FIELD_WEIGHTS[c] for c in codes])[0]
        where = rng.choice(places)
        title, background, wanted, own = need_text(rng, wording, code, where.name)
        field_ids = [registry.field_ids[c] for c in own if c in registry.field_ids]
        department = rng.choice(people.departments_for(code))
        status = pick(rng, [("open", 35), ("matched", 25), ("closed", 40)])
        if status == "open":
            created = run.today - datetime.timedelta(days=rng.randint(0, 300))
        else:
            created = run.day_between(fiscal_year_start(run.fiscal_year - 6), run.today, rng)
        starts = fiscal_year_start(created.year + (1 if created.month >= 4 else 0))
        low = rng.choice([0, 50_000, 100_000, 200_000])
        rows.append(
            {
                "id": pk,
                "department_id": department,
                "title": title,
                "background": background,
                "wanted": wanted,
                "starts_on": starts,
                "ends_on": fiscal_year_end(starts.year),
                "apply_by": (
                    run.today + datetime.timedelta(days=rng.randint(10, 120))
                    if status == "open" and rng.random() < 0.7
                    else None
                ),
                "contact_name": f"{people.department_names.get(department, '')} 担当",
                "contact_phone": "0467-23-3000",
                "contact_email": f"need{pk}@{DOMAIN}",
                "budget_min": low or None,
                "budget_max": low + rng.choice([100_000, 300_000, 500_000]),
                "status": status,
                "is_public": rng.random() < 0.85,
                "created_by_id": people.city_user(department, rng),
                "created_at": run.moment(created, rng),
                "updated_at": run.moment(created, rng),
                "search_name": " ".join(tokens_of(title)),
                "search_body": " ".join(dict.fromkeys(tokens_of(background) + tokens_of(wanted))),
            }
        )
        fields += [{"departmentneed_id": pk, "activityfield_id": f} for f in field_ids]
        if rng.random() < 0.6:
            district = registry.district_ids.get(where.district)
            if district:
                districts.append({"departmentneed_id": pk, "district_id": district})
        needs.append(Need(pk, field_ids, status, rows[-1]["is_public"], created))
    if rows:
        run.table(DepartmentNeed, list(rows[0])).copy(rows)
        field_table = DepartmentNeed.activity_fields.through
        run.table(field_table, ["departmentneed_id", "activityfield_id"]).copy(fields)
        district_table = DepartmentNeed.districts.through
        run.table(district_table, ["departmentneed_id", "district_id"]).copy(districts)
    return needs


class ProposalMaker:
    def __init__(
        self, run: Run, people: People, registry: Registry, needs: list[Need], wording: Wording
    ) -> None:
        self.run = run
        self.rng = run.rng("proposals")
        self.people = people
        self.registry = registry
        self.wording = wording
        self.programs = {
            code: (pk, max_years, city)
            for code, pk, max_years, city in Program.objects.values_list(
                "code", "pk", "max_years", "allows_city_proposals"
            )
        }
        self.codes = [code for code in FIELD_WEIGHTS if code in registry.field_ids]
        valid = set(registry.registered)
        self.managed = [pk for pk in registry.managers if pk in valid]
        self.needs_by_field: dict[int, list[Need]] = {}
        for need in needs:
            for field_id in need.field_ids[:1]:
                self.needs_by_field.setdefault(field_id, []).append(need)
        years = range(FIRST_YEAR, run.fiscal_year + 1)
        self.years = list(years)
        self.year_weights = [1 + (year - FIRST_YEAR) / 10 for year in years]
        self.parts = PartMaker(run, people, wording)

    def _status(self, year: int) -> str:
        ago = self.run.fiscal_year - year
        return pick(self.rng, THIS_YEAR if ago == 0 else LAST_YEAR if ago == 1 else PAST)

    def _program(self, year: int, side: str) -> tuple[int | None, int | None]:
        rng = self.rng
        for _attempt in range(5):
            code = pick(rng, PROGRAMS_BEFORE_2022 if year < 2022 else PROGRAMS_FROM_2022)
            if code in self.programs and (side == "group" or self.programs[code][2]):
                return self.programs[code][0], self.programs[code][1]
        return None, None

    def _group(self, field_id: int) -> int | None:
        rng = self.rng
        if self.managed and rng.random() < 0.5:
            return rng.choice(self.managed)
        pool = self.registry.by_field.get(field_id) or self.registry.registered
        return rng.choice(pool) if pool else None

    def _dates(self, year: int, status: str) -> tuple[datetime.date, datetime.date | None]:
        run, rng = self.run, self.rng
        if year == run.fiscal_year and status in EARLY:
            created = run.today - datetime.timedelta(days=rng.randint(5, 120))
            submitted = None if status == Status.DRAFT else created + datetime.timedelta(days=5)
            return created, submitted
        submitted = run.day_between(
            datetime.date(year - 1, 9, 1), datetime.date(year - 1, 12, 20), rng
        )
        return submitted - datetime.timedelta(days=rng.randint(7, 40)), submitted

    def proposal(self, pk: int, rows: Batch, made: Collaboration) -> None:
        rng, run, people = self.rng, self.run, self.people
        year = rng.choices(self.years, self.year_weights)[0]
        code = rng.choices(self.codes, [FIELD_WEIGHTS[c] for c in self.codes])[0]
        field_id = self.registry.field_ids[code]
        side = "group" if year >= 2022 or rng.random() < 0.65 else "city"
        program, max_years = self._program(year, side)
        status = self._status(year)
        department = rng.choice(people.departments_for(code))
        group = self._group(field_id)
        if group is None:
            side = "city"
        partners = []
        if side == "city" or rng.random() < 0.15:
            partner = self._group(field_id)
            if partner is not None and partner != group:
                partners.append(partner)
        created, submitted = self._dates(year, status)
        length = rng.randint(1, min(max_years or 3, 3))
        need = None
        if year >= run.fiscal_year - 3 and rng.random() < 0.25:
            candidates = [n for n in self.needs_by_field.get(field_id, []) if n.created < created]
            need = rng.choice(candidates).pk if candidates else None
        if side == "group":
            author = self.registry.managers.get(group or 0) or people.centre[0]
        else:
            author = people.city_user(department, rng)
        sections = {
            key: rng.choice(self.wording.sections[key]) if self.wording.sections[key] else ""
            for key in SECTIONS
        }
        if status == Status.DRAFT:
            for key in rng.sample(SECTIONS, rng.randint(0, 4)):
                sections[key] = ""
        started = status in STARTED
        rows["proposals"].append(
            {
                "id": pk,
                "program_id": program,
                "proposer_side": side,
                "proposing_group_id": group if side == "group" else None,
                "proposing_department_id": department if side == "city" else None,
                "related_need_id": need,
                "title": proposal_title(rng, code, rng.choice(KAMAKURA).name),
                "first_fiscal_year": year,
                "last_fiscal_year": year + length - 1,
                "requested_amount": rng.randrange(50_000, 1_000_001, 10_000),
                "officer_count": rng.randint(3, 12),
                **sections,
                "report_summary": (
                    rng.choice(self.wording.reports)
                    if status in {Status.REPORTED, Status.EVALUATED, Status.CLOSED}
                    and self.wording.reports
                    else ""
                ),
                "status": status,
                "status_reason": (
                    "審査の結果、事業の実現可能性について更に検討が必要と判断されました。"
                    if status == Status.REJECTED
                    else "団体の体制が整わないため、提案を取り下げます。"
                    if status == Status.WITHDRAWN
                    else ""
                ),
                "outcome": pick(rng, OUTCOMES) if status == Status.CLOSED else "",
                "implemented": started,
                "created_by_id": author,
                "created_at": run.moment(created, rng),
                "updated_at": run.moment(min(run.today, fiscal_year_end(year)), rng),
                "submitted_at": run.moment(submitted, rng) if submitted else None,
            }
        )
        if side == "group":
            rows["departments"].append({"proposal_id": pk, "department_id": department})
        rows["partners"].extend([{"proposal_id": pk, "citizengroup_id": g} for g in partners])
        pair_group = group if side == "group" else (partners[0] if partners else None)
        if need is not None and pair_group is not None:
            made.proposed.append((need, pair_group, pk, created))
        group_user = self.registry.managers.get(pair_group or 0) or people.centre[0]
        self.parts.add(rows, pk, code, status, year, length, submitted, group_user, department)


PROPOSAL_TABLES: dict[str, type[models.Model]] = {
    "proposals": Proposal,
    "departments": Proposal.counterpart_departments.through,
    "partners": Proposal.counterpart_groups.through,
}


def make_collaboration(run: Run, people: People, registry: Registry) -> Collaboration:
    material = Material.load()
    made = Collaboration(needs=make_needs(run, people, registry, material))
    maker = ProposalMaker(run, people, registry, made.needs, Wording.load(material))
    ids = Ids(Proposal)
    rows = run.batch({**PROPOSAL_TABLES, **maker.parts.models})
    for start in range(0, run.sizes.proposals, CHUNK):
        for _n in range(start, min(start + CHUNK, run.sizes.proposals)):
            maker.proposal(ids.take(), rows, made)
        rows.flush()
    return made
