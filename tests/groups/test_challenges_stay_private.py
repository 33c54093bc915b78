"""A group's challenges (困りごと) are, as the registration form promises, for the centre's
reference: never on a public page or in the open-data export (issue 13, item 2)."""

from typing import Any

import pytest
from django.urls import reverse

from groups.models import Challenge
from tests.conftest import client_for

pytestmark = pytest.mark.django_db

CHALLENGE = "会計を担える人がいない"


@pytest.fixture
def troubled_group(group_a: Any) -> Any:
    group_a.challenges.add(Challenge.objects.create(name=CHALLENGE))
    return group_a


@pytest.mark.parametrize(
    "page",
    [
        lambda group: reverse("groups:profile", args=[group.pk]),
        lambda group: reverse("groups:directory"),
        lambda group: f"{reverse('groups:directory')}?q={group.name}",
        lambda group: reverse("groups:export_csv"),
    ],
    ids=["profile", "directory", "search", "open data"],
)
def test_no_public_page_or_export_shows_them(client: Any, troubled_group: Any, page: Any) -> None:
    response = client.get(page(troubled_group))
    assert response.status_code == 200
    body = b"".join(response) if response.streaming else response.content
    assert troubled_group.name in body.decode("utf-8-sig")
    assert CHALLENGE not in body.decode("utf-8-sig")


def test_the_groups_managers_see_the_public_page_without_them(
    group_manager: Any, troubled_group: Any
) -> None:
    html = client_for(group_manager).get(reverse("groups:profile", args=[troubled_group.pk]))
    assert CHALLENGE not in html.content.decode()


def test_the_centre_still_reads_them_on_the_staff_page(
    centre_staff: Any, troubled_group: Any
) -> None:
    url = reverse("groups:staff_detail", args=[troubled_group.pk])
    assert CHALLENGE in client_for(centre_staff).get(url).content.decode()
