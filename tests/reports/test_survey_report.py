"""The survey results report: per question the count and share of each option (never per
combination), charts drawn from the one chart helper, the breakdown by organisation type with
each row's label, and no written answer."""

from __future__ import annotations

import io
from typing import Any

import pytest

from groups.models import OrganizationType
from reports.generation import generate, render_html
from reports.kinds import kind_of
from surveys.answering import Respondent
from surveys.models import Survey
from tests.factories import CitizenGroupFactory
from tests.reports.conftest import fonts_of, pdf_text
from tests.surveys.conftest import answer, make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def answered(centre_staff: Any) -> Survey:
    """Three groups answered: two NPO法人 and one 任意団体; one wrote a free comment."""
    survey = make_survey(status=Survey.Status.OPEN, title="活動状況アンケート")
    npo = OrganizationType.objects.create(code="npo-test", name="NPO法人")
    voluntary = OrganizationType.objects.create(code="vol-test", name="任意団体")
    rows = [
        (npo, ["活動の担い手不足", "活動資金・資器材の調達"], "積極的に取り組みたい"),
        (npo, ["活動の担い手不足"], "今は考えていない"),
        (voluntary, ["活動場所・拠点の確保"], "積極的に取り組みたい"),
    ]
    for n, (kind, challenges, willingness) in enumerate(rows):
        group = CitizenGroupFactory.create(organization_type=kind)
        answer(
            survey,
            Respondent(group=group, user=centre_staff),
            centre_staff,
            challenges=challenges,
            willingness=willingness,
            satisfaction=4,
            comments="代表の鎌倉太郎です" if n == 0 else "",
        )
    return survey


def test_each_option_is_counted_on_its_own_with_its_share(answered: Survey) -> None:
    target = io.BytesIO()
    generate(kind_of("survey"), {"survey": answered.pk}, target, lambda percent: None)
    text = pdf_text(target.getvalue())
    # 担い手不足 was ticked by 2 of 3, 資金 by 1, 場所 by 1: per option, not per combination.
    assert "2件（66.7%）" in text
    assert text.count("1件（33.3%）") >= 2
    assert "積極的に取り組みたい" in text
    assert "代表の鎌倉太郎です" not in text
    assert all(name.split("+")[-1].startswith("BIZ-UD") for name in fonts_of(target.getvalue()))


def test_the_breakdown_keeps_each_organisation_types_label(answered: Survey) -> None:
    html = render_html(kind_of("survey"), {"survey": answered.pk})
    assert '<th scope="row">NPO法人</th>' in html
    assert '<th scope="row">任意団体</th>' in html


def test_the_charts_are_the_chart_helpers_with_their_colours(answered: Survey) -> None:
    html = render_html(kind_of("survey"), {"survey": answered.pk})
    assert 'fill="#0017c1"' in html  # the first colour of static/css/charts.css
    assert 'class="print-chart"' in html
