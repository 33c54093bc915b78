"""``manage.py seed_scale``: a made-up data set at any size, the same for the same seed,
searchable and matchable as the portal's own writes make it, and refused where it must be."""

from __future__ import annotations

import datetime
import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client

from accounts.models import User
from collaboration.models import DepartmentNeed, Proposal
from coordination.matching import rank_groups
from coordination.models import Consultation, Invitation
from groups.models import CitizenGroup, Contact
from groups.search import GROUP_SEARCH
from kamakura_portal.japanese import morphemes
from kamakura_portal.scale.context import DOMAIN, PLAN_CODE
from measures.models import Measure, ProgressReport
from surveys.models import Answer, Question, Response, Survey

from ..factories import CitizenGroupFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 1)
SMALL = {
    "groups": 300,
    "proposals": 60,
    "needs": 20,
    "invitations": 40,
    "consultations": 40,
    "surveys": 2,
    "responses": 100,
    "measures": 30,
    "years": 2,
}
TINY = {
    **SMALL,
    "groups": 80,
    "proposals": 10,
    "invitations": 10,
    "consultations": 10,
    "responses": 40,
}


def seed(**options: Any) -> str:
    out = io.StringIO()
    call_command("seed_scale", stdout=out, today=TODAY, force=True, **{**SMALL, **options})
    return out.getvalue()


def generated_groups() -> Any:
    return CitizenGroup.objects.filter(contacts__email__endswith=f"@{DOMAIN}").distinct()


def test_it_makes_as_many_rows_as_asked() -> None:
    report = seed()

    assert CitizenGroup.objects.count() == 300
    assert Proposal.objects.count() == 60
    assert DepartmentNeed.objects.count() == 20
    assert Invitation.objects.count() == 40
    assert Consultation.objects.count() == 40
    assert Survey.objects.count() == 2
    assert Response.objects.count() == 100
    assert Measure.objects.filter(plan__code=PLAN_CODE).count() == 30
    assert ProgressReport.objects.filter(measure__plan__code=PLAN_CODE).count() == 30 * 2
    # Every kind of question is asked, and answered.
    assert set(Question.objects.values_list("kind", flat=True)) == set(Question.Kind.values)
    assert set(Answer.objects.values_list("question__kind", flat=True)) == set(Question.Kind.values)
    assert "groups_citizengroup" in report and "peak memory" in report


def test_the_same_seed_makes_the_same_rows_and_another_seed_others() -> None:
    seed(**TINY, seed=7)
    first = list(CitizenGroup.objects.order_by("pk").values_list("name", "name_kana", "activities"))
    titles = list(Proposal.objects.order_by("pk").values_list("title", "status"))

    seed(**TINY, seed=7, replace=True)
    again = list(CitizenGroup.objects.order_by("pk").values_list("name", "name_kana", "activities"))
    assert again == first
    assert list(Proposal.objects.order_by("pk").values_list("title", "status")) == titles

    seed(**TINY, seed=8, replace=True)
    other = list(CitizenGroup.objects.order_by("pk").values_list("name", flat=True))
    assert other != [name for name, _kana, _text in first]


def test_the_names_are_unique_and_read_in_katakana() -> None:
    seed(**TINY)

    names = list(CitizenGroup.objects.values_list("name", "name_kana"))
    assert len({name for name, _kana in names}) == len(names)
    assert all(kana and all("ァ" <= c <= "ヶ" or c == "ー" for c in kana) for _n, kana in names)


def test_the_search_tokens_are_those_the_portal_writes() -> None:
    seed(**TINY)
    ids = list(CitizenGroup.objects.order_by("pk").values_list("pk", flat=True)[:40])

    def stored() -> dict[int, tuple[set[str], set[str], set[str]]]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, search_name, search_body, "
                "array(SELECT lexeme || ':' || array_to_string(weights, '') "
                "FROM unnest(search_vector)) FROM groups_citizengroup WHERE id = ANY(%s)",
                [ids],
            )
            return {
                pk: (set(name.split()), set(body.split()), set(vector))
                for pk, name, body, vector in cursor.fetchall()
            }

    generated = stored()
    GROUP_SEARCH.refresh(ids)

    # The same tokens, and the same lexemes with the same weights (the order of a group's
    # related names, and so the positions, is whatever the database returns).
    assert stored() == generated


def test_the_directory_finds_a_generated_group_by_a_word_of_its_text() -> None:
    seed(**TINY)
    registered = CitizenGroup.objects.filter(status=CitizenGroup.Status.REGISTERED)
    group, word = next(
        (group, unit.surface)
        for group in registered.order_by("pk")
        for unit in morphemes(group.activities)
        if unit.pos == "名詞"
        and len(unit.surface) > 1
        and registered.filter(activities__contains=unit.surface).count() <= 5
    )

    response = Client().get("/groups/", {"q": word})

    assert response.status_code == 200
    assert group.name in response.content.decode()


def test_the_matching_finds_candidates_for_a_generated_need() -> None:
    seed(**TINY)
    need = DepartmentNeed.objects.filter(status=DepartmentNeed.Status.OPEN).first()
    assert need is not None

    candidates = rank_groups(need, today=TODAY)

    assert candidates
    assert all(c.group.status == CitizenGroup.Status.REGISTERED for c in candidates)


def test_private_contact_items_stay_private_by_default_and_some_are_public() -> None:
    seed(**TINY)

    contacts = Contact.objects.filter(email__endswith=f"@{DOMAIN}")
    assert contacts.filter(phone_public=False).exists()
    assert contacts.filter(phone_public=True).exists()


def test_it_refuses_a_database_that_holds_groups() -> None:
    CitizenGroupFactory.create()

    with pytest.raises(CommandError, match="already holds 1 groups"):
        seed(**TINY)

    assert CitizenGroup.objects.count() == 1


def test_replace_removes_what_it_made_and_keeps_the_rest() -> None:
    kept = CitizenGroupFactory.create(name="手で登録した会")
    seed(**TINY, replace=True)
    generated_users = User.objects.filter(email__endswith=f"@{DOMAIN}").count()

    seed(**TINY, replace=True)

    assert CitizenGroup.objects.filter(pk=kept.pk).exists()
    assert generated_groups().count() == 80
    assert CitizenGroup.objects.count() == 81
    assert User.objects.filter(email__endswith=f"@{DOMAIN}").count() == generated_users
    assert Measure.objects.filter(plan__code=PLAN_CODE).count() == 30


def test_replace_refuses_when_a_real_row_points_to_a_generated_one() -> None:
    seed(**TINY)
    group = generated_groups().first()
    Proposal.objects.create(title="本物の提案", proposer_side="group", proposing_group=group)

    with pytest.raises(CommandError, match="refer to generated"):
        seed(**TINY, replace=True)


def test_it_refuses_a_production_configuration_without_force(settings: Any) -> None:
    settings.DEBUG = False
    settings.PORTAL_DEMO_MODE = False

    with pytest.raises(CommandError, match="production configuration"):
        call_command("seed_scale", stdout=io.StringIO(), **TINY)

    assert not CitizenGroup.objects.exists()


def test_it_refuses_more_responses_than_the_groups_can_give() -> None:
    with pytest.raises(CommandError, match="responses per survey"):
        seed(groups=50, surveys=1, responses=100)
