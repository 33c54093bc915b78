"""Every move of the registration's table, tried by every role: who may make it is the move's
permission in groups/rules.py, and a refused move changes nothing."""

from __future__ import annotations

import datetime
from typing import Any

import pytest

from groups.models import CitizenGroup, Contact
from groups.services import RegistryError
from groups.workflow import RENEW, REVIEW, STAFF, SUBMIT, WORKFLOW
from tests.conftest import for_every_role
from tests.factories import ActivityFieldFactory, DistrictFactory, OrganizationTypeFactory
from tests.workflows import try_move

pytestmark = pytest.mark.django_db
Status = CitizenGroup.Status
REGISTRY_STAFF = {REVIEW, STAFF}
NOBODY: set[str] = set()


def ready(group: CitizenGroup, source: str) -> CitizenGroup:
    """The group in ``source``, complete for submission and due for renewal."""
    group.organization_type = OrganizationTypeFactory.create()
    group.activities = "海岸の清掃"
    group.agreed_to_rules_at = datetime.datetime(2026, 4, 1, tzinfo=datetime.UTC)
    group.valid_until = datetime.date(2020, 3, 31)
    group.status = source
    group.save()
    group.activity_fields.add(ActivityFieldFactory.create())
    group.districts.add(DistrictFactory.create())
    Contact.objects.update_or_create(
        group=group,
        kind=Contact.Kind.REPRESENTATIVE,
        defaults={"name": "代表", "phone": "0467-00-0000"},
    )
    return group


@pytest.mark.parametrize("move", WORKFLOW.moves, ids=lambda m: f"{m.source}-{m.target}")
@for_every_role(
    {
        "anonymous": NOBODY,
        "citizen": NOBODY,
        "group_manager": {SUBMIT, RENEW},
        "other_group_manager": NOBODY,
        "centre_staff": REGISTRY_STAFF,
        "city_staff": NOBODY,
        "other_city_staff": NOBODY,
        "secretariat": REGISTRY_STAFF,
        "committee_member": NOBODY,
        "administrator": REGISTRY_STAFF,
    }
)
def test_only_the_roles_holding_the_moves_permission_make_it(
    group_a: CitizenGroup, group_manager: Any, move: Any, role_user: Any, expected: set[str]
) -> None:
    group = ready(group_a, move.source)
    try_move(group, move, role_user, allowed=move.permission in expected, refused=RegistryError)
