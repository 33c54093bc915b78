"""The links section of groups:edit: website, social media pages and the logo."""

import io
import os
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tests.conftest import client_for
from tests.html import field_error

from .profile_data import draft_of, ja

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(citizen: Any) -> Any:
    return draft_of(citizen)


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path


def url(group: Any, section: str = "links") -> str:
    return reverse("groups:edit", args=[group.pk, section])


def image(
    name: str, image_format: str, size: tuple[int, int] = (40, 40), noise: bool = False
) -> Any:
    picture = (
        Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
        if noise
        else Image.new("RGB", size, "navy")
    )
    buffer = io.BytesIO()
    picture.save(buffer, format=image_format)
    return SimpleUploadedFile(name, buffer.getvalue(), content_type=f"image/{image_format.lower()}")


def test_the_links_section_accepts_an_address_typed_in_full_width_without_scheme(
    citizen: Any, draft: Any
) -> None:
    data = {
        "website": "ｅｘａｍｐｌｅ．ｊｐ",
        "social_links": "instagram.com/osanpo\n\n",
        "action": "continue",
    }
    response = client_for(citizen).post(url(draft), data)
    assert response["Location"] == url(draft, "confirm")
    draft.refresh_from_db()
    assert draft.website == "https://example.jp"
    assert draft.social_links == "https://instagram.com/osanpo"


def test_a_bad_social_link_names_its_line(citizen: Any, draft: Any) -> None:
    data = {"social_links": "https://example.jp\nnot a link", "action": "continue"}
    response = client_for(citizen).post(url(draft), data)
    error = field_error(response.content.decode(), "id_social_links")
    assert error == ja("Line %(number)s is not a web address: %(line)s") % {
        "number": 2,
        "line": "not a link",
    }


def test_a_logo_is_uploaded_and_can_be_removed(citizen: Any, draft: Any) -> None:
    client = client_for(citizen)
    client.post(url(draft), {"logo": image("logo.png", "PNG"), "action": "continue"})
    draft.refresh_from_db()
    assert draft.logo.name.startswith("groups/logos/logo")
    client.post(url(draft), {"logo-clear": "on", "action": "continue"})
    draft.refresh_from_db()
    assert not draft.logo


def test_saving_without_a_new_file_keeps_the_logo(citizen: Any, draft: Any) -> None:
    client = client_for(citizen)
    client.post(url(draft), {"logo": image("logo.png", "PNG"), "action": "continue"})
    draft.refresh_from_db()
    name = draft.logo.name
    client.post(url(draft), {"website": "https://example.jp", "action": "continue"})
    draft.refresh_from_db()
    assert draft.logo.name == name


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (lambda: image("logo.bmp", "BMP"), "Upload a PNG, JPEG, GIF or WebP image."),
        (
            lambda: image("big.png", "PNG", size=(1000, 1000), noise=True),
            "The image is too large (at most 2 MB). Make it smaller and upload it again.",
        ),
    ],
    ids=["not_a_web_image", "larger_than_2_mb"],
)
def test_a_bad_logo_is_refused_beside_the_field(
    citizen: Any, draft: Any, upload: Any, message: Any
) -> None:
    response = client_for(citizen).post(url(draft), {"logo": upload(), "action": "continue"})
    assert field_error(response.content.decode(), "id_logo") == ja(message)
    draft.refresh_from_db()
    assert not draft.logo


def test_a_file_that_is_not_an_image_is_refused(citizen: Any, draft: Any) -> None:
    fake = SimpleUploadedFile("logo.png", b"%PDF-1.4 not an image", content_type="image/png")
    response = client_for(citizen).post(url(draft), {"logo": fake, "action": "continue"})
    assert field_error(response.content.decode(), "id_logo")
    draft.refresh_from_db()
    assert not draft.logo


def test_the_stored_logo_is_named_by_its_real_format(citizen: Any, draft: Any) -> None:
    client_for(citizen).post(url(draft), {"logo": image("photo.jpeg", "PNG"), "action": "save"})
    draft.refresh_from_db()
    assert draft.logo.name.endswith(".png")


def test_the_current_logo_is_linked_through_the_logo_view(citizen: Any, draft: Any) -> None:
    client = client_for(citizen)
    client.post(url(draft), {"logo": image("logo.png", "PNG"), "action": "save"})
    html = client.get(url(draft)).content.decode()
    assert f'href="{reverse("groups:logo", args=[draft.pk])}"' in html
    assert "/media/" not in html
