"""With the broker unreachable, moving a proposal shows the normal page; the other side's
mail goes out once the broker is back, exactly once."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail

from collaboration.models import Proposal
from kamakura_portal.models import Notification, OutboxMail
from kamakura_portal.tasks import sweep_outbox
from tests.conftest import broker_unreachable, client_for, ja, real_worker


@pytest.mark.django_db(transaction=True)
def test_a_move_with_the_broker_down_shows_the_page_and_mails_once_it_is_back(
    group_proposal: Proposal, group_manager: Any, city_staff: Any, caplog: Any
) -> None:
    with broker_unreachable():
        response = client_for(group_manager).post(
            f"/collaboration/proposals/{group_proposal.pk}/move/",
            {"to": Proposal.Status.SUBMITTED},
            follow=True,
        )
    assert response.status_code == 200
    status = Proposal.Status.SUBMITTED.label
    assert ja("The proposal is now “%(status)s”.") % {"status": status} in response.content.decode()
    group_proposal.refresh_from_db()
    assert group_proposal.status == Proposal.Status.SUBMITTED
    assert Notification.objects.filter(recipient=city_staff).exists()
    assert "not sent, the sweep will pick it up" in caplog.text
    assert mail.outbox == []
    assert list(OutboxMail.objects.values_list("to", flat=True)) == [city_staff.email]
    with real_worker():
        assert sweep_outbox.delay().get(timeout=20) == 1
        assert sweep_outbox.delay().get(timeout=20) == 0
    assert [message.to for message in mail.outbox] == [[city_staff.email]]
