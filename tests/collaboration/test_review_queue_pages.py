"""The secretariat's queue of waiting proposals, fifty to a page, the longest waiting first."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.utils import timezone

from collaboration.models import Proposal
from collaboration.views.lists import QUEUE_PAGE
from tests.conftest import client_for
from tests.html import Page

pytestmark = pytest.mark.django_db
Status = Proposal.Status


def _waiting(group: Any, count: int) -> None:
    start = timezone.now() - datetime.timedelta(days=count)
    Proposal.objects.bulk_create(
        Proposal(
            title=f"提案{index:03d}",
            proposer_side=Proposal.ProposerSide.GROUP,
            proposing_group=group,
            status=Status.SUBMITTED,
            submitted_at=start + datetime.timedelta(days=index),
        )
        for index in range(count)
    )


def _titles(page: Page) -> list[str]:
    return [
        link.text
        for link in page.find_all("a")
        if link.text.startswith("提案") and link.text[2:].isdigit()
    ]


def test_the_queue_shows_fifty_and_pages_on(secretariat: Any, group_a: Any) -> None:
    _waiting(group_a, QUEUE_PAGE + 3)
    client = client_for(secretariat)
    first = Page(client.get("/collaboration/review/").content.decode())
    assert _titles(first) == [f"提案{index:03d}" for index in range(QUEUE_PAGE)]
    assert first.find_all("a", rel="next")
    second = Page(client.get("/collaboration/review/", {"page": 2}).content.decode())
    assert _titles(second) == [f"提案{index:03d}" for index in range(QUEUE_PAGE, QUEUE_PAGE + 3)]
    assert not second.find_all("a", rel="next")


def test_a_page_past_the_end_shows_the_last(secretariat: Any, group_a: Any) -> None:
    _waiting(group_a, 2)
    page = Page(client_for(secretariat).get("/collaboration/review/?page=9").content.decode())
    assert _titles(page) == ["提案000", "提案001"]
