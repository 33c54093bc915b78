"""Helpers shared by the tests of the registration and manager pages."""

from __future__ import annotations

from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext

from groups import services
from groups.models import ActivityField, CitizenGroup, Contact, District, OrganizationType
from groups.reference import load_taxonomies


def ja(message: str) -> str:
    """A message as the pages show it (Japanese, the portal's language)."""
    with translation.override("ja"):
        return gettext(message)


def complete(group: CitizenGroup, *, agreed: bool = True) -> CitizenGroup:
    """Fill in everything a submission needs (the taxonomies are loaded if missing)."""
    load_taxonomies()
    services.update_profile(
        group,
        {
            "organization_type": OrganizationType.objects.get(code="nin-i"),
            "activities": "月に一度、腰越の路地を歩いて地域の歴史を学びます。",
            "agreed_to_rules_at": timezone.now() if agreed else None,
        },
        many={
            "activity_fields": [ActivityField.objects.get(code="kanko")],
            "districts": [District.objects.get(code="koshigoe")],
        },
    )
    representative = services.contacts_of(group)[Contact.Kind.REPRESENTATIVE]
    services.update_contact(
        representative,
        {
            "name": "腰越 一郎",
            "name_public": True,
            "phone": "0467-00-1111",
            "email": "ichiro-private@example.jp",
        },
    )
    return group


def draft_of(user: Any, name: str = "腰越おさんぽの会") -> CitizenGroup:
    return services.start_registration(user, name=name, name_kana="コシゴエオサンポノカイ")
