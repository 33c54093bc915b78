"""The status report (進捗状況報告書) of a fiscal year, read back from the PDF that
``manage.py generate_report status --fiscal-year`` writes: the figures are those of the data,
the guideline's history prints 73.9 % and 34.6 %, nothing private is printed, and every glyph
is in the embedded UD font.

The PDF is made once for the module (it takes seconds): the data and the file are built in a
transaction rolled back at the end of the module.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext, ngettext, npgettext
from pypdf import PdfReader
from weasyprint import HTML

from measures.models import ProgressReport
from tests.conftest import ja
from tests.reports.conftest import fonts_of, pdf_text
from tests.reports.glyphs import characters_without_glyph, notdef_warnings
from tests.reports.status_world import (
    COMMITTEE_COMMENT,
    CONSULTATION_TEXT,
    PRIVATE_MAIL,
    PRIVATE_NAME,
    PRIVATE_PHONE,
    SELF_EVALUATION_COMMENT,
    WRITTEN_ANSWER,
    YEAR,
    World,
    import_history,
    make_world,
)

# Every test is marked, so that the test database is set up even when only tests reading
# the module's PDF are selected (the PDF's data is in a transaction of its own around them).
pytestmark = pytest.mark.django_db
SIZE = 2


@dataclass(frozen=True)
class Printed:
    world: World
    data: bytes
    text: str  # every page's text, lines joined
    lines: list[str]  # the lines as they are laid out
    notdef: list[str]

    def has_row(self, label: str, count: int) -> bool:
        """Whether a chart's row reads ``label`` then ``count``."""
        return f"{label} {count}" in self.lines


@pytest.fixture(scope="module")
def printed(
    django_db_setup: None, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Printed]:
    """The report of :data:`YEAR` with the 2007–2019 history and a world of ``SIZE``."""
    output = tmp_path_factory.mktemp("status") / "進捗状況報告書.pdf"
    with django_db_blocker.unblock(), transaction.atomic():
        import_history()
        world = make_world(SIZE)
        with notdef_warnings() as notdef:
            call_command(
                "generate_report",
                "status",
                "--fiscal-year",
                str(YEAR),
                "--output",
                str(output),
                stdout=io.StringIO(),
            )
        data = output.read_bytes()
        lines = [
            line.strip()
            for page in PdfReader(io.BytesIO(data)).pages
            for line in page.extract_text().split("\n")
        ]
        yield Printed(world, data, pdf_text(data), lines, notdef)
        transaction.set_rollback(True)


def ja_count(singular: str, plural: str, count: int, context: str = "") -> str:
    """A plural message as the Japanese report prints it (the English one until the
    catalogue has it)."""
    with translation.override("ja"):
        if context:
            return npgettext(context, singular, plural, count) % {"counter": count}
        return ngettext(singular, plural, count) % {"counter": count}


def test_the_history_prints_the_guidelines_implementation_rates(printed: Printed) -> None:
    text = printed.text
    assert "73.9%（17/23）" in text  # city-proposed, 2007–2019
    assert "34.6%（18/52）" in text  # group-proposed
    assert "46.7%" in text  # all 75 proposals of the history, 35 implemented


def test_the_register_figures_are_those_of_the_register(printed: Printed) -> None:
    text = printed.text
    on_register = SIZE + 2  # the group awaiting approval is not counted
    assert ja_count("%(counter)s group", "%(counter)s groups", on_register) in text
    for name, count in printed.world.field_counts.items():
        assert printed.has_row(name, count), (name, count)
    assert printed.has_row("2025年度（令和7年度）", on_register)  # registered in the year


def test_measures_without_a_report_are_listed_and_grades_counted(printed: Printed) -> None:
    text = printed.text
    listed = text[text.index(ja("Measures without a progress report")) :]
    for measure in printed.world.unreported:
        assert measure.title in listed
    assert "施策3-1" not in text  # a draft report: not without one, and not counted
    with translation.override("ja"):
        reported = gettext("%(reported)s of %(total)s measures") % {
            "reported": 2 * SIZE,
            "total": 4 * SIZE,
        }
        grades = {g: str(ProgressReport.Grade(g).label) for g in ProgressReport.Grade.values}
    assert reported in text
    counted = printed.world.grades
    for grade, label in grades.items():
        assert printed.has_row(label, counted.get(grade, 0)), (label, counted.get(grade, 0))


def test_the_year_of_collaboration_and_its_evaluations_are_printed(printed: Printed) -> None:
    text = printed.text
    for project in printed.world.projects:
        assert project.title in text
    assert COMMITTEE_COMMENT in text  # public, as on the project's page
    assert SELF_EVALUATION_COMMENT not in text  # read by the evaluations' audience only
    consultations = ja_count(
        "%(counter)s consultation", "%(counter)s consultations", SIZE, "key figure"
    )
    assert consultations in text


def test_survey_highlights_are_counts_per_option(printed: Printed) -> None:
    text = printed.text
    answering = SIZE + 1
    with translation.override("ja"):
        everyone = gettext("%(count)s (%(percent)s%%)") % {"count": answering, "percent": "100.0"}
    assert re.search(r"活動の担い手不足\s*" + re.escape(everyone), text)
    assert WRITTEN_ANSWER not in text


def test_nothing_private_is_printed(printed: Printed) -> None:
    for private in (PRIVATE_PHONE, PRIVATE_MAIL, PRIVATE_NAME, CONSULTATION_TEXT):
        assert private not in printed.text


def test_every_font_is_embedded_and_every_glyph_drawn(printed: Printed) -> None:
    fonts = fonts_of(printed.data)
    assert fonts and all(fonts.values()), fonts
    assert all("BIZ-UD" in name for name in fonts), fonts
    assert printed.notdef == []
    assert characters_without_glyph(printed.data, printed.text) == set()


def test_the_glyph_checks_find_a_character_the_font_lacks() -> None:
    """The two checks above can fail: Devanagari is not in BIZ UD."""
    html = '<html lang="ja"><body style="font-family: \'BIZ UDGothic\'">鎌倉 क</body></html>'
    target = io.BytesIO()
    with notdef_warnings() as notdef:
        HTML(string=html).write_pdf(target)
    data = target.getvalue()
    assert notdef and "U+0915" in notdef[0]
    assert characters_without_glyph(data, pdf_text(data))


def test_a_year_without_figures_stops_the_command_with_a_message(tmp_path: Path) -> None:
    output = tmp_path / "status.pdf"
    with pytest.raises(CommandError, match="--fiscal_year") as refused:
        call_command("generate_report", "status", "--fiscal-year", "1990", "--output", str(output))
    message = ja(
        "There are no figures for the fiscal year %(value)s: choose a year with progress "
        "reports, proposals or registrations, up to the current one."
    )
    assert message % {"value": 1990} in str(refused.value)
    assert not output.exists()
