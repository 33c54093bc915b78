"""Generated coordination: invitations (打診) of groups to department needs in every state,
one per need and group, and the centre's consultation log (searchable) across topics,
methods and fiscal years."""

from __future__ import annotations

import datetime
import random
from typing import Any

from coordination.models import Consultation, Invitation, Method, Topic
from groups.models import CitizenGroup

from .bulk import Batch, Ids, gin_built_after
from .collaboration import Collaboration, Need
from .context import CHUNK, Run, pick
from .groups import Registry
from .names import person
from .people import People
from .text import join_tokens, tokens_of

State = Invitation.Status
BY_NEED_STATUS = {
    "open": [
        (State.CANDIDATE, 25), (State.INVITED, 35), (State.INTERESTED, 15),
        (State.DECLINED, 10), (State.EXPIRED, 5), (State.DISCUSSING, 10),
    ],
    "matched": [
        (State.INTERESTED, 25), (State.DISCUSSING, 30), (State.DECLINED, 25),
        (State.EXPIRED, 20),
    ],
    "closed": [(State.DECLINED, 45), (State.EXPIRED, 35), (State.INTERESTED, 20)],
}  # fmt: skip
ANSWERED = {State.INTERESTED, State.DECLINED, State.DISCUSSING, State.PROPOSED}
MESSAGE = "業務課題の内容をご覧のうえ、協力いただけるかどうかお知らせください。"
ANSWERS: dict[str, str] = {
    State.INTERESTED: "ぜひ一度お話を伺いたいと思います。",
    State.DISCUSSING: "会員と相談し、前向きに検討しています。",
    State.DECLINED: "今年度は会員の体制が整わないため、見送らせていただきます。",
    State.PROPOSED: "提案書の下書きを作成しました。",
}
# What people came to ask about, and what the centre answered, by topic code.
ASKED = {
    "founding": [
        "地域で新しく団体を立ち上げたいとの相談。",
        "任意団体からNPO法人になるべきか迷っているとの相談。",
    ],
    "funding": [
        "活動費に使える助成金を知りたいとの相談。",
        "会費だけでは運営が苦しくなってきたとの相談。",
    ],
    "people": [
        "会員が高齢化し、担い手が見つからないとの相談。",
        "若い世代のボランティアを集めたいとの相談。",
    ],
    "accounting": [
        "会計報告の作り方がわからないとの相談。",
        "寄付を受けたときの税の扱いについての相談。",
    ],
    "management": [
        "役員の交代がうまく進まないとの相談。",
        "総会の開き方と規約の見直しについての相談。",
    ],
    "collaboration": [
        "市の担当課と一緒に事業をしたいとの相談。",
        "協働事業の提案書の書き方についての相談。",
    ],
    "publicity": [
        "活動を広く知ってもらう方法を知りたいとの相談。",
        "ホームページとSNSの始め方についての相談。",
    ],
    "venue": [
        "定例会に使える会議室を探しているとの相談。",
        "倉庫として使える場所がないかとの相談。",
    ],
    "other": [
        "団体どうしで交流する機会がほしいとの相談。",
        "活動中のけがに備える保険についての相談。",
    ],
}
ADVISED = [
    "センターの講座と、同じ分野の団体の事例を紹介した。",
    "市の補助制度と民間財団の助成を案内し、申請書の書き方を説明した。",
    "市民活動フェアへの出展と、ボランティア募集サイトへの掲載を提案した。",
    "必要な手続きを順に説明し、資料のひな形を渡した。",
]
REFERRALS = [
    "",
    "",
    "",
    "市社会福祉協議会",
    "かまくらボランティアセンター",
    "神奈川県 NPO法人の認証窓口",
]
FOLLOW_UPS = [
    "申請書の下書きを見せてもらい、助言する。",
    "関係する団体を紹介する。",
    "講座の案内を送る。",
]
METHODS = [
    (Method.VISIT, 45), (Method.PHONE, 25), (Method.EMAIL, 15),
    (Method.ONLINE, 10), (Method.OUTREACH, 5),
]  # fmt: skip


def make_invitations(run: Run, people: People, registry: Registry, made: Collaboration) -> None:
    """The pairs that led to a proposal first, then groups sharing a field with each need in
    turn, never a pair twice."""
    rng = run.rng("invitations")
    rows = run.batch({"invitations": Invitation})
    taken: set[tuple[int, int]] = set()
    wanted = run.sizes.invitations
    for need_pk, group, proposal, created in made.proposed:
        if len(taken) < wanted and (need_pk, group) not in taken:
            taken.add((need_pk, group))
            day = max(created - datetime.timedelta(days=30), run.today.replace(year=2015))
            pair = (need_pk, group, registry.managers.get(group))
            rows["invitations"].append(
                _invitation(run, rng, people, pair, State.PROPOSED, day, proposal)
            )
    turns = 0
    while made.needs and len(taken) < wanted and turns < 3 * wanted:
        need = made.needs[turns % len(made.needs)]
        turns += 1
        pool = _pool(registry, need)
        if not pool:
            continue
        found = next(
            (g for g in (rng.choice(pool) for _try in range(20)) if (need.pk, g) not in taken),
            None,
        )
        if found is None:
            continue
        group = found
        taken.add((need.pk, group))
        state = pick(rng, BY_NEED_STATUS[need.status])
        day = min(need.created + datetime.timedelta(days=rng.randint(3, 40)), run.today)
        pair = (need.pk, group, registry.managers.get(group))
        rows["invitations"].append(_invitation(run, rng, people, pair, state, day, None))
        if len(rows["invitations"]) >= CHUNK:
            rows.flush()
    rows.flush()


def _pool(registry: Registry, need: Need) -> Any:
    for field_id in need.field_ids:
        if registry.by_field.get(field_id):
            return registry.by_field[field_id]
    return registry.registered


def _invitation(
    run: Run,
    rng: random.Random,
    people: People,
    pair: tuple[int, int, int | None],
    state: str,
    day: datetime.date,
    proposal: int | None,
) -> dict[str, Any]:
    """One invitation; ``pair``: the need, the group and the group's manager (if any)."""
    need, group, manager = pair
    staff = rng.choice(people.centre)
    invited = state != State.CANDIDATE
    answer_by = day + datetime.timedelta(days=14) if invited else None
    # The daily sweep lets an unanswered invitation lapse after its answer day.
    if state == State.INVITED and answer_by and answer_by < run.today:
        state = State.EXPIRED
    elif state == State.EXPIRED and answer_by and answer_by >= run.today:
        state = State.INVITED
    answered = state in ANSWERED
    answered_day = min(day + datetime.timedelta(days=rng.randint(1, 14)), run.today)
    return {
        "need_id": need,
        "group_id": group,
        "status": state,
        "message": MESSAGE if invited else "",
        "reasons": "活動分野と活動地域がこの業務課題と重なっています。",
        "answer_by": answer_by,
        "answer_note": ANSWERS.get(state, ""),
        "raised_by_group": False,
        "invited_by_id": staff if invited else None,
        "invited_at": run.moment(day, rng) if invited else None,
        "answered_by_id": manager if answered else None,
        "answered_at": run.moment(answered_day, rng) if answered else None,
        "reminded_at": None,
        "proposal_id": proposal,
        "created_by_id": staff,
        "created_at": run.moment(day, rng),
        "updated_at": run.moment(answered_day if answered else day, rng),
    }


class Consultations:
    """Writes consultations: who asked (a registered group, a department or a person), about
    which topics, what the centre advised, and the search document of each."""

    def __init__(self, run: Run, people: People, registry: Registry) -> None:
        self.run = run
        self.rng = run.rng("consultations")
        self.people = people
        self.registry = registry
        self.topics = dict(Topic.objects.values_list("code", "pk"))
        self.codes = [code for code in ASKED if code in self.topics] or list(self.topics)
        self.topic_tokens = {
            pk: tokens_of(name) for pk, name in Topic.objects.values_list("pk", "name")
        }
        self.department_tokens = {
            pk: tokens_of(name) for pk, name in people.department_names.items()
        }
        self.first_day = datetime.date(run.fiscal_year - 7, 4, 1)

    def askers(self, ids: Ids, count: int) -> list[tuple[int, str, int | None]]:
        """``(id, kind of asker, group)`` of the next ``count`` consultations."""
        rng, registered = self.rng, self.registry.registered
        askers = []
        for _n in range(count):
            kind = pick(rng, [("group", 60), ("department", 15), ("person", 25)])
            if kind == "group" and not registered:
                kind = "person"
            askers.append((ids.take(), kind, rng.choice(registered) if kind == "group" else None))
        return askers

    def add(
        self, rows: Batch, pk: int, kind: str, group: int | None, names: dict[int, str]
    ) -> None:
        rng, run = self.rng, self.run
        own = rng.sample(self.codes, min(len(self.codes), pick(rng, [(1, 70), (2, 30)])))
        day = run.day_between(self.first_day, run.today, rng)
        department = (
            rng.choice(list(self.people.department_names)) if kind == "department" else None
        )
        person_name = person(rng)[0] if kind == "person" else ""
        content = rng.choice(ASKED.get(own[0], ASKED["other"])) + rng.choice(ADVISED)
        referral = rng.choice(REFERRALS)
        follow_up = rng.choice(FOLLOW_UPS) if rng.random() < 0.4 else ""
        next_action = day + datetime.timedelta(days=rng.randint(7, 30)) if follow_up else None
        done = next_action if next_action and next_action < run.today else None
        if group:
            name_tokens = tuple(names.get(group, "").split())
        elif department:
            name_tokens = self.department_tokens[department]
        else:
            name_tokens = tokens_of(person_name)
        topic_ids = [self.topics[code] for code in own]
        rows["consultations"].append(
            {
                "id": pk,
                "consulted_on": day,
                "method": pick(rng, METHODS),
                "staff_id": rng.choice(self.people.centre),
                "group_id": group,
                "department_id": department,
                "person_name": person_name,
                "content": content,
                "referral": referral,
                "follow_up": follow_up,
                "next_action_on": next_action,
                "follow_up_done_on": done if rng.random() < 0.85 else None,
                "reminded_for": None,
                "created_by_id": rng.choice(self.people.centre),
                "created_at": run.moment(day, rng),
                "updated_at": run.moment(day, rng),
                # CONSULTATION_SEARCH's document: the asker's name (a group's is its own
                # search_name), then what was said and the topics.
                "search_name": " ".join(name_tokens),
                "search_body": join_tokens(
                    tokens_of(content),
                    tokens_of(referral) if referral else (),
                    tokens_of(follow_up) if follow_up else (),
                    *(self.topic_tokens[topic] for topic in topic_ids),
                ),
            }
        )
        rows["topics"].extend({"consultation_id": pk, "topic_id": topic} for topic in topic_ids)


def make_consultations(run: Run, people: People, registry: Registry) -> None:
    maker = Consultations(run, people, registry)
    ids = Ids(Consultation)
    rows = run.batch({"consultations": Consultation, "topics": Consultation.topics.through})
    total = run.sizes.consultations
    with gin_built_after(Consultation, total):
        for start in range(0, total, CHUNK):
            askers = maker.askers(ids, min(CHUNK, total - start))
            groups = [group for _pk, _kind, group in askers if group]
            names = dict(
                CitizenGroup.objects.filter(pk__in=groups).values_list("pk", "search_name")
            )
            for pk, kind, group in askers:
                maker.add(rows, pk, kind, group, names)
            rows.flush()
