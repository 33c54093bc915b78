import csv
import io
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command

from groups.imports import COLUMNS
from groups.models import CitizenGroup
from groups.reference import load_taxonomies
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD = ["稲村ガ崎の会", "イナムラガサキノカイ", "任意団体", "観光", "鎌倉"] + [""] * 13
BAD_KANA = ["長谷の会", "hase", "任意団体", "観光", "鎌倉"] + [""] * 13


@pytest.fixture(autouse=True)
def taxonomies() -> None:
    load_taxonomies()


def write(
    tmp_path: Any, *rows: list[str], encoding: str = "utf-8", name: str = "registry.csv"
) -> Any:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    writer.writerows(rows)
    path = tmp_path / name
    path.write_bytes(out.getvalue().encode(encoding))
    return path


def run(*args: str) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("import_groups", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_a_dry_run_of_a_good_file_saves_nothing(tmp_path: Any) -> None:
    out, _err = run(str(write(tmp_path, GOOD, encoding="cp932")), "--dry-run")
    assert "1 correct" in out
    assert not CitizenGroup.objects.exists()


def test_each_problem_is_printed_with_its_row_and_column_and_the_command_fails(
    tmp_path: Any,
) -> None:
    path = write(tmp_path, GOOD, BAD_KANA)
    err = StringIO()
    with pytest.raises(CommandError, match="1 problems in 1 rows"):
        call_command("import_groups", str(path), "--dry-run", stdout=StringIO(), stderr=err)
    [line] = err.getvalue().splitlines()
    assert "3" in line and "フリガナ" in line
    assert not CitizenGroup.objects.exists()


def test_without_dry_run_a_file_with_a_problem_imports_nothing(tmp_path: Any) -> None:
    with pytest.raises(CommandError):
        run(str(write(tmp_path, GOOD, BAD_KANA)))
    assert not CitizenGroup.objects.exists()


def test_a_good_file_is_imported_under_the_given_actor(tmp_path: Any) -> None:
    staff = UserFactory.create(email="centre@example.jp")
    out, _err = run(str(write(tmp_path, GOOD)), "--actor-email", "CENTRE@example.jp")
    assert "Imported 1 groups" in out
    group = CitizenGroup.objects.get(name="稲村ガ崎の会")
    assert group.status_changes.get().actor == staff


def test_an_unknown_actor_stops_before_reading_the_file(tmp_path: Any) -> None:
    with pytest.raises(CommandError, match=r"nobody@example\.jp"):
        run(str(write(tmp_path, GOOD)), "--actor-email", "nobody@example.jp")
    assert not CitizenGroup.objects.exists()


def test_a_missing_file_is_reported(tmp_path: Any) -> None:
    with pytest.raises(CommandError, match=r"missing\.csv"):
        run(str(tmp_path / "missing.csv"))


def test_an_unreadable_file_is_reported(tmp_path: Any) -> None:
    path = tmp_path / "registry.csv"
    path.write_bytes(b"\x85\x40\x85\x40")
    with pytest.raises(CommandError, match="UTF-8"):
        run(str(path))
