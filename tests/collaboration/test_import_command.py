"""``manage.py import_proposals FILE [--dry-run]``."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from collaboration.models import Program, Proposal

pytestmark = pytest.mark.django_db
HISTORY = Path(__file__).parents[2] / "collaboration" / "data" / "history_2007_2019.csv"


def test_a_dry_run_checks_the_file_and_saves_nothing(programs: dict[str, Program]) -> None:
    out = StringIO()
    call_command("import_proposals", str(HISTORY), "--dry-run", stdout=out)
    assert "75 rows, 75 correct" in out.getvalue()
    assert "Dry run" in out.getvalue()
    assert not Proposal.objects.exists()


def test_it_imports_the_history(programs: dict[str, Program]) -> None:
    out = StringIO()
    call_command("import_proposals", str(HISTORY), stdout=out)
    assert "Imported 75 proposals" in out.getvalue()
    assert Proposal.objects.filter(is_imported=True, implemented=True).count() == 35


def test_a_file_with_problems_imports_nothing(programs: dict[str, Program], tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "事業名,年度,制度,提案者区分,結果\n清掃,2010,相互提案協働事業,市,採択\n清掃2,昔,委託,市,採択\n",
        encoding="utf-8",
    )
    err = StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_proposals", str(bad), stderr=err)
    assert "3" in err.getvalue() and "年度" in err.getvalue()
    assert not Proposal.objects.exists()


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"missing\.csv"):
        call_command("import_proposals", str(tmp_path / "missing.csv"))
