import csv
import datetime
import io
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from groups.imports import (
    COLUMNS,
    IMPORT_REASON,
    ImportFileError,
    ImportRejected,
    commit_import,
    plan_import,
    read_rows,
)
from groups.models import ActivityField, CitizenGroup, Contact
from groups.reference import load_taxonomies
from groups.search import search_groups
from kamakura_portal.dates import fiscal_year, fiscal_year_end
from tests.factories import CitizenGroupFactory, UserFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "団体名": "材木座ビーチクリーンの会",
    "フリガナ": "ザイモクザビーチクリーンノカイ",
    "組織形態": "任意団体",
    "活動分野": "自然・環境・安全・災害、まちづくり・暮らし",
    "活動地域": "鎌倉、市内全域",
    "設立年": "2010",
    "会員数": "25",
    "代表者名": "材木 花子",
    "代表者フリガナ": "ザイモク ハナコ",
    "メール": "zaimokuza@demo.kamakura-portal.example",
    "電話番号": "0467-555-0101",
    "郵便番号": "248-0013",
    "所在地": "神奈川県鎌倉市材木座1-2",
    "ウェブサイト": "https://zaimokuza.demo.kamakura-portal.example/",
    "主な活動内容": "毎月第一日曜日に材木座海岸でごみ拾いをしています。",
    "協働への関心": "積極的に取り組みたい",
    "登録日": "2012/05/01",
    "状態": "登録",
}


SEPARATED = ["観光,人権・国際協力", "観光;人権・国際協力", "観光；人権・国際協力"]


def row(**changes: str) -> dict[str, str]:
    return {**GOOD, **changes}


def csv_file(rows: list[dict[str, str]], encoding: str = "utf-8", header: Any = COLUMNS) -> bytes:
    """The rows under ``header``; the values are taken in the order of COLUMNS."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for values in rows:
        writer.writerow([values.get(column, "") for column in COLUMNS][: len(header)])
    return out.getvalue().encode(encoding)


def plan_of(rows: list[dict[str, str]], **kwargs: Any) -> Any:
    return plan_import(read_rows(csv_file(rows, **kwargs), "registry.csv"))


def kana(number: int) -> str:
    """A distinct katakana word for each number (digits are not furigana)."""
    return "".join("アイウエオカキクケコ"[int(digit)] for digit in str(number))


def problems_of(plan: Any) -> set[tuple[int, str]]:
    return {(problem.row, problem.column) for problem in plan.errors}


@pytest.fixture(autouse=True)
def taxonomies() -> None:
    load_taxonomies()


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp932"])
def test_it_reads_utf8_with_or_without_bom_and_cp932_alike(encoding: Any) -> None:
    table = read_rows(csv_file([GOOD], encoding=encoding), "registry.csv")
    assert table.header == list(COLUMNS)
    assert table.rows == [(2, [GOOD[column] for column in COLUMNS])]


def test_a_file_neither_utf8_nor_cp932_is_reported_clearly() -> None:
    with pytest.raises(ImportFileError, match="UTF-8"):
        read_rows(b"\x85\x40\x85\x40", "registry.csv")  # unassigned in both


def test_a_file_of_another_type_is_refused() -> None:
    with pytest.raises(ImportFileError, match="xlsx"):
        read_rows(b"anything", "registry.pdf")


def test_it_reads_the_first_sheet_of_an_xlsx_with_date_cells() -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(COLUMNS))
    sheet.append([datetime.date(2012, 5, 1) if c == "登録日" else GOOD[c] for c in COLUMNS])
    sheet.append([None] * len(COLUMNS))  # Excel's trailing empty rows are skipped
    workbook.create_sheet("other").append(["ignored"])
    out = io.BytesIO()
    workbook.save(out)
    plan = plan_import(read_rows(out.getvalue(), "registry.xlsx"))
    assert plan.is_valid, plan.problems
    assert plan.groups[0].profile["registered_on"] == datetime.date(2012, 5, 1)


def test_header_names_are_matched_whatever_their_width_and_spaces() -> None:
    header = [f" {column} " for column in COLUMNS]
    header[1] = "ﾌﾘｶﾞﾅ"
    plan = plan_of([GOOD], header=header)
    assert plan.is_valid, plan.problems


def test_an_unknown_column_is_reported_not_dropped_and_the_rows_are_still_checked() -> None:
    plan = plan_of([GOOD, row(団体名="別の会", 郵便番号="12")], header=[*COLUMNS, "備考"])
    assert problems_of(plan) == {(1, "備考"), (3, "郵便番号")}
    assert not plan.is_valid


def test_a_file_without_the_group_name_column_is_refused() -> None:
    plan = plan_import(read_rows(csv_file([]).replace("団体名,".encode(), b"") + b"x\n", "a.csv"))
    assert problems_of(plan) == {(1, "団体名")}


def test_every_problem_of_every_row_is_listed_with_row_and_column() -> None:
    plan = plan_of(
        [
            GOOD,
            row(
                団体名="腰越の会",
                フリガナ="kosigoe",
                組織形態="株式会社",
                活動分野="宇宙開発",
                活動地域="横浜",
                設立年="昔",
                会員数="たくさん",
                メール="not-an-address",
                電話番号="電話なし",
                郵便番号="1234",
                ウェブサイト="not a url",
                協働への関心="たぶん",
                登録日="2012年5月1日",
                状態="解散",
            ),
            row(団体名=""),
        ]
    )
    columns = {
        "フリガナ",
        "組織形態",
        "活動分野",
        "活動地域",
        "設立年",
        "会員数",
        "メール",
        "電話番号",
        "郵便番号",
        "ウェブサイト",
        "協働への関心",
        "登録日",
        "状態",
    }
    assert problems_of(plan) == {(3, column) for column in columns} | {(4, "団体名")}
    assert plan.rows_with_errors == 2
    assert [group.row for group in plan.groups] == [2]


def test_an_unknown_field_name_is_named_in_the_message() -> None:
    plan = plan_of([row(活動分野="まちづくり・暮らし、宇宙開発")])
    [problem] = plan.errors
    assert "宇宙開発" in problem.message
    assert "まちづくり・暮らし" in problem.message  # the names to choose from


def test_an_empty_furigana_is_suggested_as_a_note_not_an_error() -> None:
    plan = plan_of([row(団体名="鎌倉子育てサークル", フリガナ="")])
    assert plan.is_valid
    [note] = plan.notes
    assert (note.row, note.column) == (2, "フリガナ")
    assert plan.groups[0].profile["name_kana"].startswith("カマクラ")


def test_furigana_in_hiragana_or_half_width_is_normalised() -> None:
    plan = plan_of([row(フリガナ="ざいもくざ ﾋﾞｰﾁ")])
    assert plan.is_valid, plan.problems
    assert plan.groups[0].profile["name_kana"] == "ザイモクザ\u3000ビーチ"


@pytest.mark.parametrize("cell", SEPARATED)
def test_multi_valued_cells_accept_each_separator(cell: Any) -> None:
    plan = plan_of([row(活動分野=cell + "、観光")])
    assert plan.is_valid, plan.problems
    assert [term.name for term in plan.groups[0].activity_fields] == ["観光", "人権・国際協力"]


def test_names_match_whatever_their_width_and_spaces() -> None:
    plan = plan_of([row(組織形態="ＮＰＯ法人", 活動分野=" NPO活動団体への助言支援 ")])
    assert plan.is_valid, plan.problems
    assert plan.groups[0].profile["organization_type"].name == "NPO法人"


def test_activity_fields_fall_back_to_the_npo_act_taxonomy() -> None:
    plan = plan_of([row(活動分野="観光、災害救援活動")])
    assert plan.is_valid, plan.problems
    taxonomies = {term.taxonomy for term in plan.groups[0].activity_fields}
    assert taxonomies == {ActivityField.Taxonomy.CENTRE, ActivityField.Taxonomy.NPO_ACT}


def test_full_width_digits_and_dates_are_read() -> None:
    plan = plan_of([row(設立年="２０１０", 会員数="２５人", 登録日="２０１２－０５－０１")])
    assert plan.is_valid, plan.problems
    profile = plan.groups[0].profile
    assert (profile["founded_year"], profile["member_count"]) == (2010, 25)
    assert profile["registered_on"] == datetime.date(2012, 5, 1)


def test_a_group_already_registered_is_a_duplicate() -> None:
    CitizenGroupFactory.create(name="材木座 ビーチクリーンの会")
    assert problems_of(plan_of([GOOD])) == {(2, "団体名")}


def test_a_group_twice_in_the_file_is_reported_on_its_second_row() -> None:
    plan = plan_of([GOOD, row(団体名="材木座ﾋﾞｰﾁｸﾘｰﾝの会")])
    assert problems_of(plan) == {(3, "団体名")}
    assert "2" in plan.errors[0].message


def test_commit_creates_each_group_with_its_date_status_and_private_contact() -> None:
    plan = plan_of([GOOD, row(団体名="腰越の会", フリガナ="コシゴエノカイ", 状態="休止")])
    assert commit_import(plan, actor=None) == 2
    group = CitizenGroup.objects.get(name=GOOD["団体名"])
    assert group.status == CitizenGroup.Status.REGISTERED
    assert group.registered_on == datetime.date(2012, 5, 1)
    assert group.valid_until == fiscal_year_end(fiscal_year(timezone.localdate()))
    assert group.organization_type and group.organization_type.name == "任意団体"
    assert sorted(f.name for f in group.activity_fields.all()) == [
        "まちづくり・暮らし",
        "自然・環境・安全・災害",
    ]
    assert group.collaboration_interest == CitizenGroup.Interest.ACTIVE
    contact = group.contacts.get(kind=Contact.Kind.REPRESENTATIVE)
    assert (contact.phone, contact.email) == ("0467-555-0101", GOOD["メール"])
    assert contact.public_items() == []
    assert group.contacts.filter(kind=Contact.Kind.LIAISON).exists()
    assert CitizenGroup.objects.get(name="腰越の会").status == CitizenGroup.Status.SUSPENDED
    change = group.status_changes.get()
    assert (change.to_status, change.reason) == (CitizenGroup.Status.REGISTERED, IMPORT_REASON)


def test_imported_groups_are_found_by_the_japanese_search(
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        commit_import(plan_of([GOOD]), actor=None)
    assert list(search_groups(CitizenGroup.objects.all(), "ゴミ拾い")) == [
        CitizenGroup.objects.get(name=GOOD["団体名"])
    ]


def test_the_import_is_recorded_in_the_audit_trail_under_its_actor() -> None:
    staff = UserFactory.create()
    commit_import(plan_of([GOOD]), actor=staff)
    group = CitizenGroup.objects.get()
    entries = LogEntry.objects.get_for_object(group)
    assert entries.filter(action=LogEntry.Action.CREATE, actor=staff).count() == 1
    assert entries.filter(action=LogEntry.Action.UPDATE, actor=staff).count() == 2  # m2m
    assert group.status_changes.get().actor == staff


def test_commit_refuses_a_plan_with_errors() -> None:
    plan = plan_of([GOOD, row(団体名="")])
    with pytest.raises(ImportRejected):
        commit_import(plan, actor=None)
    assert not CitizenGroup.objects.exists()


def test_a_file_whose_row_200_is_bad_imports_nothing_and_lists_it() -> None:
    rows = [row(団体名=f"鎌倉の会{n}", フリガナ=f"カマクラノカイ{kana(n)}") for n in range(1, 251)]
    rows[198]["郵便番号"] = "２４８"  # the 199th group is on row 200 (the header is row 1)
    plan = plan_of(rows)
    assert problems_of(plan) == {(200, "郵便番号")}
    with pytest.raises(ImportRejected):
        commit_import(plan, actor=None)
    assert not CitizenGroup.objects.exists()
