"""A survey's history rows, down to its questions' options, follow the survey's own rule:
survey staff read them, an administrator (who does not run surveys) does not (issue 13,
item 1). A removed option is still placed: its delete record names its question."""

import pytest
from django.urls import reverse

from kamakura_portal.audit import acting_as
from tests.conftest import client_for

from .conftest import make_survey, option

pytestmark = pytest.mark.django_db

FEED = "/staff/history/"
REMOVED = "活動場所・拠点の確保"


@pytest.mark.parametrize(
    ("role", "reads"), [("centre_staff", True), ("secretariat", True), ("administrator", False)]
)
def test_a_removed_option_shows_to_those_who_run_the_survey(
    role: str, reads: bool, request: pytest.FixtureRequest
) -> None:
    user = request.getfixturevalue(role)
    with acting_as(user):
        survey = make_survey(title="担い手アンケート")
        option(survey, "challenges", REMOVED).delete()
    client = client_for(user)
    assert client.get(reverse("surveys:builder", args=[survey.pk])).status_code == (
        200 if reads else 403
    )
    page = client.get(FEED).content.decode()
    assert ("担い手アンケート" in page, REMOVED in page) == (reads, reads)
