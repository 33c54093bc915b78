"""The history import: every problem listed with its row, and all or nothing."""

from __future__ import annotations

from typing import Any

import pytest

from collaboration.models import Program, Proposal
from collaboration.services.imports import (
    ImportRejected,
    commit_import,
    parse_fiscal_year,
    plan_import,
    read_rows,
)
from kamakura_portal.models import StatusChange

pytestmark = pytest.mark.django_db
HEADER = "事業名,年度,制度,提案者区分,提案団体,担当課,結果,実施\n"


def plan(text: str) -> Any:
    return plan_import(read_rows((HEADER + text).encode("utf-8"), "history.csv"))


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2019", 2019),
        ("２０１９年度", 2019),
        ("令和元年度", 2019),
        ("令和2年度", 2020),
        ("平成30年度", 2018),
        ("平成19年度", 2007),
        ("H30", None),
        ("", None),
    ],
)
def test_fiscal_years_are_read_in_both_calendars(text: str, year: int | None) -> None:
    assert parse_fiscal_year(text) == year


def test_a_good_row_links_the_registry_and_keeps_unknown_names(
    programs: dict[str, Program], group_a: Any, dept_own: Any
) -> None:
    result = plan(
        "浜の清掃,平成30年度,相互提案協働事業,団体,由比ガ浜の会,自分の課,採択,実施\n"
        "昔の事業,2008,相互提案協働事業,団体,今はない会,旧企画課,不採択,\n"
    )
    assert result.errors == []
    commit_import(result, None)
    linked, unlinked = Proposal.objects.order_by("first_fiscal_year").reverse()
    assert linked.proposing_group == group_a
    assert list(linked.counterpart_departments.all()) == [dept_own]
    assert (linked.status, linked.implemented, linked.is_imported) == (
        Proposal.Status.CLOSED,
        True,
        True,
    )
    assert (unlinked.proposer_name, unlinked.counterpart_name) == ("今はない会", "旧企画課")
    assert (unlinked.status, unlinked.implemented) == (Proposal.Status.REJECTED, False)
    assert StatusChange.objects.filter(reason="履歴の取り込み").count() == 2


def test_a_city_row_records_the_department_as_proposer(
    programs: dict[str, Program], group_a: Any, dept_own: Any
) -> None:
    commit_import(plan("見守り,2015,相互提案協働事業,市,由比ガ浜の会,自分の課,採択,未実施\n"), None)
    proposal = Proposal.objects.get()
    assert proposal.proposing_department == dept_own
    assert list(proposal.counterpart_groups.all()) == [group_a]
    assert (proposal.status, proposal.implemented) == (Proposal.Status.ADOPTED, False)


def test_every_problem_is_listed_with_its_row_and_column(programs: dict[str, Program]) -> None:
    result = plan(
        "よい行,2010,相互提案協働事業,市,,,採択,実施\n"
        ",2010,相互提案協働事業,市,,,採択,実施\n"
        "年度が変,R2,相互提案協働事業,市,,,採択,実施\n"
        "制度が変,2010,謎の制度,区,,,合格,済\n"
        "実施が変,2010,相互提案協働事業,団体,,,不採択,実施\n"
        "よい行,2010,相互提案協働事業,市,,,採択,実施\n"
    )
    assert [(p.row, p.column) for p in result.errors] == [
        (3, "事業名"),
        (4, "年度"),
        (5, "制度"),
        (5, "提案者区分"),
        (5, "結果"),
        (5, "実施"),
        (6, "実施"),
        (7, "事業名"),
    ]
    assert result.rows_with_errors == 5
    with pytest.raises(ImportRejected):
        commit_import(result, None)
    assert not Proposal.objects.exists()


def test_unknown_and_missing_columns_are_reported(programs: dict[str, Program]) -> None:
    table = read_rows("事業名,年度,備考\n清掃,2010,メモ\n".encode(), "history.csv")
    result = plan_import(table)
    columns = [p.column for p in result.errors]
    assert "備考" in columns and "制度" in columns and "結果" in columns
    assert not result.is_valid


def test_importing_the_same_file_again_is_refused(programs: dict[str, Program]) -> None:
    row = "浜の清掃,2012,相互提案協働事業,団体,,,採択,実施\n"
    commit_import(plan(row), None)
    again = plan(row)
    assert [(p.row, p.column) for p in again.errors] == [(2, "事業名")]


def test_cp932_files_from_excel_are_read(programs: dict[str, Program]) -> None:
    data = (HEADER + "浜の清掃,2012,相互提案協働事業,団体,,,採択,実施\n").encode("cp932")
    result = plan_import(read_rows(data, "history.csv"))
    assert result.errors == [] and len(result.proposals) == 1
