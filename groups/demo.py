"""The demo registry: 351 fictitious groups with the figures of seed 001 (demo mode only).

``groups/data/demo_registry.csv`` is written by ``scripts/make_demo_registry.py`` and loaded
through the same import as a real registry, so the demo also shows that the import works.
The two groups the demo accounts manage get full profiles from
``groups/data/demo_managed_groups.json``, saved through the registry's services (so their
search documents are written as for any group).
"""

from __future__ import annotations

import json
from pathlib import Path

from django.utils import timezone

from kamakura_portal.dates import fiscal_year, fiscal_year_end
from kamakura_portal.japanese import matching_key

from .imports import commit_import, plan_import, read_rows
from .models import ActivityField, CitizenGroup, Contact, District, OrganizationType
from .services import update_contact, update_profile

DEMO_REGISTRY = Path(__file__).parent / "data" / "demo_registry.csv"
DEMO_MANAGED = Path(__file__).parent / "data" / "demo_managed_groups.json"


def load_demo_registry() -> int:
    """Import the demo registry unless its groups are already there (idempotent).

    Returns the number of groups created: 351 the first time, 0 afterwards.
    """
    table = read_rows(DEMO_REGISTRY.read_bytes(), DEMO_REGISTRY.name)
    names = {matching_key(str(cells[0])) for _number, cells in table.rows}
    existing = CitizenGroup.objects.values_list("name", flat=True).iterator()
    if any(matching_key(name) in names for name in existing):
        return 0
    return commit_import(plan_import(table), actor=None, search_now=True)


def complete_demo_group(group: CitizenGroup) -> None:
    """Give a demo account's group its full profile and contacts, unless it has a profile
    already (what a demo user typed stays)."""
    spec = json.loads(DEMO_MANAGED.read_text(encoding="utf-8")).get(group.name)
    if spec is None or group.activities:
        return
    today = timezone.localdate()
    # None where the taxonomies are not loaded (setup_portal loads them first).
    kind = OrganizationType.objects.filter(code=spec["profile"]["organization_type"]).first()
    profile = {
        **spec["profile"],
        "organization_type": kind,
        "registered_on": group.registered_on or today.replace(month=4, day=1, year=today.year - 3),
        "valid_until": group.valid_until or fiscal_year_end(fiscal_year(today)),
    }
    update_profile(
        group,
        profile,
        many={
            "activity_fields": ActivityField.objects.filter(code__in=spec["activity_fields"]),
            "districts": District.objects.filter(code__in=spec["districts"]),
        },
    )
    for kind, fields in spec["contacts"].items():
        contact, _created = Contact.objects.get_or_create(group=group, kind=kind)
        update_contact(contact, fields)
