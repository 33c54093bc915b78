"""With the broker unreachable, approving a registration shows the normal page; the mail to
the managers goes out once the broker is back, exactly once (DESIGN.md §4 "Inbox and
outbox")."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from groups.models import CitizenGroup
from kamakura_portal.models import Notification, OutboxMail
from kamakura_portal.tasks import sweep_outbox
from tests.conftest import broker_unreachable, client_for, ja, real_worker


@pytest.mark.django_db(transaction=True)
def test_an_approval_with_the_broker_down_shows_the_page_and_mails_once_it_is_back(
    group_manager: Any, group_a: Any, centre_staff: Any, caplog: Any
) -> None:
    CitizenGroup.objects.filter(pk=group_a.pk).update(status=CitizenGroup.Status.SUBMITTED)
    with broker_unreachable():
        response = client_for(centre_staff).post(
            reverse("groups:review", args=[group_a.pk]), {"decision": "approve"}, follow=True
        )
    assert response.status_code == 200
    message = ja("“%(name)s” is registered and now in the public directory.")
    assert message % {"name": group_a.name} in response.content.decode()
    group_a.refresh_from_db()
    assert group_a.status == CitizenGroup.Status.REGISTERED
    assert Notification.objects.filter(recipient=group_manager).exists()
    assert "not sent, the sweep will pick it up" in caplog.text
    assert mail.outbox == []
    assert list(OutboxMail.objects.values_list("to", "sent_at")) == [(group_manager.email, None)]
    with real_worker():  # the broker is back; beat sends the sweep every minute
        assert sweep_outbox.delay().get(timeout=20) == 1
        assert sweep_outbox.delay().get(timeout=20) == 0
    assert [message.to for message in mail.outbox] == [[group_manager.email]]


def test_a_results_folder_gone_logs_and_the_change_stands(
    caplog: Any, monkeypatch: Any, django_capture_on_commit_callbacks: Any, db: None
) -> None:
    from celery.exceptions import ImproperlyConfigured

    from kamakura_portal import celery as portal_celery

    def refuse(*args: Any) -> None:
        # What the file-system result backend raises when its folder is missing.
        raise ImproperlyConfigured("The configured path for the file-system backend")

    task = portal_celery.app.tasks["groups.refresh_search_index"]
    monkeypatch.setattr(task, "delay", refuse)
    with django_capture_on_commit_callbacks(execute=True):
        portal_celery.send_after_commit("groups.refresh_search_index", [1])
    assert "not sent, the sweep will pick it up" in caplog.text
