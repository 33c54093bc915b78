"""Japanese that read like a translation (issue 13, item 14), found by reading every page once:
one English word with two meanings given one Japanese word, raw years, ASCII punctuation in
Japanese text, a count of nothing said as a number."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from collaboration.models import Proposal, Stage
from collaboration.services import evaluation
from groups import services as registry
from surveys.models import Survey
from tests.collaboration.conftest import (  # noqa: F401
    GRADES,
    group_proposal,
    make_need,
    programs,
    put_in,
)
from tests.conftest import client_for
from tests.factories import GroupMembershipFactory
from tests.surveys.conftest import make_survey

pytestmark = pytest.mark.django_db


def page(user: Any, url: str) -> str:
    return client_for(user).get(url).content.decode()


def test_removing_an_email_address_is_not_removing_a_group_manager(citizen: Any) -> None:
    # The portal's catalogue comes first: its "Remove" (a manager) was allauth's too.
    html = page(citizen, reverse("account_email"))
    assert "担当から外す" not in html
    assert "削除" in html


def test_a_group_manager_is_still_removed_from_the_group(group_manager: Any, group_a: Any) -> None:
    GroupMembershipFactory.create(group=group_a)
    assert "担当から外す" in page(group_manager, reverse("groups:manage", args=[group_a.pk]))


def test_a_needs_period_and_a_surveys_period_are_not_a_plans(
    dept_own: Any, centre_staff: Any
) -> None:
    need = make_need(dept_own)
    need_page = page(centre_staff, reverse("collaboration:need", args=[need.pk]))
    assert "実施期間" in need_page and "計画期間" not in need_page
    survey = make_survey()
    builder = page(centre_staff, reverse("surveys:builder", args=[survey.pk]))
    assert "回答期間" in builder and "計画期間" not in builder


def test_a_surveys_year_is_a_fiscal_year(anonymous: Any) -> None:
    survey = make_survey(fiscal_year=2019, title="2019年の調査")
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.PUBLISHED)
    listing = page(anonymous, reverse("surveys:published"))
    assert "（2019年度（令和元年度）・回答0件）" in listing
    results = page(anonymous, reverse("surveys:public_results", args=[survey.pk]))
    assert "2019年度（令和元年度） — " in results


def test_the_proposer_is_written_with_a_japanese_colon(
    group_proposal: Any,  # noqa: F811
    group_a: Any,
    anonymous: Any,
) -> None:
    put_in(group_proposal, Proposal.Status.IN_PROGRESS)
    project = page(anonymous, reverse("collaboration:project", args=[group_proposal.pk]))
    assert f"団体提案：{group_a.name}" in project


def test_no_unread_notice_is_said_so_not_counted(citizen: Any) -> None:
    html = page(citizen, reverse("inbox"))
    assert "未読のお知らせはありません。" in html
    assert "0件" not in html


def test_one_sides_self_evaluation_is_not_said_to_differ_on_0_items(
    group_proposal: Any,  # noqa: F811
    group_manager: Any,
) -> None:
    running = put_in(group_proposal, Proposal.Status.IN_PROGRESS)
    evaluation.file_self_evaluation(running, group_manager, "group", Stage.MID_TERM, GRADES)
    html = page(group_manager, reverse("collaboration:evaluation", args=[running.pk]))
    assert "0項目" not in html


def test_the_last_registration_step_is_not_edited(citizen: Any) -> None:
    draft = registry.start_registration(citizen, name="材木座ヨットの会", name_kana="ザイモクザ")
    html = page(citizen, reverse("groups:manage", args=[draft.pk]))
    assert "確認して申請を編集" not in html
    assert "確認して申請" in html


def test_counts_in_japanese_text_have_no_ascii_parentheses_or_spaces(
    centre_staff: Any, group_a: Any
) -> None:
    html = page(centre_staff, reverse("groups:staff_list"))
    assert "すべての状態（1）" in html and "登録（1）" in html
    assert "1団体" in html


def test_a_plan_without_an_edition_starts_with_its_years(anonymous: Any) -> None:
    from measures.models import Plan

    Plan.objects.create(
        code="other-plan",
        title="協働の指針",
        start_fiscal_year=2021,
        end_fiscal_year=2026,
    )
    text = " ".join(page(anonymous, reverse("measures:plans")).split())
    assert '<p class="muted"> 2021〜2026年度 · 0件 </p>' in text
