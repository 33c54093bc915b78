import csv
import io
from typing import Any
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from groups.exports import PUBLIC_HEADER
from groups.models import CitizenGroup, Contact
from kamakura_portal.exports import BOM
from tests.conftest import client_for, for_every_role, roles_except
from tests.factories import ActivityFieldFactory, CitizenGroupFactory, ContactFactory

pytestmark = pytest.mark.django_db

CSV_URL = "/groups/opendata.csv"
XLSX_URL = "/groups/staff/export.xlsx"
REGISTRY_STAFF = {"centre_staff", "secretariat", "administrator"}
# Private values: each is searched for in the public file's bytes.
PRIVATE = {
    "phone": "0467-555-7301",
    "email": "private-rep@example.jp",
    "address": "神奈川県鎌倉市非公開町9-9",
    "postal_code": "248-0099",
    "name_kana": "ヒコウカイ　ハナコ",
}


@pytest.fixture
def registry(db: None) -> CitizenGroup:
    group = CitizenGroupFactory.create(name="公開データの会", name_kana="コウカイデータノカイ")
    group.activity_fields.add(ActivityFieldFactory.create(name="観光"))
    ContactFactory.create(group=group, name="公開 太郎", name_public=True, **PRIVATE)
    ContactFactory.create(
        group=group,
        kind=Contact.Kind.LIAISON,
        phone="0467-555-7302",
        phone_public=True,
        email="liaison-private@example.jp",
    )
    CitizenGroupFactory.create(name="申請中の会", status=CitizenGroup.Status.SUBMITTED)
    return group


def content(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def test_the_exports_live_under_groups() -> None:
    assert reverse("groups:export_csv") == CSV_URL
    assert reverse("groups:export_xlsx") == XLSX_URL


@for_every_role(roles_except(set(), yes=200, no=200))
def test_everyone_may_download_the_open_data_csv(role_client: Any, expected: Any) -> None:
    response = role_client.get(CSV_URL)
    assert response.status_code == expected
    assert content(response).startswith(BOM.encode())


@for_every_role({**roles_except(REGISTRY_STAFF, yes=200, no=403), "anonymous": 302})
def test_only_registry_staff_may_download_the_full_xlsx(role_client: Any, expected: Any) -> None:
    response = role_client.get(XLSX_URL)
    assert response.status_code == expected
    if expected == 200:
        assert load_workbook(io.BytesIO(content(response))).active.max_row == 1


def test_the_csv_holds_registered_groups_and_public_items_only(
    registry: Any, anonymous: Any
) -> None:
    response = client_for(anonymous).get(CSV_URL)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    data = content(response)
    for value in [*PRIVATE.values(), "liaison-private@example.jp"]:
        assert value.encode() not in data, value
    assert "申請中の会".encode() not in data
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert list(rows[0]) == PUBLIC_HEADER
    [row] = rows
    assert (row["団体名"], row["活動分野"]) == ("公開データの会", "観光")
    assert (row["代表者名"], row["連絡担当者電話番号"]) == ("公開 太郎", "0467-555-7302")


def test_the_csv_has_a_japanese_filename(anonymous: Any) -> None:
    disposition = client_for(anonymous).get(CSV_URL)["Content-Disposition"]
    assert "オープンデータ" in unquote(disposition.split("filename*=UTF-8''")[1])
    assert 'filename="kamakura-groups-opendata-' in disposition


def test_the_xlsx_holds_every_group_with_its_private_items(
    registry: Any, centre_staff: Any
) -> None:
    response = client_for(centre_staff).get(XLSX_URL)
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(content(response))).active
    assert sheet.freeze_panes == "A2"
    rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    header = rows[0]
    by_name = {row[header.index("団体名")]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    assert set(by_name) == {"公開データの会", "申請中の会"}
    group = by_name["公開データの会"]
    assert group["代表者電話番号"] == PRIVATE["phone"]
    assert group["代表者メール"] == PRIVATE["email"]
    assert group["代表者所在地"] == PRIVATE["address"]
    assert by_name["申請中の会"]["状態"] == str(CitizenGroup.Status.SUBMITTED.label)


def queries_for(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert content(client.get(url))
    return len(queries)


@pytest.mark.parametrize(("url", "role"), [(CSV_URL, "anonymous"), (XLSX_URL, "centre_staff")])
def test_the_exports_use_the_same_queries_for_1_or_30_groups(
    request: Any, url: Any, role: Any
) -> None:
    client = client_for(request.getfixturevalue(role))
    ContactFactory.create(group=CitizenGroupFactory.create())
    one = queries_for(client, url)
    for group in CitizenGroupFactory.create_batch(29):
        ContactFactory.create(group=group)
        group.activity_fields.add(ActivityFieldFactory.create())
    assert queries_for(client, url) == one


def test_the_csv_is_pinned_to_its_queries(
    registry: Any, anonymous: Any, django_assert_num_queries: Any
) -> None:
    client = client_for(anonymous)
    # 1. the registered groups with their organisation type (a server-side cursor)
    # 2. their activity fields
    # 3. their districts
    # 4. their contacts (filtered to the public items in Python)
    with django_assert_num_queries(4):
        content(client.get(CSV_URL))


def test_the_xlsx_is_pinned_to_its_queries(
    registry: Any, centre_staff: Any, django_assert_num_queries: Any
) -> None:
    client = client_for(centre_staff)
    # 1. the session
    # 2. the signed-in user with its role assignments, for the permission check (and its
    #    managed groups; accounts.backends)
    # 3. every group with its organisation type (a server-side cursor)
    # 4-8. their activity fields, districts, challenges, contacts, managers with their users
    with django_assert_num_queries(8):
        content(client.get(XLSX_URL))
