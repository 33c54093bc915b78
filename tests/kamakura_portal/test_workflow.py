"""The one workflow engine: a declared table of moves per model, run by one transition() that
locks the row, asks rules.py, runs the guards, records the move and announces it — or
changes nothing."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection

from collaboration.errors import NeedError
from collaboration.models import DepartmentNeed
from groups.models import CitizenGroup
from groups.services import RegistryError
from kamakura_portal.errors import PortalError, Problem
from kamakura_portal.models import Notification, StatusChange
from kamakura_portal.workflow import (
    _WORKFLOWS,
    SYSTEM,
    allowed_moves,
    history_of,
    record_arrival,
    transition,
    workflow_of,
)
from measures.models import ProgressReport
from surveys.models import Survey
from tests.collaboration.conftest import make_need
from tests.conftest import ja
from tests.factories import CitizenGroupFactory

pytestmark = pytest.mark.django_db
Status = DepartmentNeed.Status


def test_there_is_one_transition_in_the_project() -> None:
    found = [
        path
        for path in Path(settings.BASE_DIR).rglob("*.py")
        if ".venv" not in path.parts
        and "tests" not in path.parts
        and "def transition(" in path.read_text(encoding="utf-8")
    ]
    assert [str(path.relative_to(settings.BASE_DIR)) for path in found] == [
        "kamakura_portal/workflow.py"
    ]


def test_every_status_machine_is_declared() -> None:
    models = {model.__name__ for model in _WORKFLOWS}
    assert {"CitizenGroup", "Proposal", "ProgressReport", "Survey", "DepartmentNeed"} <= models
    for model in (CitizenGroup, ProgressReport, Survey, DepartmentNeed):
        statuses = set(model._meta.get_field("status").flatchoices)
        for move in workflow_of(model).moves:
            assert {move.source, move.target} <= {value for value, _label in statuses}


def test_a_move_is_recorded_with_who_when_and_why(dept_own: Any, centre_staff: Any) -> None:
    need = make_need(dept_own)
    transition(need, Status.MATCHED, centre_staff, reason="候補の団体が見つかった")
    assert need.status == Status.MATCHED
    change = history_of(need).get()
    assert (change.from_status, change.to_status, change.reason, change.actor) == (
        Status.OPEN,
        Status.MATCHED,
        "候補の団体が見つかった",
        centre_staff,
    )
    assert change.get_to_status_display() == Status.MATCHED.label


def test_a_move_off_the_table_is_refused_in_the_workflows_words(
    dept_own: Any, centre_staff: Any
) -> None:
    need = make_need(dept_own, status=Status.CLOSED)
    with pytest.raises(NeedError) as refused:
        transition(need, Status.MATCHED, centre_staff)
    assert str(refused.value) == ja("A need that is “%(from)s” cannot become “%(to)s”.") % {
        "from": Status.CLOSED.label,
        "to": Status.MATCHED.label,
    }
    assert DepartmentNeed.objects.get(pk=need.pk).status == Status.CLOSED
    assert not StatusChange.objects.exists()


def test_the_permission_of_rules_py_decides_who_moves(
    dept_own: Any, other_city_staff: Any, city_staff: Any
) -> None:
    need = make_need(dept_own)
    assert allowed_moves(need, other_city_staff) == []
    with pytest.raises(PortalError):
        transition(need, Status.MATCHED, other_city_staff)
    assert [move.target for move in allowed_moves(need, city_staff)] == [
        Status.MATCHED,
        Status.CLOSED,
    ]
    transition(need, Status.CLOSED, city_staff)
    assert need.status == Status.CLOSED


def test_the_system_makes_only_the_moves_marked_for_it(centre_staff: Any) -> None:
    group = CitizenGroupFactory.create(status=CitizenGroup.Status.REGISTERED)
    with pytest.raises(RegistryError):
        transition(group, CitizenGroup.Status.SUSPENDED, SYSTEM, reason="理由")
    with pytest.raises(RegistryError):
        transition(group, CitizenGroup.Status.RENEWAL_DUE, centre_staff)
    transition(group, CitizenGroup.Status.RENEWAL_DUE, SYSTEM)
    assert group.status == CitizenGroup.Status.RENEWAL_DUE
    assert history_of(group).get().actor is None


def test_a_required_reason_must_be_written(centre_staff: Any) -> None:
    group = CitizenGroupFactory.create(status=CitizenGroup.Status.REGISTERED)
    with pytest.raises(RegistryError) as refused:
        transition(group, CitizenGroup.Status.SUSPENDED, centre_staff, reason="  ")
    assert str(refused.value) == ja("Write the reason; the group's managers will read it.")
    assert not history_of(group).exists()


def test_a_guard_names_what_blocks_the_move_and_nothing_changes(group_manager: Any) -> None:
    group = group_manager.managed_groups.get()
    CitizenGroup.objects.filter(pk=group.pk).update(status=CitizenGroup.Status.DRAFT)
    with pytest.raises(RegistryError) as refused:
        transition(group, CitizenGroup.Status.SUBMITTED, group_manager)
    assert refused.value.problems
    assert all(isinstance(problem, Problem) for problem in refused.value.problems)
    assert str(refused.value) == " ".join(refused.value.problems)
    group.refresh_from_db()
    assert group.status == CitizenGroup.Status.DRAFT
    assert not history_of(group).exists()


def test_a_failing_announcement_undoes_the_move(
    dept_own: Any, centre_staff: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    need = make_need(dept_own)
    workflow = workflow_of(DepartmentNeed)

    def broken(need: DepartmentNeed, change: StatusChange) -> None:
        raise RuntimeError("the inbox failed")

    monkeypatch.setattr(workflow, "announce", broken)
    with pytest.raises(RuntimeError):
        transition(need, Status.MATCHED, centre_staff)
    assert DepartmentNeed.objects.get(pk=need.pk).status == Status.OPEN
    assert not StatusChange.objects.exists()


def test_records_loaded_from_elsewhere_arrive_without_a_move_or_a_notice(
    dept_own: Any, centre_staff: Any
) -> None:
    needs = [make_need(dept_own), make_need(dept_own, status=Status.CLOSED)]
    record_arrival(needs, "取り込み", centre_staff)
    assert [(c.from_status, c.to_status, c.reason) for c in history_of(needs[1])] == [
        ("", Status.CLOSED, "取り込み")
    ]
    assert not Notification.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_people_making_the_same_move_at_once_make_it_once(
    dept_own: Any, centre_staff: Any, city_staff: Any
) -> None:
    """The row is locked: the second move sees the first one's status and is refused."""
    need = make_need(dept_own)
    outcomes: list[str] = []
    start = threading.Barrier(2)

    def move(user: Any) -> None:
        start.wait()
        try:
            transition(DepartmentNeed(pk=need.pk), Status.MATCHED, user)
            outcomes.append("moved")
        except NeedError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=move, args=(user,)) for user in (centre_staff, city_staff)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["moved", "refused"]
    assert history_of(need).count() == 1
