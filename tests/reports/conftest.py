"""Fixtures of the report tests: a small register with public and private items, report rows
with a stored file, the PDF reader, and a real Celery worker."""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from pypdf import PdfReader

from groups.models import CitizenGroup
from reports.models import Report

# The collaboration tests' programmes and proposals, for the project sheet.
from tests.collaboration.conftest import group_proposal, programs  # noqa: F401
from tests.factories import CitizenGroupFactory, ContactFactory

# A contact item no report may print (a private telephone) and one the group made public.
PRIVATE_PHONE = "0467-99-1234"
PRIVATE_MAIL = "secret-rep@example.jp"
PUBLIC_MAIL = "info@yuigahama.example.jp"
MINIMAL_PDF = b"%PDF-1.7\n%test\n"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: Any, tmp_path: Any) -> None:
    """Report files go to a folder of the test's own."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def not_eager() -> Iterator[None]:
    """Tasks go to the test's Redis broker and stay there (no worker): pages only."""
    from kamakura_portal.celery import app

    app.conf.task_always_eager = False
    yield


@pytest.fixture
def register(db: None) -> dict[str, CitizenGroup]:
    """Three registered groups in three 行, one with a public mail and a private phone,
    and one group awaiting approval that no public roster shows."""
    groups = {
        "yui": CitizenGroupFactory.create(name="由比ガ浜の会", name_kana="ユイガハマノカイ"),
        "ofuna": CitizenGroupFactory.create(
            name="大船子ども食堂", name_kana="オオフナコドモショクドウ"
        ),
        "kita": CitizenGroupFactory.create(name="北鎌倉の森", name_kana="キタカマクラノモリ"),
        "waiting": CitizenGroupFactory.create(
            name="申請中の会",
            name_kana="シンセイチュウノカイ",
            status=CitizenGroup.Status.SUBMITTED,
        ),
    }
    ContactFactory.create(
        group=groups["yui"],
        name="由比 花子",
        phone=PRIVATE_PHONE,
        email=PUBLIC_MAIL,
        email_public=True,
    )
    ContactFactory.create(group=groups["ofuna"], email=PRIVATE_MAIL, phone=PRIVATE_PHONE)
    return groups


def stored_report(
    kind: str = "roster",
    *,
    status: str = Report.Status.DONE,
    published: bool = False,
    requested_by: Any = None,
    parameters: dict[str, Any] | None = None,
    title: str = "市民活動団体名簿",
) -> Report:
    """A report row as the worker leaves it, with a (tiny) file when it is finished."""
    report = Report.objects.create(
        kind=kind,
        parameters=parameters or {},
        title=title,
        digest="0" * 64,
        status=status,
        requested_by=requested_by,
        task_id="task-of-the-test",
    )
    if status == Report.Status.DONE:
        report.file.name = default_storage.save(
            f"reports/{report.pk}/{kind}.pdf", ContentFile(MINIMAL_PDF)
        )
        report.size = len(MINIMAL_PDF)
        report.finished_at = timezone.now()
        report.is_published = published
        report.published_at = timezone.now() if published else None
        report.save()
    return report


def pdf_text(data: bytes) -> str:
    """The text of every page, lines joined (a long address wraps in its table cell)."""
    reader = PdfReader(io.BytesIO(data))
    return "".join(page.extract_text() for page in reader.pages).replace("\n", "")


FONT_PROGRAMS = ("/FontFile2", "/FontFile3", "/FontFile")


def font_descriptors(data: bytes) -> Iterator[tuple[str, Any]]:
    """``(font name, font descriptor)`` of every font used on any page (repeated per page)."""
    for page in PdfReader(io.BytesIO(data)).pages:
        resources = page.get("/Resources") or {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants[0].get_object() if descendants else font
            yield str(font["/BaseFont"]), described["/FontDescriptor"].get_object()


def fonts_of(data: bytes) -> dict[str, bool]:
    """Every font used on any page → whether its program is embedded in the file."""
    return {
        name: any(key in descriptor for key in FONT_PROGRAMS)
        for name, descriptor in font_descriptors(data)
    }


@pytest.fixture
def reports_worker(transactional_db: None) -> Iterator[None]:
    """A real Celery worker (a thread of this process, on the test's Redis broker) consuming
    the reports queue and the default one. Started per test, after the cache (the same Redis
    database) is cleared: a flush removes the queues' bindings a worker declared."""
    with running_reports_worker():
        yield


@contextmanager
def running_reports_worker() -> Iterator[None]:
    """The worker of :func:`reports_worker`, for a test that starts it when it chooses."""
    from celery.contrib.testing.worker import start_worker

    from kamakura_portal.celery import app

    app.conf.task_always_eager = False
    root = logging.getLogger()
    level, handlers = root.level, root.handlers[:]
    try:
        with start_worker(
            app,
            perform_ping_check=False,
            pool="solo",
            shutdown_timeout=20,
            queues=["reports", "celery"],
        ):
            yield
    finally:
        root.setLevel(level)
        root.handlers[:] = handlers
