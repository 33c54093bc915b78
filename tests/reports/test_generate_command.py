"""`manage.py generate_report`: the worker's generation in the foreground, to a file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from tests.reports.conftest import PRIVATE_PHONE, pdf_text

pytestmark = pytest.mark.django_db


def test_the_command_writes_the_roster(register: dict[str, Any], tmp_path: Path) -> None:
    output = tmp_path / "名簿.pdf"
    call_command("generate_report", "roster", "--output", str(output))
    text = pdf_text(output.read_bytes())
    assert "由比ガ浜の会" in text and PRIVATE_PHONE not in text
    assert [path.name for path in tmp_path.iterdir()] == ["名簿.pdf"]


def test_an_unknown_survey_stops_the_command_with_a_message(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="--survey"):
        call_command(
            "generate_report", "survey", "--survey", "999", "--output", str(tmp_path / "x")
        )
    assert not (tmp_path / "x").exists()
