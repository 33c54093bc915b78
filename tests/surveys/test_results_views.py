"""Results pages (staff live, public after publication), comparison, written answers, exports."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from surveys.answering import Respondent
from surveys.models import Survey
from tests.conftest import client_for, for_every_role, roles_except
from tests.factories import CitizenGroupFactory
from tests.html import Page

from .conftest import answer, make_survey

pytestmark = pytest.mark.django_db

SURVEY_STAFF = {"centre_staff", "secretariat"}
READERS = SURVEY_STAFF | {"committee_member"}


def content(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def body(response: Any) -> str:
    """The text of a page, a CSV or the cells of an XLSX."""
    if not response.streaming:
        return response.content.decode()
    raw = content(response)
    if raw.startswith(b"PK"):
        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(raw)).active
        return " ".join(str(cell) for row in sheet.values for cell in row)
    return raw.decode("utf-8-sig")


def answered_survey(manager: Any, count: int = 2, **options: Any) -> Survey:
    survey = make_survey(status=Survey.Status.OPEN, **options)
    for n in range(count):
        answer(
            survey,
            Respondent(group=CitizenGroupFactory.create(name=f"回答団体{n}")),
            manager,
            challenges=["活動の担い手不足"],
            willingness="今は考えていない",
            comments=f"意見その{n}",
        )
    return survey


@for_every_role({**roles_except(READERS, yes=200, no=403), "anonymous": 302})
def test_live_results_are_for_staff_and_the_committee(
    role_client: Any, expected: Any, group_manager: Any
) -> None:
    survey = answered_survey(group_manager)
    url = reverse("surveys:staff_results", args=[survey.pk])
    assert role_client.get(url).status_code == expected
    assert role_client.get(url, {"by": "organization_type"}).status_code == expected


@for_every_role({**roles_except(SURVEY_STAFF, yes=200, no=403), "anonymous": 302})
def test_written_answers_and_exports_are_for_survey_staff(
    role_client: Any, expected: Any, group_manager: Any
) -> None:
    survey = answered_survey(group_manager)
    for name in ("free_text", "export_csv", "export_xlsx"):
        response = role_client.get(reverse(f"surveys:{name}", args=[survey.pk]))
        assert response.status_code == expected, name


@for_every_role({**roles_except(set(), yes=403, no=403), "anonymous": 302})
def test_unpublished_results_are_not_public(
    role_client: Any, expected: Any, group_manager: Any
) -> None:
    survey = answered_survey(group_manager)
    url = reverse("surveys:public_results", args=[survey.pk])
    assert role_client.get(url).status_code == expected


@for_every_role(roles_except(set(), yes=200, no=200))
def test_published_results_are_public(role_client: Any, expected: Any, group_manager: Any) -> None:
    survey = answered_survey(group_manager)
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.PUBLISHED)
    assert role_client.get(reverse("surveys:public_results", args=[survey.pk])).status_code == 200
    listing = role_client.get(reverse("surveys:published"))
    assert (
        reverse("surveys:public_results", args=[survey.pk])
        in Page(listing.content.decode()).hrefs()
    )


@for_every_role(roles_except(set(), yes=200, no=200))
def test_the_public_comparison_is_for_everyone(role_client: Any, expected: Any) -> None:
    assert role_client.get(reverse("surveys:compare")).status_code == expected


@for_every_role({**roles_except(READERS, yes=200, no=403), "anonymous": 302})
def test_the_staff_comparison_is_for_readers_of_live_results(
    role_client: Any, expected: Any
) -> None:
    assert role_client.get(reverse("surveys:staff_compare")).status_code == expected


def test_live_results_show_counts_percentages_and_the_table(
    centre_staff: Any, group_manager: Any
) -> None:
    survey = answered_survey(group_manager, count=3)
    html = client_for(centre_staff).get(reverse("surveys:staff_results", args=[survey.pk]))
    page = Page(html.content.decode())
    cells = [cell.text for cell in page.find_all("td", class_="chart__cell")]
    assert any(cell.startswith("3") and "100.0" in cell for cell in cells)
    assert page.find_all("table")
    assert "意見その0" not in html.content.decode()  # free text only on its own page


def test_the_public_page_never_shows_written_answers(group_manager: Any) -> None:
    survey = answered_survey(group_manager)
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.PUBLISHED)
    html = Client().get(reverse("surveys:public_results", args=[survey.pk])).content.decode()
    assert "意見その0" not in html
    assert "回答団体0" not in html
    assert reverse("surveys:free_text", args=[survey.pk]) not in html


def test_written_answers_name_the_group_in_a_named_survey(
    centre_staff: Any, group_manager: Any
) -> None:
    survey = answered_survey(group_manager)
    html = client_for(centre_staff).get(reverse("surveys:free_text", args=[survey.pk]))
    assert "意見その1" in html.content.decode() and "回答団体1" in html.content.decode()


def test_an_anonymous_survey_leaks_no_respondent_anywhere(
    centre_staff: Any, secretariat: Any, group_manager: Any
) -> None:
    from auditlog.models import LogEntry

    survey = answered_survey(group_manager, anonymous=True)
    client = client_for(secretariat)
    pages = [
        body(client.get(reverse(f"surveys:{name}", args=[survey.pk])))
        for name in ("builder", "staff_results", "free_text", "export_csv", "export_xlsx")
    ]
    pages.append(
        client.get(
            reverse("surveys:staff_results", args=[survey.pk]), {"by": "activity_field"}
        ).content.decode()
    )
    for html in pages:
        assert "回答団体0" not in html and "回答団体1" not in html
        assert group_manager.display_name not in html
    assert "意見その0" in pages[2]  # the text is there, without its author
    logged = LogEntry.objects.filter(
        content_type__app_label="surveys",
        content_type__model__in=("response", "answer", "answerchoice"),
    )
    assert not logged.exists()


def test_the_csv_is_utf8_with_bom_one_row_per_response(
    centre_staff: Any, group_manager: Any
) -> None:
    survey = answered_survey(group_manager, count=3)
    response = client_for(centre_staff).get(reverse("surveys:export_csv", args=[survey.pk]))
    raw = content(response)
    assert raw.startswith("\ufeff".encode())
    lines = raw.decode("utf-8-sig").strip().split("\r\n")
    assert len(lines) == 4
    assert "活動の担い手不足" in lines[0] and "今は考えていない" in lines[1]
    assert "filename*=UTF-8''" in response["Content-Disposition"]


def test_the_xlsx_has_the_same_table(centre_staff: Any, group_manager: Any) -> None:
    from openpyxl import load_workbook

    survey = answered_survey(group_manager, count=2)
    response = client_for(centre_staff).get(reverse("surveys:export_xlsx", args=[survey.pk]))
    workbook = load_workbook(io.BytesIO(content(response)))
    rows = list(workbook.active.values)
    assert len(rows) == 3
    assert "今は考えていない" in rows[1]


def results_queries(client: Any, url: Any, capture: Any) -> int:
    with capture() as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("by", ["", "organization_type", "activity_field"])
def test_staff_results_do_not_grow_with_responses(
    centre_staff: Any, group_manager: Any, by: Any
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    survey = answered_survey(group_manager, count=2)
    client = client_for(centre_staff)
    url = reverse("surveys:staff_results", args=[survey.pk]) + (f"?by={by}" if by else "")
    capture = lambda: CaptureQueriesContext(connection)  # noqa: E731
    before = results_queries(client, url, capture)
    for n in range(8):
        answer(
            survey,
            Respondent(group=CitizenGroupFactory.create()),
            group_manager,
            challenges=["活動資金・資器材の調達"],
            willingness="今は考えていない",
            members=n,
            satisfaction=3,
        )
    assert results_queries(client, url, capture) == before


def test_staff_results_are_pinned(
    centre_staff: Any, group_manager: Any, django_assert_num_queries: Any
) -> None:
    survey = answered_survey(group_manager, count=5)
    client = client_for(centre_staff)
    url = reverse("surveys:staff_results", args=[survey.pk])
    # 1. session 2. user with its roles and managed groups (accounts.backends; permission and
    # menu) 3. the survey 4. questions 5. their options 6. submitted responses 7. answering
    # per question 8. count per option 9. values of number and scale questions
    with django_assert_num_queries(9):
        client.get(url)


def test_public_results_are_pinned(group_manager: Any, django_assert_num_queries: Any) -> None:
    survey = answered_survey(group_manager, count=5)
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.PUBLISHED)
    client = Client()
    url = reverse("surveys:public_results", args=[survey.pk])
    # 1. the survey 2. questions 3. their options 4. submitted responses
    # 5. answering per question 6. count per option 7. values of number and scale questions
    with django_assert_num_queries(7):
        client.get(url)


def test_the_staff_comparison_shows_both_years_side_by_side(
    centre_staff: Any, group_manager: Any
) -> None:
    old = answered_survey(group_manager, count=2)
    new = answered_survey(group_manager, count=1)
    Survey.objects.filter(pk=old.pk).update(fiscal_year=2019, status=Survey.Status.PUBLISHED)
    Survey.objects.filter(pk=new.pk).update(fiscal_year=2025, status=Survey.Status.CLOSED)
    html = client_for(centre_staff).get(reverse("surveys:staff_compare"), {"key": "willingness"})
    text = html.content.decode()
    assert "2019年度" in text and "2025年度" in text
    public = Client().get(reverse("surveys:compare"), {"key": "willingness"}).content.decode()
    assert "2025年度" not in public  # not published yet


def test_the_comparison_is_pinned(group_manager: Any, django_assert_num_queries: Any) -> None:
    for year in (2019, 2025):
        survey = answered_survey(group_manager, count=2)
        Survey.objects.filter(pk=survey.pk).update(fiscal_year=year, status=Survey.Status.PUBLISHED)
    # 1. comparable keys 2. questions with surveys 3. their options 4. answering 5. per option
    with django_assert_num_queries(5):
        Client().get(reverse("surveys:compare"), {"key": "challenges"})


def test_the_counts_are_kept_until_an_answer_comes(
    centre_staff: Any, group_manager: Any, django_assert_num_queries: Any
) -> None:
    survey = answered_survey(group_manager, count=2)
    client = client_for(centre_staff)
    url = reverse("surveys:staff_results", args=[survey.pk])
    assert client.get(url).context["results"].respondents == 2
    # The counts are kept (kamakura_portal.shared_pages.kept): 1. session 2. user 3. the
    # survey, and nothing of its answers.
    with django_assert_num_queries(3):
        client.get(url)
    # A response submitted since (its answers and choices written in bulk) counts at once.
    answer(
        survey,
        Respondent(group=CitizenGroupFactory.create(name="回答団体9")),
        group_manager,
        challenges=["活動場所・拠点の確保"],
        willingness="積極的に取り組みたい",
    )
    assert client.get(url).context["results"].respondents == 3
    # The survey's own values are part of the key: a new title shows at once.
    Survey.objects.filter(pk=survey.pk).update(title="改めた題名")
    assert client.get(url).context["results"].survey.title == "改めた題名"
