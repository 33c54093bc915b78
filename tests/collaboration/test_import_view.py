"""The secretariat's history import page: dry run, then all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from collaboration.models import Program, Proposal
from tests.conftest import client_for, for_every_role, roles_except

pytestmark = pytest.mark.django_db
URL = "/collaboration/import/"
HISTORY = Path(__file__).parents[2] / "collaboration" / "data" / "history_2007_2019.csv"


@pytest.fixture(autouse=True)
def _media(tmp_path: Any) -> Any:
    with override_settings(MEDIA_ROOT=tmp_path):
        yield


@for_every_role({**roles_except({"secretariat"}, 200, 403), "anonymous": 302})
def test_the_import_is_the_secretariats(role_client: Client, expected: int) -> None:
    assert role_client.get(URL).status_code == expected


def test_a_dry_run_then_the_import(programs: dict[str, Program], secretariat: Any) -> None:
    client = client_for(secretariat)
    upload = SimpleUploadedFile(HISTORY.name, HISTORY.read_bytes())
    response = client.post(URL, {"file": upload})
    assert response.status_code == 200
    assert not Proposal.objects.exists()
    token = client.session["collaboration_import"]["token"]
    client.post(URL, {"token": token})
    assert Proposal.objects.filter(is_imported=True).count() == 75


def test_a_file_with_problems_offers_no_import(
    programs: dict[str, Program], secretariat: Any
) -> None:
    client = client_for(secretariat)
    bad = SimpleUploadedFile(
        "bad.csv", "事業名,年度,制度,提案者区分,結果\n清掃,昔,委託,市,採択\n".encode()
    )
    response = client.post(URL, {"file": bad})
    html = response.content.decode()
    assert "昔" in html and 'name="token"' not in html
    assert "collaboration_import" not in client.session


def test_a_forged_token_imports_nothing(programs: dict[str, Program], secretariat: Any) -> None:
    response = client_for(secretariat).post(URL, {"token": "guess"})
    assert response.status_code == 302
    assert not Proposal.objects.exists()
