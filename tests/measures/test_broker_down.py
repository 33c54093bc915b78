"""With the broker unreachable, submitting a progress report shows the normal page; the
secretariat's mail goes out once the broker is back, exactly once."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.urls import reverse

from kamakura_portal.models import Notification, OutboxMail
from kamakura_portal.tasks import sweep_outbox
from measures.models import ProgressReport
from tests.conftest import broker_unreachable, client_for, ja, real_worker

from .test_report_views import edit_data


@pytest.mark.django_db(transaction=True)
def test_a_submission_with_the_broker_down_shows_the_page_and_mails_once_it_is_back(
    own_report: ProgressReport, city_staff: Any, secretariat: Any, caplog: Any
) -> None:
    with broker_unreachable():
        response = client_for(city_staff).post(
            reverse("measures:progress_report_edit", args=[own_report.pk]),
            edit_data(action="submit"),
            follow=True,
        )
    assert response.status_code == 200
    assert ja("The report was submitted to the secretariat.") in response.content.decode()
    own_report.refresh_from_db()
    assert own_report.status == ProgressReport.Status.SUBMITTED
    assert Notification.objects.filter(recipient=secretariat).exists()
    assert "not sent, the sweep will pick it up" in caplog.text
    assert mail.outbox == []
    assert list(OutboxMail.objects.values_list("to", flat=True)) == [secretariat.email]
    with real_worker():
        assert sweep_outbox.delay().get(timeout=20) == 1
        assert sweep_outbox.delay().get(timeout=20) == 0
    assert [message.to for message in mail.outbox] == [[secretariat.email]]
