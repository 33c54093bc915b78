"""Words that read like a translation (issue 13, item 14): one English word used in two
places got one Japanese word for both; an f-string hid a label from the catalogue."""

from typing import Any

import pytest
from django.urls import reverse

from surveys.models import Survey
from tests.conftest import client_for
from tests.surveys.conftest import make_survey

pytestmark = pytest.mark.django_db


def test_an_open_survey_reads_as_open_for_answers_not_as_a_button(centre_staff: Any) -> None:
    make_survey(status=Survey.Status.OPEN, title="活動状況アンケート")
    html = client_for(centre_staff).get(reverse("surveys:staff")).content.decode()
    assert "回答受付中" in html
    assert ">開く<" not in html
    assert "回答期間" in html and "計画期間" not in html
    assert "回答済み" in html and "申請済み" not in html


def test_survey_dates_are_japanese_dates_not_iso(centre_staff: Any) -> None:
    survey = make_survey(status=Survey.Status.OPEN)
    html = client_for(centre_staff).get(reverse("surveys:staff")).content.decode()
    opens = survey.opens_on
    assert f"{opens.year}年{opens.month}月{opens.day}日" in html
    assert opens.isoformat() not in html


def test_the_proposer_choices_are_in_japanese(group_manager: Any, group_a: Any) -> None:
    from collaboration.reference import load_programs

    load_programs()
    html = client_for(group_manager).get(reverse("collaboration:start")).content.decode()
    assert f"{group_a.name}（団体からの提案）" in html
    assert "group proposal" not in html


def test_staff_of_one_department_get_no_empty_choice_first(city_staff: Any) -> None:
    html = client_for(city_staff).get(reverse("collaboration:new_need")).content.decode()
    assert "---------" not in html


def test_a_proposal_list_is_headed_as_proposals_not_as_a_count(group_manager: Any) -> None:
    html = client_for(group_manager).get(reverse("collaboration:mine")).content.decode()
    assert "提案数" not in html
