"""Dates in downloads as a Japanese office reads them in Excel (issue 13, item 14): one rule in
the one writer, for the survey and the registry files alike, never ISO's ``T`` and offset."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from groups.exports import PUBLIC_HEADER
from kamakura_portal.exports import csv_lines, write_xlsx
from surveys.answering import Respondent
from surveys.models import Response, Survey
from tests.conftest import client_for
from tests.factories import CitizenGroupFactory
from tests.surveys.conftest import answer, make_survey

# 23:30 on 2 December in UTC is 08:30 on the 3rd in Japan: the day as well as the hour moves.
LATE_UTC = datetime.datetime(2026, 12, 2, 23, 30, tzinfo=datetime.UTC)


def test_csv_writes_dates_with_slashes_and_moments_in_japan_time() -> None:
    lines = "".join(csv_lines(["日", "時"], [[datetime.date(2026, 4, 1), LATE_UTC]])).splitlines()
    assert lines[1] == "2026/04/01,2026/12/03 08:30"


def test_xlsx_date_cells_are_shown_as_the_csv_writes_them() -> None:
    out = io.BytesIO()
    write_xlsx(out, title="日付", header=["日", "時"], rows=[[datetime.date(2026, 4, 1), LATE_UTC]])
    day, moment = load_workbook(io.BytesIO(out.getvalue())).active[2]
    # openpyxl reads cells back as naive datetimes: the time as written, Japan time.
    assert day.value.date() == datetime.date(2026, 4, 1) and day.number_format == "yyyy/mm/dd"
    assert moment.value.timetuple()[:5] == (2026, 12, 3, 8, 30)
    assert moment.number_format == "yyyy/mm/dd hh:mm"


def csv_text(response: Any) -> str:
    return b"".join(response.streaming_content).decode("utf-8-sig")


@pytest.mark.django_db
def test_the_survey_csv_gives_the_submission_time_in_japan_time(
    centre_staff: Any, group_manager: Any
) -> None:
    survey = make_survey(status=Survey.Status.OPEN)
    answer(
        survey,
        Respondent(group=CitizenGroupFactory.create()),
        group_manager,
        challenges=["活動の担い手不足"],
        willingness="今は考えていない",
    )
    Response.objects.filter(survey=survey).update(submitted_at=LATE_UTC)
    response = client_for(centre_staff).get(reverse("surveys:export_csv", args=[survey.pk]))
    text = csv_text(response)
    [row] = list(csv.reader(io.StringIO(text)))[1:]
    assert row[2] == "2026/12/03 08:30"
    assert "T23:30" not in text and "+00:00" not in text


@pytest.mark.django_db
def test_the_registry_csv_writes_the_registration_day_as_its_import_reads_it() -> None:
    # The import takes YYYY/MM/DD (tests/groups/test_imports.py), so the file goes back in.
    CitizenGroupFactory.create(registered_on=datetime.date(2015, 6, 1))
    response = Client().get(reverse("groups:export_csv"))
    text = csv_text(response)
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert list(row) == PUBLIC_HEADER
    assert row["登録日"] == "2015/06/01"
