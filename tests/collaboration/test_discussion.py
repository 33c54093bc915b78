"""The discussion (協議記録): who writes and reads, staff-only notes, validated attachments."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from collaboration.forms.discussion import ATTACHMENT_MAX_BYTES, EntryForm
from collaboration.models import DiscussionEntry, Proposal
from collaboration.services.discussion import add_entry
from tests.conftest import client_for, for_every_role, roles_except

from .conftest import ja, put_in

pytestmark = pytest.mark.django_db
Status = Proposal.Status
SIGN_IN = 302
TAKING_PART = {"group_manager", "city_staff", "secretariat", "centre_staff"}
PDF = b"%PDF-1.7\n" + b"0" * 100


@pytest.fixture(autouse=True)
def _media(tmp_path: Any) -> Any:
    with override_settings(MEDIA_ROOT=tmp_path):
        yield


@pytest.fixture
def consulting(group_proposal: Proposal) -> Proposal:
    return put_in(group_proposal, Status.CONSULTATION)


def url(proposal: Proposal) -> str:
    return f"/collaboration/proposals/{proposal.pk}/discussion/"


@for_every_role({**roles_except(TAKING_PART, 200, 403), "anonymous": SIGN_IN})
def test_the_discussion_is_for_those_taking_part(
    consulting: Proposal, role_client: Client, expected: int
) -> None:
    assert role_client.get(url(consulting)).status_code == expected


@for_every_role({**roles_except(set(), 403, 403), "anonymous": SIGN_IN})
def test_a_draft_has_no_discussion(
    group_proposal: Proposal, role_client: Client, expected: int
) -> None:
    assert role_client.get(url(group_proposal)).status_code == expected


def test_staff_notes_are_hidden_from_the_group(
    consulting: Proposal, group_manager: Any, city_staff: Any, centre_staff: Any
) -> None:
    add_entry(consulting, group_manager, "会場は公民館を考えています。")
    add_entry(consulting, city_staff, "予算は来年度要求が必要。", staff_only=True)
    group_page = client_for(group_manager).get(url(consulting)).content.decode()
    assert "公民館" in group_page and "来年度要求" not in group_page
    centre_page = client_for(centre_staff).get(url(consulting)).content.decode()
    assert "公民館" in centre_page and "来年度要求" in centre_page


def test_a_group_manager_cannot_write_a_staff_note(
    consulting: Proposal, group_manager: Any
) -> None:
    client_for(group_manager).post(url(consulting), {"body": "内緒", "staff_only": "on"})
    entry = DiscussionEntry.objects.get()
    assert entry.staff_only is False  # the box is not offered, the entry is public to parties


def test_an_entry_with_a_pdf_is_saved_and_downloaded(
    consulting: Proposal, group_manager: Any, city_staff: Any, other_city_staff: Any
) -> None:
    upload = SimpleUploadedFile("計画書.pdf", PDF, content_type="application/pdf")
    client_for(group_manager).post(url(consulting), {"body": "計画書です", "attachment": upload})
    entry = DiscussionEntry.objects.get()
    assert entry.attachment_name == "計画書.pdf"
    link = f"{url(consulting)}{entry.pk}/attachment/"
    response = client_for(city_staff).get(link)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")  # type: ignore[attr-defined]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    assert client_for(other_city_staff).get(link).status_code == 403


def test_a_staff_notes_attachment_is_not_served_to_the_group(
    consulting: Proposal, group_manager: Any, city_staff: Any
) -> None:
    upload = SimpleUploadedFile("memo.pdf", PDF)
    entry = add_entry(consulting, city_staff, "内部メモ", staff_only=True, attachment=upload)
    link = f"{url(consulting)}{entry.pk}/attachment/"
    assert client_for(group_manager).get(link).status_code == 404
    assert client_for(city_staff).get(link).status_code == 200


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "tool.exe",
            b"MZ\x90\x00",
            "Attach a PDF, Word, Excel, PowerPoint, image (PNG, JPEG), text or CSV file.",
        ),
        (
            "fake.pdf",
            b"MZ\x90\x00 not a pdf",
            "The file's content does not match its type (.%(extension)s).",
        ),
        (
            "photo.png",
            b"\xff\xd8\xff\xe0 jpeg bytes",
            "The file's content does not match its type (.%(extension)s).",
        ),
        (
            "notes.txt",
            b"\x00\x01\x02binary",
            "The file's content does not match its type (.%(extension)s).",
        ),
    ],
)
def test_attachments_of_the_wrong_type_are_refused_beside_the_field(
    name: str, content: bytes, message: str
) -> None:
    form = EntryForm({"body": "x"}, {"attachment": SimpleUploadedFile(name, content)})
    assert not form.is_valid()
    extension = name.rsplit(".", 1)[1]
    assert form.errors["attachment"] == [ja(message).replace("%(extension)s", extension)]


def test_a_japanese_text_file_is_accepted() -> None:
    upload = SimpleUploadedFile("議事録.txt", "協議の記録です。".encode("cp932"))
    assert EntryForm({"body": "x"}, {"attachment": upload}).is_valid()


def test_a_file_too_large_is_refused(consulting: Proposal, group_manager: Any) -> None:
    big = SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * ATTACHMENT_MAX_BYTES)
    response = client_for(group_manager).post(url(consulting), {"body": "x", "attachment": big})
    assert response.status_code == 200
    assert 'id="id_attachment_error"' in response.content.decode()
    assert not DiscussionEntry.objects.exists()


def test_an_empty_entry_saves_nothing(consulting: Proposal, group_manager: Any) -> None:
    response = client_for(group_manager).post(url(consulting), {"body": ""})
    assert response.status_code == 200 and 'id="id_body_error"' in response.content.decode()
    assert not DiscussionEntry.objects.exists()


def test_the_page_runs_a_fixed_number_of_queries(
    consulting: Proposal, city_staff: Any, django_assert_num_queries: Any
) -> None:
    for index in range(10):
        add_entry(consulting, city_staff, f"記録{index}", staff_only=index % 2 == 0)
    client = client_for(city_staff)
    client.get(url(consulting))
    # 1 session, 1 user with its roles and managed groups (accounts.backends), 1 proposal
    # (programme, proposer joined), 2 its partner groups and departments (prefetched once
    # for every permission check), 1 entries with their authors.
    with django_assert_num_queries(6) as captured:
        client.get(url(consulting))
    for index in range(10, 30):
        add_entry(consulting, city_staff, f"記録{index}")
    with django_assert_num_queries(len(captured.captured_queries)):
        client.get(url(consulting))


@for_every_role({**roles_except(TAKING_PART, 200, 403), "anonymous": SIGN_IN})
def test_an_attachment_is_served_to_those_taking_part(
    consulting: Proposal, group_manager: Any, role_client: Client, expected: int
) -> None:
    entry = add_entry(
        consulting, group_manager, "計画書", attachment=SimpleUploadedFile("plan.pdf", PDF)
    )
    link = f"{url(consulting)}{entry.pk}/attachment/"
    assert role_client.get(link).status_code == expected
