"""Every move of the survey's table, tried by every role: the centre and the secretariat run
surveys, only the secretariat publishes results; a refused move changes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from kamakura_portal.workflow import SYSTEM, transition
from surveys.models import Survey
from surveys.services import SurveyError
from surveys.workflow import PUBLISH, RUN, WORKFLOW
from tests.conftest import for_every_role
from tests.workflows import try_move

from .conftest import make_survey

pytestmark = pytest.mark.django_db
NOBODY: set[str] = set()


@pytest.mark.parametrize("move", WORKFLOW.moves, ids=lambda m: f"{m.source}-{m.target}")
@for_every_role(
    {
        "anonymous": NOBODY,
        "citizen": NOBODY,
        "group_manager": NOBODY,
        "other_group_manager": NOBODY,
        "centre_staff": {RUN},
        "city_staff": NOBODY,
        "other_city_staff": NOBODY,
        "secretariat": {RUN, PUBLISH},
        "committee_member": NOBODY,
        "administrator": NOBODY,
    }
)
def test_only_the_roles_holding_the_moves_permission_make_it(
    move: Any, role_user: Any, expected: set[str]
) -> None:
    survey = make_survey(status=move.source)
    try_move(survey, move, role_user, allowed=move.permission in expected, refused=SurveyError)


def test_the_portal_itself_only_closes_a_survey() -> None:
    for move in WORKFLOW.moves:
        survey = make_survey(status=move.source)
        if move.by_system:
            transition(survey, move.target, SYSTEM)
        else:
            with pytest.raises(SurveyError):
                transition(survey, move.target, SYSTEM)
    assert [m.target for m in WORKFLOW.moves if m.by_system] == [Survey.Status.CLOSED]
