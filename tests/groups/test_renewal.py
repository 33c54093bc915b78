"""Yearly renewal: due from 1 April, reminders, 更新待ち after the deadline, renewal itself."""

import datetime
from typing import Any

import pytest
from django.core import mail

from groups import services
from groups.models import CitizenGroup
from groups.queries import directory_groups, renewal_status_counts
from groups.tasks import run_renewal_cycle
from tests.conftest import recipients_of
from tests.factories import CitizenGroupFactory, GroupMembershipFactory

from .profile_data import complete

pytestmark = pytest.mark.django_db
Status = CitizenGroup.Status
LAST_MARCH = datetime.date(2026, 3, 31)


@pytest.fixture
def lapsing(group_manager: Any, group_a: Any) -> Any:
    complete(group_a)  # a renewal needs the items a registration needs
    group_a.valid_until = LAST_MARCH
    group_a.registered_on = datetime.date(2020, 5, 1)
    group_a.save()
    return group_a


def test_the_renewal_is_not_due_before_the_fiscal_year_ends(lapsing: Any) -> None:
    assert not lapsing.renewal_is_due(datetime.date(2026, 3, 31))
    assert lapsing.renewal_is_due(datetime.date(2026, 4, 1))


def test_the_deadline_follows_the_setting(settings: Any) -> None:
    settings.PORTAL_RENEWAL_DEADLINE = (6, 30)
    assert services.renewal_deadline(datetime.date(2026, 11, 21)) == datetime.date(2026, 6, 30)
    assert services.renewal_deadline(datetime.date(2027, 2, 1)) == datetime.date(2026, 6, 30)
    settings.PORTAL_RENEWAL_DEADLINE = (3, 31)
    assert services.renewal_deadline(datetime.date(2026, 11, 21)) == datetime.date(2027, 3, 31)


def test_before_the_deadline_an_unrenewed_group_stays_in_the_directory(lapsing: Any) -> None:
    assert services.mark_unrenewed_groups(datetime.date(2026, 6, 30)) == 0
    assert lapsing in directory_groups()


def test_after_the_deadline_an_unrenewed_group_becomes_renewal_due_and_leaves_the_directory(
    lapsing: Any, django_capture_on_commit_callbacks: Any
) -> None:
    renewed = CitizenGroupFactory.create(valid_until=datetime.date(2027, 3, 31))
    with django_capture_on_commit_callbacks(execute=True):
        assert services.mark_unrenewed_groups(datetime.date(2026, 7, 1)) == 1
    lapsing.refresh_from_db()
    assert lapsing.status == Status.RENEWAL_DUE
    assert list(directory_groups()) == [renewed]
    assert CitizenGroup.objects.filter(pk=lapsing.pk).exists()  # nothing is deleted
    assert [m.to for m in mail.outbox] == [["manager@example.jp"]]


def test_renewal_confirms_the_group_for_the_new_fiscal_year(
    lapsing: Any, group_manager: Any
) -> None:
    services.renew_registration(lapsing, group_manager, today=datetime.date(2026, 5, 10))
    assert lapsing.status == Status.REGISTERED
    assert lapsing.valid_until == datetime.date(2027, 3, 31)
    assert lapsing.renewed_on == datetime.date(2026, 5, 10)
    assert lapsing.registered_on == datetime.date(2020, 5, 1)


def test_a_group_that_became_renewal_due_is_back_in_the_directory_once_renewed(
    lapsing: Any, group_manager: Any
) -> None:
    services.mark_unrenewed_groups(datetime.date(2026, 7, 1))
    lapsing.refresh_from_db()
    services.renew_registration(lapsing, group_manager, today=datetime.date(2026, 7, 2))
    assert lapsing in directory_groups()


def test_a_group_valid_until_next_march_cannot_renew_again(
    group_manager: Any, group_a: Any
) -> None:
    group_a.valid_until = datetime.date(2027, 3, 31)
    group_a.save()
    with pytest.raises(services.RegistryError):
        services.renew_registration(group_a, group_manager, today=datetime.date(2026, 11, 21))


def test_reminders_go_to_every_manager_once_per_period(
    lapsing: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.PORTAL_RENEWAL_REMINDER_DAYS = 30
    GroupMembershipFactory.create(group=lapsing, user__email="second@example.jp")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_renewal_reminders(datetime.date(2026, 4, 1)) == 1
        assert services.send_renewal_reminders(datetime.date(2026, 4, 2)) == 0
        assert services.send_renewal_reminders(datetime.date(2026, 5, 1)) == 1
    # Two reminders (1 April and 1 May), each to both managers.
    assert recipients_of(mail.outbox) == ["manager@example.jp"] * 2 + ["second@example.jp"] * 2


def test_no_reminder_for_a_group_that_is_valid(group_a: Any) -> None:
    group_a.valid_until = datetime.date(2027, 3, 31)
    group_a.save()
    assert services.send_renewal_reminders(datetime.date(2026, 11, 21)) == 0


def test_the_daily_task_marks_and_reminds(lapsing: Any, settings: Any) -> None:
    settings.PORTAL_RENEWAL_DEADLINE = (4, 1)  # already past whatever today is, after April
    result = run_renewal_cycle.apply().get()
    assert set(result) == {"lapsed", "reminded"}


def test_renewal_counts(lapsing: Any) -> None:
    CitizenGroupFactory.create(valid_until=datetime.date(2027, 3, 31))
    CitizenGroupFactory.create(status=Status.SUSPENDED)
    CitizenGroupFactory.create(status=Status.RENEWAL_DUE)
    counts = renewal_status_counts(datetime.date(2026, 5, 1))
    assert counts == {"current": 1, "due": 1, "lapsed": 1, "suspended": 1, "archived": 0}
