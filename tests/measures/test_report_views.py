"""The lead department's pages: its worklist, starting, reading and writing a report."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from measures.models import ProgressReport
from tests.conftest import ROLES, client_for, for_every_role, roles_except
from tests.html import Page, field_error
from tests.measures.conftest import make_report

pytestmark = pytest.mark.django_db

Status = ProgressReport.Status
SECRETARIAT = {"secretariat", "administrator"}


def edit_data(**overrides: str) -> dict[str, str]:
    data = {
        "progress": "in_progress",
        "grade": "A",
        "achievements": "交流会を3回開催した。",
        "issues": "",
        "next_steps": "参加団体を増やす。",
        "spending": "120000",
        "indicators-TOTAL_FORMS": "2",
        "indicators-INITIAL_FORMS": "0",
        "indicators-0-name": "参加団体数",
        "indicators-0-unit": "団体",
        "indicators-0-target": "30",
        "indicators-0-actual": "24",
        "links-TOTAL_FORMS": "1",
        "links-INITIAL_FORMS": "0",
        "links-0-title": "実施報告",
        "links-0-url": "https://example.jp/report",
        "action": "save",
    }
    data.update(overrides)
    return data


# ---- My reports -----------------------------------------------------------------------


@for_every_role(
    {**roles_except({"city_staff", "other_city_staff"}, yes=200, no=403), "anonymous": 302}
)
def test_city_staff_have_a_worklist(role_client: Any, expected: Any) -> None:
    assert role_client.get(reverse("measures:my_progress_reports")).status_code == expected


def test_the_worklist_holds_only_the_measures_the_department_leads(
    city_staff: Any, other_city_staff: Any, own_report: Any, django_assert_num_queries: Any
) -> None:
    client = client_for(city_staff)
    # 1 session, 2 user with its roles and managed groups (accounts.backends; permission and
    # menu); 3 rounds with plans, 4 the measures led, 5 their lead departments, 6 their
    # reports of the rounds' years.
    with django_assert_num_queries(6):
        response = client.get(reverse("measures:my_progress_reports"))
    [(_round, rows)] = response.context["worklist"]
    assert [(m.code, r) for m, r in rows] == [("1-a-1", own_report)]
    other = client_for(other_city_staff).get(reverse("measures:my_progress_reports"))
    assert other.context["worklist"] == []


def test_the_worklist_costs_the_same_with_more_measures_and_rounds(
    city_staff: Any, guideline: Any, dept_own: Any, own_report: Any, django_assert_num_queries: Any
) -> None:
    from measures.models import Measure, ReportingRound

    for n in range(10):
        extra = Measure.objects.create(
            plan=guideline, code=f"x{n}", title="追加", sort_order=50 + n
        )
        extra.lead_departments.add(dept_own)
    ReportingRound.objects.create(plan=guideline, fiscal_year=2024, deadline="2030-01-01")
    client = client_for(city_staff)
    with django_assert_num_queries(6):
        response = client.get(reverse("measures:my_progress_reports"))
    assert len(response.context["worklist"]) == 2


# ---- Starting a report ------------------------------------------------------------------


@for_every_role({**roles_except({"city_staff"}, yes=302, no=403), "anonymous": 302})
def test_only_the_lead_department_starts_a_report(
    role: Any, role_client: Any, expected: Any, guideline: Any, reporting_round: Any
) -> None:
    measure = guideline.measures.get(code="1-a-1")
    response = role_client.post(reverse("measures:start_progress_report", args=[measure.pk, 2025]))
    assert response.status_code == expected
    assert ProgressReport.objects.exists() is (role == "city_staff")


def test_starting_opens_the_draft_in_the_editor(
    city_staff: Any, guideline: Any, reporting_round: Any
) -> None:
    measure = guideline.measures.get(code="1-a-1")
    response = client_for(city_staff).post(
        reverse("measures:start_progress_report", args=[measure.pk, 2025])
    )
    report = ProgressReport.objects.get()
    assert response["Location"] == reverse("measures:progress_report_edit", args=[report.pk])


def test_starting_a_year_without_a_round_says_so(city_staff: Any, guideline: Any) -> None:
    measure = guideline.measures.get(code="1-a-1")
    response = client_for(city_staff).post(
        reverse("measures:start_progress_report", args=[measure.pk, 2025]), follow=True
    )
    message = gettext("The secretariat has not asked for reports on this fiscal year.")
    assert message in response.content.decode()
    assert not ProgressReport.objects.exists()


# ---- Reading and editing -----------------------------------------------------------------


@for_every_role({**roles_except({"city_staff"} | SECRETARIAT, yes=200, no=403), "anonymous": 302})
def test_a_draft_is_read_by_its_department_and_the_secretariat_only(
    role_client: Any, expected: Any, own_report: Any
) -> None:
    assert (
        role_client.get(reverse("measures:progress_report", args=[own_report.pk])).status_code
        == expected
    )


@for_every_role(dict.fromkeys(ROLES, 200))
def test_a_published_report_is_read_by_everyone(
    role_client: Any, expected: Any, guideline: Any, reporting_round: Any
) -> None:
    report = make_report(guideline, "1-a-1", status=Status.PUBLISHED)
    assert (
        role_client.get(reverse("measures:progress_report", args=[report.pk])).status_code
        == expected
    )


@for_every_role({**roles_except({"city_staff"}, yes=200, no=403), "anonymous": 302})
def test_only_the_lead_department_edits_a_draft(
    role_client: Any, expected: Any, own_report: Any
) -> None:
    assert (
        role_client.get(reverse("measures:progress_report_edit", args=[own_report.pk])).status_code
        == expected
    )


@for_every_role({**roles_except(set(), yes=200, no=403), "anonymous": 302})
def test_nobody_edits_a_submitted_report(
    role_client: Any, expected: Any, guideline: Any, reporting_round: Any
) -> None:
    report = make_report(guideline, "1-a-1", status=Status.SUBMITTED)
    response = role_client.post(
        reverse("measures:progress_report_edit", args=[report.pk]), edit_data()
    )
    assert response.status_code == expected
    report.refresh_from_db()
    assert report.achievements == "交流会を3回開催した。"


def test_saving_a_draft_keeps_text_indicators_and_links(city_staff: Any, own_report: Any) -> None:
    client = client_for(city_staff)
    response = client.post(
        reverse("measures:progress_report_edit", args=[own_report.pk]), edit_data()
    )
    assert response.status_code == 302
    own_report.refresh_from_db()
    assert own_report.status == Status.DRAFT
    assert own_report.spending == 120000
    assert [(i.name, i.target, i.actual) for i in own_report.indicators.all()] == [
        ("参加団体数", 30, 24)
    ]
    assert [(link.title, link.url) for link in own_report.evidence_links.all()] == [
        ("実施報告", "https://example.jp/report")
    ]
    # The editor shows them again, with two empty rows for more.
    page = client.get(reverse("measures:progress_report_edit", args=[own_report.pk]))
    assert page.context["forms"][1].total_form_count() == 3


def test_submitting_sends_the_report_to_the_secretariat(city_staff: Any, own_report: Any) -> None:
    response = client_for(city_staff).post(
        reverse("measures:progress_report_edit", args=[own_report.pk]), edit_data(action="submit")
    )
    assert response["Location"] == reverse("measures:progress_report", args=[own_report.pk])
    own_report.refresh_from_db()
    assert own_report.status == Status.SUBMITTED


def test_submitting_with_gaps_saves_the_draft_and_marks_each_empty_field(
    city_staff: Any, own_report: Any
) -> None:
    data = edit_data(action="submit", achievements="途中まで書いた", next_steps="", grade="")
    response = client_for(city_staff).post(
        reverse("measures:progress_report_edit", args=[own_report.pk]), data
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert field_error(html, "id_next_steps")
    assert Page(html).by_id("id_grade_error").text  # a group of radios: on its fieldset
    own_report.refresh_from_db()
    assert own_report.status == Status.DRAFT
    assert own_report.achievements == "途中まで書いた"  # the work is kept


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"links-0-url": "javascript:alert(1)"}, "id_links-0-url"),
        ({"links-0-title": ""}, "id_links-0-title"),
        ({"indicators-0-name": ""}, "id_indicators-0-name"),
        ({"indicators-0-target": "たくさん"}, "id_indicators-0-target"),
        ({"spending": "-5"}, "id_spending"),
    ],
)
def test_bad_input_is_explained_beside_the_field_and_nothing_is_saved(
    city_staff: Any, own_report: Any, overrides: Any, field: Any
) -> None:
    response = client_for(city_staff).post(
        reverse("measures:progress_report_edit", args=[own_report.pk]),
        edit_data(achievements="変更", **overrides),
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), field)
    own_report.refresh_from_db()
    assert own_report.achievements == "交流会を3回開催した。"
    assert not own_report.indicators.exists()


def test_a_portal_page_is_accepted_as_evidence(city_staff: Any, own_report: Any) -> None:
    client_for(city_staff).post(
        reverse("measures:progress_report_edit", args=[own_report.pk]),
        edit_data(**{"links-0-url": "/collaboration/projects/3/"}),
    )
    assert own_report.evidence_links.get().url == "/collaboration/projects/3/"


def test_a_returned_report_shows_the_secretariat_s_comment_in_the_editor(
    city_staff: Any, guideline: Any, reporting_round: Any
) -> None:
    report = make_report(
        guideline, "1-a-1", status=Status.RETURNED, return_comment="指標を追加してください"
    )
    html = (
        client_for(city_staff)
        .get(reverse("measures:progress_report_edit", args=[report.pk]))
        .content.decode()
    )
    assert "指標を追加してください" in html
