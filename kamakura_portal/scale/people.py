"""The few accounts the generated data needs: centre staff, the secretariat, committee
members, one city employee per section and the managers of some groups.

Every address is in :data:`~.context.DOMAIN`. Passwords are unusable (one value for all,
no hashing per account): a benchmark signs its users in through a session, as tests do.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from accounts.models import Department, Role, RoleAssignment, User

from .bulk import Ids
from .context import DOMAIN, Run
from .names import person

# Sections whose work each activity field touches (accounts/data/departments.json codes).
FIELD_DEPARTMENTS = {
    "machizukuri-kurashi": ["chiiki-no-tsunagari", "toshi-keikaku", "toshi-keikan"],
    "bunka-geijutsu-sports": ["bunka-jinken", "shogai-gakushu"],
    "kodomo-kosodate": ["kodomo-shien", "hoiku", "seishonen", "gakumu"],
    "shizen-kankyo-anzen-saigai": ["sogo-bosai", "kankyo-seisaku", "midori-koen", "yobo"],
    "hoken-iryo-fukushi": ["fukushi-somu", "koreisha-ikiiki", "shogai-fukushi", "shimin-kenko"],
    "seikatsu-kankyo-joho": ["gomi-genryo", "digital-suishin", "hisho-koho", "shimin"],
    "jinken-kokusai": ["bunka-jinken", "kikaku-keikaku"],
    "kanko": ["kanko", "shoko", "nosui"],
    "npo-shien": ["chiiki-no-tsunagari"],
}
SECRETARIAT_DEPARTMENT = "chiiki-no-tsunagari"
CENTRE_STAFF = 4
SECRETARIAT = 2
COMMITTEE = 6


@dataclass
class People:
    centre: list[int] = field(default_factory=list)
    secretariat: list[int] = field(default_factory=list)
    committee: list[int] = field(default_factory=list)
    city: dict[int, int] = field(default_factory=dict)  # department id → its employee
    managers: list[int] = field(default_factory=list)
    departments: dict[str, int] = field(default_factory=dict)  # active sections by code
    department_names: dict[int, str] = field(default_factory=dict)

    def departments_for(self, field_code: str) -> list[int]:
        """The sections working on a field (any active section where none is left)."""
        found = [
            self.departments[code]
            for code in FIELD_DEPARTMENTS.get(field_code, [])
            if code in self.departments
        ]
        return found or list(self.departments.values())

    def city_user(self, department: int, rng: random.Random) -> int:
        return self.city.get(department) or rng.choice(self.centre)


def manager_count(groups: int) -> int:
    """One group in forty has a manager account (a registry mostly kept by the centre)."""
    return max(1, groups // 40)


def make_people(run: Run) -> People:
    rng = run.rng("people")
    people = People()
    for pk, code, name in Department.objects.filter(
        kind=Department.Kind.SECTION, is_active=True
    ).values_list("pk", "code", "name"):
        people.departments[code] = pk
        people.department_names[pk] = name
    users = run.table(
        User, ["id", "email", "display_name", "password", "date_joined", "agreed_to_terms_at"]
    )
    roles = run.table(RoleAssignment, ["user_id", "role", "department_id", "granted_at"])
    password = make_password(None)
    user_rows: list[dict[str, object]] = []
    role_rows: list[dict[str, object]] = []
    ids = Ids(User)

    def add(local: str, grants: list[tuple[str, int | None]]) -> int:
        pk = ids.take()
        joined = run.moment(run.day_between(run.today.replace(year=2015), run.today, rng), rng)
        user_rows.append(
            {
                "id": pk,
                "email": f"{local}@{DOMAIN}",
                "display_name": person(rng)[0],
                "password": password,
                "date_joined": joined,
                "agreed_to_terms_at": joined,
            }
        )
        for role, department in grants:
            role_rows.append(
                {"user_id": pk, "role": role, "department_id": department, "granted_at": joined}
            )
        return pk

    people.centre = [add(f"centre-{n}", [(Role.CENTRE_STAFF, None)]) for n in range(CENTRE_STAFF)]
    secretariat_department = people.departments.get(SECRETARIAT_DEPARTMENT)
    people.secretariat = [
        add(
            f"secretariat-{n}",
            [(Role.SECRETARIAT, None)]
            + ([(Role.CITY_STAFF, secretariat_department)] if secretariat_department else []),
        )
        for n in range(SECRETARIAT)
    ]
    people.committee = [add(f"committee-{n}", [(Role.COMMITTEE, None)]) for n in range(COMMITTEE)]
    for code, department in people.departments.items():
        people.city[department] = add(f"city-{code}", [(Role.CITY_STAFF, department)])
    people.managers = [add(f"manager-{n:05d}", []) for n in range(manager_count(run.sizes.groups))]
    users.copy(user_rows)
    roles.copy(role_rows)
    return people
