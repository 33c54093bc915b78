"""Printed reports in Chromium, with a real Celery worker: the centre's staff ask for the status
report, watch it being made and download it; a committee member who asked for the same
report meanwhile is told in the inbox and reads it; the booklet, published, is downloaded by
anyone from the public menu. Every page axe-clean."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from accounts.models import Role
from kamakura_portal.celery import app
from kamakura_portal.dates import fiscal_year, fiscal_year_label
from kamakura_portal.models import Notification
from measures.reference import load_plans
from reports.kinds import kind_of
from reports.models import Report
from tests.factories import PASSWORD, CitizenGroupFactory, UserFactory
from tests.reports.conftest import running_reports_worker

from .conftest import assert_axe_clean, ja, login

STATUS, BOOKLET = "status", "guideline"
GUIDELINE_2026 = "kamakura-guideline-2026"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def data(transactional_db: None) -> Iterator[None]:
    from groups.reference import load_taxonomies

    load_taxonomies()
    load_plans()
    CitizenGroupFactory.create(name="由比ガ浜の会", name_kana="ユイガハマノカイ")
    yield


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return "".join(page.extract_text() for page in reader.pages).replace("\n", "")


def download(page: Page, link: Any) -> bytes:
    with page.expect_download() as info:
        link.click()
    path = info.value.path()
    assert path is not None
    with open(path, "rb") as pdf:
        return pdf.read()


def ask_for(page: Page, kind_code: str) -> None:
    kind = kind_of(kind_code)
    form = page.locator(f"form[aria-labelledby='kind-{kind_code}']")
    form.get_by_role("button", name=ja("Make the %(kind)s") % {"kind": ja(str(kind.label))}).click()
    page.wait_for_load_state()


def make_the_booklet(page: Page) -> Report:
    """The centre asks for the 2026 guideline booklet and waits until it is ready."""
    page.goto("/reports/staff/")
    booklet_form = page.locator(f"form[aria-labelledby='kind-{BOOKLET}']")
    booklet_form.get_by_label(ja("Plan edition")).select_option(GUIDELINE_2026)
    ask_for(page, BOOKLET)
    booklet = Report.objects.get(kind=BOOKLET)
    expect(page.locator(f"#report-{booklet.pk} a[download]")).to_be_visible(timeout=120_000)
    return booklet


def test_a_status_report_is_asked_for_watched_downloaded_and_the_booklet_read_by_anyone(
    page: Page,
    new_page: Callable[..., Page],
    data: None,
) -> None:
    centre = UserFactory.create(
        email="centre@example.jp", display_name="鎌倉 花子", roles=[Role.CENTRE_STAFF]
    )
    member = UserFactory.create(
        email="committee@example.jp", display_name="推進 委員", roles=[Role.COMMITTEE]
    )

    # The centre asks for this year's status report: it waits for a worker.
    app.conf.task_always_eager = False
    login(page, centre.email, PASSWORD)
    page.goto("/reports/staff/")
    assert_axe_clean(page)
    ask_for(page, STATUS)
    report = Report.objects.get(kind=STATUS)
    row = page.locator(f"#report-{report.pk}")
    expect(row).to_contain_text(ja("Waiting"))
    expect(row.locator("progress")).to_be_visible()
    assert_axe_clean(page)

    # Meanwhile a committee member asks for the same report: the one waiting answers.
    committee = new_page()
    login(committee, member.email, PASSWORD)
    committee.goto("/reports/staff/")
    ask_for(committee, STATUS)
    assert Report.objects.filter(kind=STATUS).count() == 1

    # A worker starts; the row asks for itself again (htmx) until the report is ready.
    with running_reports_worker():
        expect(row.locator("a[download]")).to_be_visible(timeout=90_000)
        booklet = make_the_booklet(page)
    expect(row).to_contain_text(ja("Ready"))
    assert_axe_clean(page)
    text = pdf_text(download(page, row.locator("a[download]")))
    year = fiscal_year_label(fiscal_year(report.requested_at.date()))
    assert year in text

    # The committee member is told in the inbox and reads the report from there.
    ready = ja("The report “%(title)s” is ready.") % {"title": report.title}
    notice = Notification.objects.get(recipient=member, message=ready)
    committee.goto("/inbox/")
    assert_axe_clean(committee)
    committee.get_by_role("link", name=notice.message).click()
    committee_row = committee.locator(f"#report-{report.pk}")
    assert year in pdf_text(download(committee, committee_row.locator("a[download]")))

    # The centre publishes the 2026 booklet it had made.
    page.goto("/reports/staff/")
    page.locator(f"#report-{booklet.pk}").get_by_role("button", name=ja("Publish")).click()
    expect(page.locator(f"#report-{booklet.pk}")).to_contain_text(ja("Published"))
    assert_axe_clean(page)

    # Anyone finds it from the public menu and downloads it.
    public = new_page()
    public.goto("/")
    public.get_by_role("navigation", name=ja("Main menu")).get_by_role(
        "link", name=ja("Reports")
    ).click()
    assert_axe_clean(public)
    text = pdf_text(download(public, public.get_by_role("link", name=booklet.title)))
    assert "市民活動と協働を推進するための指針" in text
