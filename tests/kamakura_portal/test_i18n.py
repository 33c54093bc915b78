"""Japanese first, English selectable, and a Japanese catalogue that is always complete."""

from __future__ import annotations

import ast
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "ja" / "LC_MESSAGES" / "django.po"
# The project's own apps (they sit at the top of the repository) and the shared templates.
SOURCE_DIRS = (
    *(app for app in settings.INSTALLED_APPS if (Path(settings.BASE_DIR) / app).is_dir()),
    "templates",
)


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    plural: str | None = None
    msgstrs: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    line: int = 0

    @property
    def label(self) -> str:
        context = f"[{self.msgctxt}] " if self.msgctxt else ""
        return f"line {self.line}: {context}{self.msgid!r}"


def parse_po(text: str) -> list[Entry]:
    """The entries of a gettext catalogue (obsolete ``#~`` entries are left out)."""
    entries: list[Entry] = []
    entry = Entry()
    target: tuple[str, int | None] | None = None

    def flush() -> None:
        nonlocal entry
        if entry.line:
            entries.append(entry)
        entry = Entry()

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#"):
            if target and target[0] == "msgstr":
                flush()
                target = None
            if line.startswith("#,"):
                entry.flags.update(flag.strip() for flag in line[2:].split(","))
            continue
        keyword, _, rest = line.partition(" ")
        if line.startswith('"'):
            value = ast.literal_eval(line)
            assert target is not None, f"continuation line outside an entry: {line}"
            name, index = target
            if name == "msgstr":
                entry.msgstrs[index or 0] += value
            else:
                setattr(entry, name, getattr(entry, name) + value)
            continue
        if keyword in {"msgctxt", "msgid"} and target and target[0] == "msgstr":
            flush()
        value = ast.literal_eval(rest)
        if not entry.line:
            entry.line = number
        if keyword == "msgctxt":
            entry.msgctxt, target = value, ("msgctxt", None)
        elif keyword == "msgid":
            entry.msgid, target = value, ("msgid", None)
        elif keyword == "msgid_plural":
            entry.plural, target = value, ("plural", None)
        elif keyword.startswith("msgstr"):
            index = int(keyword[7:-1]) if "[" in keyword else 0
            entry.msgstrs[index] = value
            target = ("msgstr", index)
        else:
            raise ValueError(f"line {number}: cannot read {raw!r}")
    flush()
    return [e for e in entries if e.msgid or e.msgctxt]  # the header has an empty msgid


def problems(entries: list[Entry]) -> list[str]:
    found = []
    for entry in entries:
        if "fuzzy" in entry.flags:
            found.append(f"fuzzy {entry.label}")
        elif not entry.msgstrs or not all(entry.msgstrs.values()):
            found.append(f"untranslated {entry.label}")
    return found


def test_the_po_reader_sees_untranslated_fuzzy_and_plural_entries() -> None:
    sample = "\n".join(
        [
            'msgid ""',
            'msgstr ""',
            '"Language: ja\\n"',
            "",
            "#, fuzzy, python-format",
            'msgid "Hello %s"',
            'msgstr "こんにちは %s"',
            "",
            'msgid "Multi"',
            '"line"',
            'msgstr ""',
            "",
            'msgctxt "menu"',
            'msgid "Home"',
            'msgstr "ホーム"',
            "",
            'msgid "One group"',
            'msgid_plural "%d groups"',
            'msgstr[0] "%d 団体"',
            "",
            '#~ msgid "Old"',
            '#~ msgstr ""',
        ]
    )
    entries = parse_po(sample)
    assert [e.msgid for e in entries] == ["Hello %s", "Multiline", "Home", "One group"]
    assert entries[2].msgctxt == "menu"
    assert entries[3].msgstrs == {0: "%d 団体"}
    assert problems(entries) == ["fuzzy line 6: 'Hello %s'", "untranslated line 9: 'Multiline'"]


def test_the_japanese_catalogue_exists() -> None:
    assert CATALOGUE.is_file(), f"{CATALOGUE} is missing: run makemessages -l ja and translate"


def test_every_japanese_entry_is_translated_and_none_is_fuzzy() -> None:
    assert CATALOGUE.is_file(), f"{CATALOGUE} is missing"
    entries = parse_po(CATALOGUE.read_text(encoding="utf-8"))
    assert entries, "the catalogue is empty"
    assert problems(entries) == []


def test_the_japanese_catalogue_compiles_without_format_errors() -> None:
    assert CATALOGUE.is_file(), f"{CATALOGUE} is missing"
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", os.devnull, str(CATALOGUE)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


def test_the_catalogue_holds_every_string_of_the_code(tmp_path: Path) -> None:
    """makemessages on a copy of the sources adds no untranslated or fuzzy entry."""
    assert CATALOGUE.is_file(), f"{CATALOGUE} is missing"
    for name in (*SOURCE_DIRS, "locale"):
        source = Path(settings.BASE_DIR) / name
        if source.exists():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("*.mo"))
    shutil.copy(Path(settings.BASE_DIR) / "manage.py", tmp_path)
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ja", "--no-obsolete"],
        cwd=tmp_path,
        env={
            "PATH": os.environ.get("PATH", ""),
            "LANG": "C.UTF-8",
            "DJANGO_SETTINGS_MODULE": "kamakura_portal.settings.base",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    regenerated = tmp_path / "locale" / "ja" / "LC_MESSAGES" / "django.po"
    assert problems(parse_po(regenerated.read_text(encoding="utf-8"))) == []


def test_project_strings_are_served_in_japanese() -> None:
    with translation.override("ja"):
        assert "鎌倉" in str(settings.PORTAL_SITE_NAME)
    with translation.override("en"):
        assert str(settings.PORTAL_SITE_NAME) == "Tsunagaru Kamakura Civic Activity Portal"


def test_japanese_is_the_default_language() -> None:
    assert settings.LANGUAGE_CODE == "ja"
    assert [code for code, _name in settings.LANGUAGES] == ["ja", "en"]


@pytest.mark.django_db
def test_a_visitor_without_preferences_gets_japanese(client: Any) -> None:
    response = client.get(reverse("home"))
    assert response["Content-Language"] == "ja"
    assert '<html lang="ja">' in response.content.decode()


@pytest.mark.django_db
def test_the_language_switch_changes_to_english_and_back(client: Any) -> None:
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert response.url == "/"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    english = client.get("/")
    assert english["Content-Language"] == "en"
    assert '<html lang="en">' in english.content.decode()

    client.post(reverse("set_language"), {"language": "ja", "next": "/"})
    assert '<html lang="ja">' in client.get("/").content.decode()


@pytest.mark.django_db
def test_the_language_switch_refuses_to_redirect_off_site(client: Any) -> None:
    response = client.post(
        reverse("set_language"), {"language": "en", "next": "https://evil.example/"}
    )
    assert response.url == "/"


def test_times_are_shown_in_tokyo_time() -> None:
    assert settings.TIME_ZONE == "Asia/Tokyo"
    assert settings.USE_TZ
    assert timezone.get_current_timezone_name() == "Asia/Tokyo"
    noon_utc = datetime(2026, 4, 1, 3, 0, tzinfo=UTC)
    local = timezone.localtime(noon_utc)
    offset = local.utcoffset()
    assert offset is not None
    assert (local.hour, offset.total_seconds()) == (12, 9 * 3600)
