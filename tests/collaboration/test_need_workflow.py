"""A department need moves along its table only (募集中 → マッチング済み → 終了, and back), made by
its department, the secretariat and the centre's coordinators; the people working on it are
told in the inbox — no proposal involved."""

from __future__ import annotations

from typing import Any

import pytest

from collaboration.errors import NeedError
from collaboration.models import DepartmentNeed
from collaboration.workflow.needs import MOVE, WORKFLOW
from kamakura_portal.models import Notification
from kamakura_portal.workflow import history_of, transition
from tests.conftest import client_for, for_every_role, ja, roles_except
from tests.workflows import try_move

from .conftest import make_need

pytestmark = pytest.mark.django_db
Status = DepartmentNeed.Status
MOVERS = {"city_staff", "centre_staff", "secretariat"}


@pytest.mark.parametrize("move", WORKFLOW.moves, ids=lambda m: f"{m.source}-{m.target}")
@for_every_role(roles_except(MOVERS, {MOVE}, set()))
def test_only_the_department_the_secretariat_and_coordinators_make_each_move(
    dept_own: Any, move: Any, role_user: Any, expected: set[str]
) -> None:
    need = make_need(dept_own, status=move.source)
    try_move(need, move, role_user, allowed=move.permission in expected, refused=NeedError)


def test_a_closed_need_cannot_become_matched_without_being_reopened(
    dept_own: Any, centre_staff: Any
) -> None:
    need = make_need(dept_own, status=Status.CLOSED)
    with pytest.raises(NeedError):
        transition(need, Status.MATCHED, centre_staff)
    transition(need, Status.OPEN, centre_staff)
    transition(need, Status.MATCHED, centre_staff)
    assert [c.to_status for c in history_of(need, oldest_first=True)] == ["open", "matched"]


def test_a_coordinator_is_told_in_the_inbox_when_the_department_moves_its_need(
    dept_own: Any, city_staff: Any, centre_staff: Any, other_city_staff: Any, group_manager: Any
) -> None:
    need = make_need(dept_own)
    transition(need, Status.MATCHED, city_staff)
    [notice] = Notification.objects.all()
    assert notice.recipient == centre_staff  # not the actor, another department or a group
    assert notice.about == need
    assert notice.url == f"/collaboration/needs/{need.pk}/"
    assert notice.message == ja("The need “%(title)s” is now “%(status)s”.") % {
        "title": need.title,
        "status": Status.MATCHED.label,
    }
    page = client_for(centre_staff).get("/inbox/").content.decode()
    assert need.title in page


def test_the_department_hears_when_a_coordinator_closes_its_need(
    dept_own: Any, city_staff: Any, centre_staff: Any
) -> None:
    need = make_need(dept_own)
    transition(need, Status.CLOSED, centre_staff)
    assert [n.recipient for n in Notification.objects.all()] == [city_staff]


def test_the_status_form_offers_only_the_moves_of_the_table(
    dept_own: Any, centre_staff: Any
) -> None:
    need = make_need(dept_own, status=Status.CLOSED)
    page = client_for(centre_staff).get(f"/collaboration/needs/{need.pk}/").content.decode()
    assert 'value="open"' in page
    assert 'value="matched"' not in page
    client_for(centre_staff).post(
        f"/collaboration/staff/needs/{need.pk}/status/", {"status": "matched"}
    )
    assert DepartmentNeed.objects.get(pk=need.pk).status == Status.CLOSED
