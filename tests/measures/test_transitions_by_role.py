"""Every move of the progress report's table, tried by every role: the lead department submits,
the secretariat (and administrators) review; a refused move changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from kamakura_portal.workflow import history_of, transition
from measures.models import Plan, ProgressReport
from measures.services import ProgressError
from measures.workflow import REVIEW, SUBMIT, WORKFLOW
from tests.conftest import for_every_role

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
    if move.permission in expected:
        transition(report, move.target, role_user, reason="理由があります")
        assert report.status == move.target
        assert history_of(report).get().actor == role_user
    else:
        with pytest.raises(ProgressError):
            transition(report, move.target, role_user, reason="理由があります")
        assert ProgressReport.objects.get(pk=report.pk).status == move.source
        assert not history_of(report).exists()
