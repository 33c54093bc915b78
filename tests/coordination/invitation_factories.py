"""Invitations for the invitation tests: a public open need of ``dept_own`` (the ``need``
fixture) and pairs put straight in the status a test starts from (the moves themselves are
tested on their own). Test modules import the fixtures by their function names.

``group_a`` (managed by ``group_manager``) is the group invited; ``group_b`` (managed by
``other_group_manager``) is another group."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from collaboration.models import DepartmentNeed
from coordination.models import Invitation
from kamakura_portal.models import OutboxMail
from tests.collaboration.conftest import make_need

Status = Invitation.Status


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture(name="need")
def a_need(dept_own: Any) -> DepartmentNeed:
    return make_need(dept_own)


def make_invitation(
    need: DepartmentNeed, group: Any, status: str = Status.INVITED, **fields: Any
) -> Invitation:
    """A pair in ``status``; a sent one has the message, the reasons and the answer date."""
    values: dict[str, Any] = {"status": status}
    if status != Status.CANDIDATE:
        values.update(
            message="見守り活動にご協力いただけないでしょうか。",
            reasons="福祉の活動分野が一致（+30）\n「見守り」と「声かけ」が近い言葉です。",
            answer_by=in_days(14),
            invited_at=timezone.now(),
        )
    values.update(fields)
    return Invitation.objects.create(need=need, group=group, **values)


@pytest.fixture(name="invitation")
def an_invitation(need: DepartmentNeed, group_a: Any) -> Invitation:
    """``group_a`` invited to ``need``, waiting for its answer."""
    return make_invitation(need, group_a)


def mailed_to() -> list[str]:
    """The addresses of the mail queued in the outbox (it leaves after the commit)."""
    return sorted(OutboxMail.objects.values_list("to", flat=True))
