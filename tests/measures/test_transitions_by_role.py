"""Every move of the progress report's table, tried by every role: the lead department submits,
the secretariat (and administrators) review; a refused move changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from measures.models import Plan
from measures.services import ProgressError
from measures.workflow import REVIEW, SUBMIT, WORKFLOW
from tests.conftest import for_every_role
from tests.workflows import try_move

from .conftest import make_report

pytestmark = pytest.mark.django_db
NOBODY: set[str] = set()


@pytest.mark.parametrize("move", WORKFLOW.moves, ids=lambda m: f"{m.source}-{m.target}")
@for_every_role(
    {
        "anonymous": NOBODY,
        "citizen": NOBODY,
        "group_manager": NOBODY,
        "other_group_manager": NOBODY,
        "centre_staff": NOBODY,
        "city_staff": {SUBMIT},  # dept_own leads measure 1-a-1
        "other_city_staff": NOBODY,
        "secretariat": {REVIEW},
        "committee_member": NOBODY,
        "administrator": {REVIEW},
    }
)
def test_only_the_roles_holding_the_moves_permission_make_it(
    guideline: Plan, reporting_round: Any, move: Any, role_user: Any, expected: set[str]
) -> None:
    report = make_report(guideline, "1-a-1", status=move.source)
    try_move(report, move, role_user, allowed=move.permission in expected, refused=ProgressError)
