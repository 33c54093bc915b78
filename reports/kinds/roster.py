"""団体名簿: the public roster of registered groups, 五十音順 by フリガナ under 行 headings.

Only what the public directory shows is printed: the registered groups (the directory's own
query), their public profile items, and of their contacts only the items each group made
public (:meth:`groups.models.Contact.public_items`). Challenges (困りごと), member lists and
private contact items never reach the template.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Max
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from groups.exports import public_groups
from groups.models import ActivityField, CitizenGroup, District, OrganizationType

from . import Kind, Params, register
from .inputs import last_audit_entry

# The first kana of a reading decides its 行; voiced and small kana go with their row.
ROWS = (
    ("あ行", "アイウエオァィゥェォヴ"),
    ("か行", "カキクケコガギグゲゴヵヶ"),
    ("さ行", "サシスセソザジズゼゾ"),
    ("た行", "タチツテトダヂヅデドッ"),
    ("な行", "ナニヌネノ"),
    ("は行", "ハヒフヘホバビブベボパピプペポ"),
    ("ま行", "マミムメモ"),
    ("や行", "ヤユヨャュョ"),
    ("ら行", "ラリルレロ"),
    ("わ行", "ワヲンヮ"),
)
_ROW_OF = {kana: heading for heading, letters in ROWS for kana in letters}
HIRAGANA_TO_KATAKANA = 0x60  # ぁ (U+3041) + 0x60 = ァ (U+30A1)


def kana_row(reading: str) -> str:
    """The 行 heading of a reading (「ユイガハマノカイ」 → や行); 「その他」 for anything else."""
    first = unicodedata.normalize("NFKC", reading.strip())[:1]
    if "ぁ" <= first <= "ゖ":
        first = chr(ord(first) + HIRAGANA_TO_KATAKANA)
    return _ROW_OF.get(first, "")


@dataclass
class RosterRow:
    heading: str
    groups: list[CitizenGroup] = field(default_factory=list)


def build(params: Params) -> dict[str, Any]:
    rows = {heading: RosterRow(heading) for heading, _letters in ROWS}
    others = RosterRow(_("Others"))
    for group in public_groups():
        contacts = []
        for contact in group.contacts.all():
            items = contact.public_items()
            if items:
                contacts.append((contact.get_kind_display(), items))
        group.public_contacts = contacts  # type: ignore[attr-defined]
        heading = kana_row(group.name_kana)
        (rows[heading] if heading else others).groups.append(group)
    sections = [row for row in [*rows.values(), others] if row.groups]
    return {
        "sections": sections,
        "total": sum(len(row.groups) for row in sections),
    }


def title(params: Params) -> str:
    return _("Roster of civic activity groups")


def fingerprint(params: Params) -> Any:
    groups = CitizenGroup.objects.filter(status=CitizenGroup.Status.REGISTERED).aggregate(
        n=Count("pk"), updated=Max("updated_at")
    )
    names = [
        list(model.objects.order_by("pk").values_list("pk", "name"))
        for model in (OrganizationType, ActivityField, District)
    ]
    changes = last_audit_entry("groups", ["citizengroup", "contact"])
    return [groups["n"], groups["updated"], changes, names]


KIND = register(
    Kind(
        code="roster",
        label=gettext_lazy("Roster of groups"),
        template="reports/pdf/roster.html",
        version=1,
        build=build,
        title=title,
        fingerprint=fingerprint,
        audience="staff",
        publish_problem=lambda params: "",
        help_text=gettext_lazy(
            "Every registered group in kana order, with its public items only, as in the directory."
        ),
    )
)
