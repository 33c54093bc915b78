"""Rows of the registry's exports: the public open-data CSV and the staff's full XLSX.

Column names are Japanese and fixed (a file format, like the import's columns). Values are
written as the import reads them (「、」 between several terms, 登録日 as YYYY/MM/DD, the
form's labels of 協働への関心), so a staff export can be corrected and imported elsewhere.
The public rows hold registered groups and public fields only; of the contacts, only the
items :meth:`Contact.public_items` returns. Rows are read in chunks with their taxonomies
and contacts prefetched, so the number of queries does not grow with the groups.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import translation

from .import_rows import INTEREST_NAMES, STATUS_NAMES
from .models import CitizenGroup, Contact, GroupMembership
from .queries import directory_groups, kana_order

CHUNK = 2000
INTEREST_LABELS: dict[str, str] = {value: label for label, value in INTEREST_NAMES.items()}
STATUS_LABELS: dict[str, str] = {value: label for label, value in STATUS_NAMES.items()}
CONTACT_PREFIXES = {Contact.Kind.REPRESENTATIVE: "代表者", Contact.Kind.LIAISON: "連絡担当者"}
CONTACT_ITEMS = {
    "name": "名",
    "name_kana": "フリガナ",
    "postal_code": "郵便番号",
    "address": "所在地",
    "phone": "電話番号",
    "email": "メール",
}
CONTACT_COLUMNS = [
    f"{prefix}{label}" for prefix in CONTACT_PREFIXES.values() for label in CONTACT_ITEMS.values()
]

PUBLIC_HEADER = [
    "団体ID",
    "団体名",
    "フリガナ",
    "組織形態",
    "活動分野",
    "活動地域",
    "設立年",
    "主な活動内容",
    "ウェブサイト",
    "協働への関心",
    "登録日",
    *CONTACT_COLUMNS,
]

STAFF_COLUMNS = [
    ("団体ID", 8),
    ("団体名", 32),
    ("フリガナ", 32),
    ("状態", 10),
    ("状態の理由", 24),
    ("組織形態", 14),
    ("活動分野", 32),
    ("活動地域", 18),
    ("設立年", 8),
    ("会員数", 8),
    ("内市民数", 8),
    ("主な年代", 12),
    ("設立目的", 40),
    ("主な活動内容", 48),
    ("活動日・頻度", 20),
    ("会費", 16),
    ("できること", 40),
    ("困りごと", 32),
    ("協働への関心", 24),
    ("ウェブサイト", 32),
    ("SNS", 32),
    ("登録日", 12),
    ("登録の有効期限", 12),
    ("最終更新手続日", 12),
    *[(name, 24) for name in CONTACT_COLUMNS],
    ("公開している連絡先項目", 32),
    ("団体担当者", 32),
    ("作成日時", 18),
    ("更新日時", 18),
]
STAFF_HEADER = [name for name, _width in STAFF_COLUMNS]
STAFF_WIDTHS = [width for _name, width in STAFF_COLUMNS]


def _names(terms: Any) -> str:
    return "、".join(term.name for term in terms.all())


def _interest(group: CitizenGroup) -> str:
    return INTEREST_LABELS.get(group.collaboration_interest, "")


def public_groups() -> QuerySet[CitizenGroup]:
    return (
        directory_groups()
        .prefetch_related(Prefetch("contacts", queryset=Contact.objects.all()))
        .order_by(kana_order(), "pk")
    )


def _item_labels() -> dict[str, str]:
    """The label :meth:`Contact.public_items` gives each item, in the active language."""
    return {
        item: str(getattr(Contact._meta.get_field(item), "verbose_name", item))
        for item in CONTACT_ITEMS
    }


def _public_contact_values(group: CitizenGroup, labels: dict[str, str]) -> list[str]:
    contacts = {contact.kind: contact for contact in group.contacts.all()}
    values: list[str] = []
    for kind in CONTACT_PREFIXES:
        contact = contacts.get(kind)
        # public_items() alone decides what is public; its labels are mapped back to items.
        public = dict(contact.public_items()) if contact else {}
        values.extend(public.get(labels[item], "") for item in CONTACT_ITEMS)
    return values


def public_rows() -> Iterator[list[Any]]:
    """One row per registered group, public fields only (see the module's docstring)."""
    with translation.override("ja"):
        labels = _item_labels()
        for group in public_groups().iterator(chunk_size=CHUNK):
            yield [
                group.pk,
                group.name,
                group.name_kana,
                group.organization_type.name if group.organization_type else "",
                _names(group.activity_fields),
                _names(group.districts),
                group.founded_year,
                group.activities,
                group.website,
                _interest(group),
                group.registered_on,
                *_public_contact_values(group, labels),
            ]


def staff_groups() -> QuerySet[CitizenGroup]:
    return (
        directory_groups(statuses=CitizenGroup.Status.values)
        .prefetch_related(
            "challenges",
            Prefetch("contacts", queryset=Contact.objects.all()),
            Prefetch("memberships", queryset=GroupMembership.objects.select_related("user")),
        )
        .order_by(kana_order(), "pk")
    )


def _all_contact_values(group: CitizenGroup) -> tuple[list[str], str]:
    contacts = {contact.kind: contact for contact in group.contacts.all()}
    values = []
    public = []
    for kind, prefix in CONTACT_PREFIXES.items():
        contact = contacts.get(kind)
        for item, label in CONTACT_ITEMS.items():
            values.append(getattr(contact, item) if contact else "")
            if contact and getattr(contact, f"{item}_public"):
                public.append(f"{prefix}{label}")
    return values, "、".join(public)


def staff_rows() -> Iterator[list[Any]]:
    """One row per group, whatever its status, with every field and every contact item."""
    with translation.override("ja"):
        for group in staff_groups().iterator(chunk_size=CHUNK):
            contact_values, public_items = _all_contact_values(group)
            yield [
                group.pk,
                group.name,
                group.name_kana,
                STATUS_LABELS.get(group.status) or str(group.get_status_display()),
                group.status_reason,
                group.organization_type.name if group.organization_type else "",
                _names(group.activity_fields),
                _names(group.districts),
                group.founded_year,
                group.member_count,
                group.citizen_member_count,
                str(group.get_main_age_group_display()) if group.main_age_group else "",
                group.purpose,
                group.activities,
                group.schedule,
                group.membership_fee,
                group.offers,
                _names(group.challenges),
                _interest(group),
                group.website,
                group.social_links,
                group.registered_on,
                group.valid_until,
                group.renewed_on,
                *contact_values,
                public_items,
                "、".join(m.user.email for m in group.memberships.all()),
                group.created_at,
                group.updated_at,
            ]
