"""Bad input on the registry's forms never reaches a server error: an address longer than the
column keeps, and a page view that wrote rows (issue 17)."""

from __future__ import annotations

from typing import Any

import pytest
from auditlog.models import LogEntry
from django.urls import reverse

from groups.models import CitizenGroup, Contact, ManagerInvitation
from tests.conftest import client_for
from tests.factories import CitizenGroupFactory, GroupMembershipFactory
from tests.html import field_error

from .test_edit_section_contacts import contacts_data

pytestmark = pytest.mark.django_db
LONG = "a" * 250 + "@example.jp"  # 261 characters: a valid address, too long for the column


def test_an_invitation_to_an_overlong_address_is_refused_beside_the_field(
    group_manager: Any, group_a: CitizenGroup
) -> None:
    response = client_for(group_manager).post(
        reverse("groups:invite", args=[group_a.pk]), {"email": LONG}
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "id_email")
    assert not ManagerInvitation.objects.exists()


def test_an_overlong_contact_address_is_refused_beside_the_field(citizen: Any) -> None:
    group = CitizenGroupFactory.create(status=CitizenGroup.Status.DRAFT)
    GroupMembershipFactory.create(user=citizen, group=group)
    response = client_for(citizen).post(
        reverse("groups:edit", args=[group.pk, "contacts"]),
        contacts_data(**{"representative-email": LONG}),
    )
    assert response.status_code == 200
    assert field_error(response.content.decode(), "id_representative-email")


def test_opening_the_contacts_of_a_group_without_contact_rows_writes_nothing(
    citizen: Any,
) -> None:
    group = CitizenGroupFactory.create(status=CitizenGroup.Status.DRAFT)
    GroupMembershipFactory.create(user=citizen, group=group)
    Contact.objects.filter(group=group).delete()
    entries = LogEntry.objects.count()
    response = client_for(citizen).get(reverse("groups:edit", args=[group.pk, "contacts"]))
    assert response.status_code == 200
    assert not Contact.objects.filter(group=group).exists()
    assert LogEntry.objects.count() == entries
    # The form's save creates them.
    client_for(citizen).post(reverse("groups:edit", args=[group.pk, "contacts"]), contacts_data())
    assert set(Contact.objects.filter(group=group).values_list("kind", flat=True)) == {
        "representative",
        "liaison",
    }


def test_the_manager_page_of_a_group_without_contact_rows_writes_nothing(
    group_manager: Any, group_a: CitizenGroup
) -> None:
    Contact.objects.filter(group=group_a).delete()
    assert (
        client_for(group_manager).get(reverse("groups:manage", args=[group_a.pk])).status_code
        == 200
    )
    assert not Contact.objects.filter(group=group_a).exists()
