import csv
import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from groups.forms.transfer import MAX_UPLOAD_BYTES
from groups.imports import COLUMNS
from groups.models import CitizenGroup
from groups.reference import load_taxonomies
from groups.views.transfer import SESSION_KEY, UPLOAD_DIR
from tests.conftest import client_for, for_every_role, roles_except
from tests.factories import CitizenGroupFactory
from tests.html import Page, field_error

pytestmark = pytest.mark.django_db

URL = "/groups/staff/import/"
REGISTRY_STAFF = {"centre_staff", "secretariat", "administrator"}
GOOD = ["稲村ガ崎の会", "イナムラガサキノカイ", "任意団体", "観光、まちづくり・暮らし", "鎌倉"]
OTHER = ["七里ガ浜の会", "シチリガハマノカイ", "NPO法人", "観光", "腰越"]
BAD = ["長谷の会", "hase", "株式会社", "観光", "鎌倉"]


@pytest.fixture(autouse=True)
def setup(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path
    load_taxonomies()


def upload(*rows: list[str], name: str = "registry.csv", encoding: str = "cp932") -> Any:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for cells in rows:
        writer.writerow(cells + [""] * (len(COLUMNS) - len(cells)))
    return SimpleUploadedFile(name, out.getvalue().encode(encoding), content_type="text/csv")


def kept_files(tmp_path: Any) -> list:
    folder = tmp_path / UPLOAD_DIR
    return list(folder.iterdir()) if folder.exists() else []


def test_the_import_lives_under_groups_staff_import() -> None:
    assert reverse("groups:import") == URL


@for_every_role({**roles_except(REGISTRY_STAFF, yes=200, no=403), "anonymous": 302})
def test_only_registry_staff_may_open_the_import(role_client: Any, expected: Any) -> None:
    assert role_client.get(URL).status_code == expected


@for_every_role({**roles_except(REGISTRY_STAFF, yes=200, no=403), "anonymous": 302})
def test_only_registry_staff_may_check_a_file(role_client: Any, expected: Any) -> None:
    response = role_client.post(URL, {"file": upload(GOOD)})
    assert response.status_code == expected
    assert not CitizenGroup.objects.filter(name=GOOD[0]).exists()


def test_the_form_lists_the_columns_and_asks_for_a_file(centre_staff: Any) -> None:
    html = client_for(centre_staff).get(URL).content.decode()
    page = Page(html)
    assert page.by_id("id_file").attrs["type"] == "file"
    assert page.find_all("form", enctype="multipart/form-data")
    for column in COLUMNS:
        assert column in html
    assert len(page.find_all("h1")) == 1


def test_a_file_with_problems_lists_each_and_offers_no_import(
    centre_staff: Any, tmp_path: Any
) -> None:
    response = client_for(centre_staff).post(URL, {"file": upload(GOOD, BAD)})
    page = Page(response.content.decode())
    rows = [
        [cell.text for cell in page.find_all("td")[i : i + 3]]
        for i in range(0, len(page.find_all("td")), 3)
    ]
    assert [(cells[0], cells[1]) for cells in rows] == [("3", "フリガナ"), ("3", "組織形態")]
    assert "株式会社" in rows[1][2]
    assert not page.find_all("input", name="token")
    assert not CitizenGroup.objects.exists()
    assert kept_files(tmp_path) == []


def test_a_good_file_is_checked_then_imported_on_confirmation(
    centre_staff: Any, tmp_path: Any
) -> None:
    client = client_for(centre_staff)
    response = client.post(URL, {"file": upload(GOOD, OTHER)})
    assert not CitizenGroup.objects.exists()  # the dry run saves nothing
    [token] = Page(response.content.decode()).find_all("input", name="token")
    assert len(kept_files(tmp_path)) == 1
    response = client.post(URL, {"token": token.attrs["value"]}, follow=True)
    assert response.redirect_chain == [(URL, 302)]
    assert set(CitizenGroup.objects.values_list("name", flat=True)) == {GOOD[0], OTHER[0]}
    html = response.content.decode()
    assert f'<a href="{reverse("groups:staff_list")}">' in html  # the message links there
    assert kept_files(tmp_path) == []
    assert SESSION_KEY not in client.session


def test_confirming_twice_imports_once(centre_staff: Any) -> None:
    client = client_for(centre_staff)
    response = client.post(URL, {"file": upload(GOOD)})
    token = Page(response.content.decode()).find_all("input", name="token")[0].attrs["value"]
    client.post(URL, {"token": token})
    response = client.post(URL, {"token": token}, follow=True)
    assert CitizenGroup.objects.count() == 1
    assert "alert--error" in response.content.decode()


def test_a_token_not_from_this_session_imports_nothing(centre_staff: Any, secretariat: Any) -> None:
    response = client_for(centre_staff).post(URL, {"file": upload(GOOD)})
    token = Page(response.content.decode()).find_all("input", name="token")[0].attrs["value"]
    response = client_for(secretariat).post(URL, {"token": token})
    assert response.status_code == 302
    assert not CitizenGroup.objects.exists()


def test_the_file_is_checked_again_on_confirmation(centre_staff: Any, tmp_path: Any) -> None:
    client = client_for(centre_staff)
    response = client.post(URL, {"file": upload(GOOD, OTHER)})
    token = Page(response.content.decode()).find_all("input", name="token")[0].attrs["value"]
    CitizenGroupFactory.create(name=OTHER[0])  # registered meanwhile by someone else
    response = client.post(URL, {"token": token})
    assert response.status_code == 200
    page = Page(response.content.decode())
    assert [cell.text for cell in page.find_all("td")[:2]] == ["3", "団体名"]
    assert not CitizenGroup.objects.filter(name=GOOD[0]).exists()
    assert kept_files(tmp_path) == []


def test_an_xlsx_file_is_accepted(centre_staff: Any) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(list(COLUMNS[:5]))
    workbook.active.append(GOOD)
    out = io.BytesIO()
    workbook.save(out)
    response = client_for(centre_staff).post(
        URL, {"file": SimpleUploadedFile("名簿.xlsx", out.getvalue())}
    )
    assert Page(response.content.decode()).find_all("input", name="token")


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("registry.pdf", b"%PDF-1.4"), ".xlsx"),
        (SimpleUploadedFile("registry.csv", b"\x85\x40\x85\x40"), "UTF-8"),
        (SimpleUploadedFile("registry.csv", b"x" * (MAX_UPLOAD_BYTES + 1)), "5 MB"),
    ],
    ids=["type", "encoding", "size"],
)
def test_a_file_that_cannot_be_read_gets_an_error_beside_the_field(
    centre_staff: Any, file: Any, message: Any
) -> None:
    response = client_for(centre_staff).post(URL, {"file": file})
    assert message in field_error(response.content.decode(), "id_file")
    assert not CitizenGroup.objects.exists()


def test_no_file_gets_an_error_beside_the_field(centre_staff: Any) -> None:
    response = client_for(centre_staff).post(URL, {})
    assert field_error(response.content.decode(), "id_file")
