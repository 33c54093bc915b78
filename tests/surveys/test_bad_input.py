"""Values that are not choices are refused and change nothing: a move that is not one of the
survey's moves now, an audience outside its choices (issue 17)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from kamakura_portal.models import StatusChange
from surveys.models import Survey
from tests.conftest import client_for, ja
from tests.html import Page

from .conftest import make_survey

pytestmark = pytest.mark.django_db
Status = Survey.Status


@pytest.mark.parametrize(
    ("start", "to"),
    [
        (Status.DRAFT, Status.PUBLISHED),
        (Status.DRAFT, Status.CLOSED),
        (Status.OPEN, Status.DRAFT),
        (Status.CLOSED, "nonsense"),
        (Status.PUBLISHED, ""),
    ],
)
def test_a_move_that_is_not_the_surveys_now_is_refused_with_a_message(
    secretariat: Any, start: str, to: str
) -> None:
    survey = make_survey(status=start)
    client = client_for(secretariat)
    response = client.post(reverse("surveys:transition", args=[survey.pk]), {"to": to})
    assert response.status_code == 302
    assert Survey.objects.get(pk=survey.pk).status == start
    assert not StatusChange.objects.exists()
    page = client.get(response["Location"]).content.decode()
    assert ja("This change is not possible now.") in page


@pytest.mark.parametrize("audience", ["everyone", "", "groups\x00", "GROUPS"])
def test_an_audience_outside_the_choices_is_refused_beside_the_field(
    centre_staff: Any, audience: str
) -> None:
    response = client_for(centre_staff).post(
        reverse("surveys:create"),
        {
            "title": "2026年度 活動状況アンケート",
            "fiscal_year": "2026",
            "audience": audience,
            "opens_on": "2026-09-01",
            "closes_on": "2026-09-30",
        },
    )
    assert response.status_code == 200
    # A group of radio buttons: the error is tied to its fieldset.
    assert Page(response.content.decode()).by_id("id_audience_error").text
    assert not Survey.objects.exists()


def test_an_option_posted_twice_is_chosen_once(group_manager: Any, group_a: Any) -> None:
    """Found by the every-form test: a duplicate choice was a server error."""
    from surveys.models import AnswerChoice, Response

    from .conftest import option, question
    from .test_answer_views import answer_url, form_data

    survey = make_survey(status=Status.OPEN)
    challenge = str(option(survey, "challenges", "活動の担い手不足").pk)
    response = client_for(group_manager).post(
        answer_url(survey, f"group-{group_a.pk}"),
        form_data(
            survey,
            0,
            "submit",
            **{
                f"q{question(survey, 'members').pk}": "12",
                f"q{question(survey, 'challenges').pk}": [challenge, challenge],
                f"q{question(survey, 'willingness').pk}": str(
                    option(survey, "willingness", "今は考えていない").pk
                ),
            },
        ),
    )
    assert response.status_code == 302
    assert Response.objects.get().status == "submitted"
    assert AnswerChoice.objects.filter(option_id=challenge).count() == 1
