"""/groups/<pk>/logo/: a group's logo, served to whoever may see the group."""

import io
from typing import Any

import pytest
from django.core.files.base import ContentFile
from PIL import Image

from tests.conftest import for_every_role, roles_except

pytestmark = pytest.mark.django_db
REGISTRY_STAFF = {"centre_staff", "secretariat", "administrator"}


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def with_logo(settings: Any, tmp_path: Any, group_a: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path
    group_a.logo.save("logo.png", ContentFile(png()))
    return group_a


@for_every_role(roles_except(set(), yes=404, no=200))
def test_everyone_sees_the_logo_of_a_registered_group(
    role_client: Any, expected: Any, with_logo: Any
) -> None:
    response = role_client.get(f"/groups/{with_logo.pk}/logo/")
    assert response.status_code == expected
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


@for_every_role(roles_except({"group_manager"} | REGISTRY_STAFF, yes=200, no=404))
def test_a_drafts_logo_is_for_its_managers_and_staff(
    role_client: Any, expected: Any, with_logo: Any
) -> None:
    with_logo.status = "draft"
    with_logo.save()
    assert role_client.get(f"/groups/{with_logo.pk}/logo/").status_code == expected


def test_a_group_without_a_logo_answers_404(client: Any, group_a: Any) -> None:
    assert client.get(f"/groups/{group_a.pk}/logo/").status_code == 404


def test_a_file_that_is_not_an_image_is_never_served(
    settings: Any, tmp_path: Any, client: Any, group_a: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path
    group_a.logo.save("page.html", ContentFile(b"<script>alert(1)</script>"))
    assert client.get(f"/groups/{group_a.pk}/logo/").status_code == 404
