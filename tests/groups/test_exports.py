import datetime
import io
from typing import Any
from urllib.parse import unquote

import pytest
from openpyxl import load_workbook

from groups.exports import PUBLIC_HEADER, STAFF_HEADER, public_rows, staff_rows
from groups.models import CitizenGroup, Contact
from kamakura_portal.exports import BOM, content_disposition, csv_lines, write_xlsx
from tests.factories import (
    ActivityFieldFactory,
    CitizenGroupFactory,
    ContactFactory,
    DistrictFactory,
    OrganizationTypeFactory,
)

Status = CitizenGroup.Status


def test_the_filename_keeps_its_japanese_name_and_has_an_ascii_fallback() -> None:
    header = content_disposition("団体名簿 2026.csv", "groups-2026.csv")
    assert header.startswith('attachment; filename="groups-2026.csv"; ')
    assert unquote(header.split("filename*=UTF-8''")[1]) == "団体名簿 2026.csv"


def test_a_fallback_name_is_made_when_none_is_given() -> None:
    assert 'filename="export-2026.csv"' in content_disposition("名簿export-2026.csv")
    assert 'filename="download.csv"' in content_disposition("名簿.csv")


def test_csv_starts_with_the_bom_and_ends_lines_as_excel_does() -> None:
    text = "".join(csv_lines(["団体名", "設立年"], [["鎌倉の会", None]]))
    assert text == BOM + "団体名,設立年\r\n鎌倉の会,\r\n"


def test_csv_cells_that_look_like_formulas_are_kept_as_text() -> None:
    text = "".join(csv_lines(["a"], [["=HYPERLINK(1)"], ["-12"], [datetime.date(2025, 4, 1)]]))
    assert text.splitlines()[1:] == ["'=HYPERLINK(1)", "-12", "2025/04/01"]


def test_xlsx_has_a_frozen_bold_header_and_column_widths() -> None:
    out = io.BytesIO()
    write_xlsx(
        out,
        title="団体名簿",
        header=["団体名", "登録日"],
        rows=[["=1+1", datetime.date(2025, 4, 1)]],
        widths=[30, 12],
    )
    sheet = load_workbook(io.BytesIO(out.getvalue())).active
    assert sheet.title == "団体名簿"
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    assert sheet.column_dimensions["A"].width == 30
    assert sheet["A2"].value == "=1+1" and sheet["A2"].data_type == "s"  # never a formula
    assert sheet["B2"].value.date() == datetime.date(2025, 4, 1)


@pytest.fixture
def groups(db: None) -> dict[str, CitizenGroup]:
    field = ActivityFieldFactory.create(name="観光")
    district = DistrictFactory.create(name="長谷")
    kind = OrganizationTypeFactory.create(name="任意団体")
    shown = CitizenGroupFactory.create(
        name="長谷観光ガイドの会",
        organization_type=kind,
        collaboration_interest=CitizenGroup.Interest.DEPENDS,
        registered_on=datetime.date(2015, 6, 1),
    )
    shown.activity_fields.add(field)
    shown.districts.add(district)
    ContactFactory.create(
        group=shown,
        name="長谷 花子",
        name_public=True,
        phone="0467-555-9001",
        email="private-hase@example.jp",
    )
    hidden = CitizenGroupFactory.create(name="休止中の会", status=Status.SUSPENDED)
    ContactFactory.create(group=hidden, kind=Contact.Kind.LIAISON, phone="0467-555-9002")
    return {"shown": shown, "hidden": hidden}


def as_dicts(header: list[str], rows: Any) -> list[dict]:
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_public_rows_hold_registered_groups_and_public_items_only(groups: Any) -> None:
    [row] = as_dicts(PUBLIC_HEADER, public_rows())
    assert row["団体名"] == "長谷観光ガイドの会"
    assert (row["組織形態"], row["活動分野"], row["活動地域"]) == ("任意団体", "観光", "長谷")
    assert row["協働への関心"] == "内容によっては取り組みたい"
    assert row["登録日"] == datetime.date(2015, 6, 1)
    assert row["代表者名"] == "長谷 花子"
    assert row["代表者電話番号"] == row["代表者メール"] == row["代表者所在地"] == ""
    assert "0467-555-9001" not in str(row)


def test_staff_rows_hold_every_group_with_private_items_and_status(groups: Any) -> None:
    rows = {row["団体名"]: row for row in as_dicts(STAFF_HEADER, staff_rows())}
    assert rows["長谷観光ガイドの会"]["代表者電話番号"] == "0467-555-9001"
    assert rows["長谷観光ガイドの会"]["公開している連絡先項目"] == "代表者名"
    assert rows["長谷観光ガイドの会"]["状態"] == "登録"
    assert rows["休止中の会"]["状態"] == "休止"
    assert rows["休止中の会"]["連絡担当者電話番号"] == "0467-555-9002"
