"""The demo consultations: loaded once, through the service (so searchable), with a follow-up
due, one ahead, one done and one in the previous fiscal year; the demo centre account reads
them and the demo secretariat does not."""

from __future__ import annotations

import pytest
from django.utils import timezone

from accounts.demo import DEMO_DOMAIN, load_demo_accounts
from accounts.models import User
from accounts.services import load_departments
from coordination.demo import DEMO_CONSULTATIONS, load_demo_consultations
from coordination.models import Consultation
from coordination.queries.consultations import follow_ups_due, yearly_counts
from coordination.reference import load_topics
from coordination.search import search_consultations
from groups.reference import load_taxonomies
from kamakura_portal.dates import fiscal_year
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    load_departments()
    load_taxonomies()
    load_topics()
    load_demo_accounts()


def test_the_demo_consultations_are_loaded_once(demo: None) -> None:
    assert load_demo_consultations() == len(DEMO_CONSULTATIONS)
    assert load_demo_consultations() == 0
    assert Consultation.objects.count() == len(DEMO_CONSULTATIONS)
    assert not Consultation.objects.filter(search_body="").exists()
    assert [c.person_name for c in Consultation.objects.filter(topics__isnull=True)] == []


def test_the_demo_shows_each_state_of_a_follow_up(demo: None) -> None:
    load_demo_consultations()
    assert len(follow_ups_due()) == 2
    assert Consultation.objects.filter(follow_up_done_on__isnull=False).count() == 1
    this_year = fiscal_year(timezone.localdate())
    assert yearly_counts(this_year).total + yearly_counts(this_year - 1).total == 5
    found = search_consultations(Consultation.objects.all(), "こどもしょくどう")
    assert [c.person_name for c in found] == ["材木座 太郎"]


def test_the_demo_centre_account_reads_the_log_and_the_secretariat_does_not(
    demo: None,
) -> None:
    load_demo_consultations()
    centre = User.objects.get(email=f"centre@{DEMO_DOMAIN}")
    secretariat = User.objects.get(email=f"secretariat@{DEMO_DOMAIN}")
    page = client_for(centre).get("/coordination/consultations/")
    assert page.status_code == 200
    assert "由比ガ浜ビーチクリーンの会" in page.content.decode()
    assert client_for(secretariat).get("/coordination/consultations/").status_code == 403


def test_nothing_is_loaded_without_the_demo_accounts(demo: None) -> None:
    User.objects.filter(email=f"centre@{DEMO_DOMAIN}").delete()
    assert load_demo_consultations() == 0
