"""Demo data of the workbench (demo mode only): a few entries of the centre's consultation
log, dated around today so that one follow-up is due, one is ahead, one is done and one falls
in the previous fiscal year (saved through the app's service, so they are searchable like
any), and an invitation of the demo manager's group to the need that fits it best.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.demo import DEMO_DOMAIN
from accounts.models import Department, User
from groups.models import CitizenGroup

from .matching import rank_groups, rank_needs
from .models import Consultation, Invitation, Topic
from .services.consultations import save_consultation
from .services.invitations import InvitationError, invite

# Each entry: who asked ("group:…", "department:<code>" or a name), days before today, method,
# topic codes, content, referral, follow-up, next action and done (days from today).
DEMO_CONSULTATIONS: tuple[dict[str, Any], ...] = (
    {
        "asker": "group:由比ガ浜ビーチクリーンの会",
        "days_ago": 20,
        "method": "visit",
        "topics": ("funding",),
        "content": "海岸清掃の道具（トング・ごみ袋）の購入費に使える助成金を知りたいとの相談。"
        "市の補助制度と民間財団の環境助成を紹介し、申請書の書き方を説明した。",
        "referral": "かながわ環境助成（民間財団）",
        "follow_up": "申請書の下書きを見せてもらい、助言する。",
        "next_action": -3,
    },
    {
        "asker": "group:大船子育てネットワーク",
        "days_ago": 5,
        "method": "phone",
        "topics": ("people", "publicity"),
        "content": "ボランティアの担い手が固定し、若い世代に活動を知ってもらう方法を相談された。"
        "SNSでの発信の始め方と、市民活動フェアへの出展を提案した。",
        "follow_up": "市民活動フェアの出展案内を送る。",
        "next_action": 10,
    },
    {
        "asker": "department:fukushi-somu",
        "days_ago": 2,
        "method": "email",
        "topics": ("collaboration",),
        "content": "ひとり暮らし高齢者の見守りについて、一緒に取り組める市民活動団体を探したい"
        "との相談。福祉分野の登録団体から候補を挙げることにした。",
        "follow_up": "候補団体の一覧を担当課に送る。",
        "next_action": 0,
    },
    {
        "asker": "材木座 太郎",
        "days_ago": 60,
        "method": "visit",
        "topics": ("founding", "accounting"),
        "content": "地域で子ども食堂を始めたいとの相談。任意団体とNPO法人の違い、会計の始め方、"
        "団体登録の手続きを説明した。",
        "referral": "神奈川県 NPO法人の認証窓口",
        "follow_up": "設立総会の資料のひな形を渡す。",
        "next_action": -45,
        "done": -40,
    },
    {
        "asker": "腰越 花子",
        "days_ago": 400,
        "method": "online",
        "topics": ("venue",),
        "content": "定例会に使える会議室を探しているとの相談。センターの会議室と地域の集会所の"
        "借り方を案内した。",
    },
)


def _asker(spec: str) -> dict[str, Any] | None:
    kind, _colon, name = spec.partition(":")
    if kind == "group":
        group = CitizenGroup.objects.filter(name=name).first()
        return {"group": group, "department": None, "person_name": ""} if group else None
    if kind == "department":
        department = Department.objects.filter(code=name).first()
        return {"group": None, "department": department, "person_name": ""} if department else None
    return {"group": None, "department": None, "person_name": spec}


def _day(today: datetime.date, offset: int | None) -> datetime.date | None:
    return None if offset is None else today + datetime.timedelta(days=offset)


@transaction.atomic
def load_demo_consultations() -> int:
    """Record the demo consultations that are missing (by content); returns how many were
    recorded (0 the second time, or without the demo centre account)."""
    staff = User.objects.filter(email=f"centre@{DEMO_DOMAIN}").first()
    if staff is None:
        return 0
    today = timezone.localdate()
    topics = {topic.code: topic for topic in Topic.objects.all()}
    recorded = 0
    for spec in DEMO_CONSULTATIONS:
        asker = _asker(spec["asker"])
        if asker is None or Consultation.objects.filter(content=spec["content"]).exists():
            continue
        fields = {
            **asker,
            "consulted_on": today - datetime.timedelta(days=spec["days_ago"]),
            "method": spec["method"],
            "staff": staff,
            "content": spec["content"],
            "referral": spec.get("referral", ""),
            "follow_up": spec.get("follow_up", ""),
            "next_action_on": _day(today, spec.get("next_action")),
            "follow_up_done_on": _day(today, spec.get("done")),
        }
        chosen = [topics[code] for code in spec["topics"] if code in topics]
        save_consultation(None, staff, fields, chosen)
        recorded += 1
    return recorded


# The demo group whose managers (the demo group manager) find an invitation in their inbox.
DEMO_INVITED_GROUP = "大船子育てネットワーク"
DEMO_INVITATION = "業務課題の内容をご覧のうえ、協力いただけるかどうかお知らせください。"


@transaction.atomic
def load_demo_invitations() -> int:
    """The demo coordinator invites the demo manager's group to the open public need that
    fits it best, with the matching's reasons (nothing when already done, or without the
    demo centre account, the group or a fitting need); returns how many were sent."""
    staff = User.objects.filter(email=f"centre@{DEMO_DOMAIN}").first()
    group = CitizenGroup.objects.filter(name=DEMO_INVITED_GROUP).first()
    if staff is None or group is None or Invitation.objects.filter(group=group).exists():
        return 0
    fits = rank_needs(group, limit=1)
    if not fits:
        return 0
    need = fits[0].need
    ranked = rank_groups(need, limit=200)
    reason = next((c.reason_for_group for c in ranked if c.group.pk == group.pk), "")
    reasons = {group.pk: reason or fits[0].explanation}
    answer_by = timezone.localdate() + datetime.timedelta(days=14)
    try:
        sent = invite(
            need,
            [group],
            message=DEMO_INVITATION,
            answer_by=answer_by,
            reasons=reasons,
            actor=staff,
        )
    except InvitationError:
        return 0  # e.g. two-factor authentication required of the demo staff
    return len(sent)
