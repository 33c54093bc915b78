"""Fictitious answers to the seeded surveys, for demo mode (never in production).

The seeds give rankings and two thresholds, not full tables, so the counts below are made up
to match what the seeds say:
- 2019: the 『人員』 challenges lead (高齢化, 担い手不足, 特定の個人に集中, 新しい会員, リーダー),
  then 活動資金 and 活動場所 (seed 000); 「積極的に…」 and 「内容によっては…」 together just
  over 50 % (seed 000: 「50%超えている」).
- 2025: 活動資金・資器材の調達 first, then リーダー and 特定の個人 (seed 001); the two positive
  answers together over 80 % (seed 001); 市と話し合う機会がない and 協働への関心が低い lead the
  groups' side; the city's 期間・予算 and 情報提供 rise sharply from 2019 while 理解不足 stays
  high (seed 001).
Answers are spread over the demo registry's groups (and the departments for the staff
survey) deterministically, so loading twice gives the same results; then the results are
published. A copy of the 2025 group survey is opened for the demo managers to answer.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import transaction
from django.utils import timezone

from accounts.models import Department
from groups.models import CitizenGroup
from kamakura_portal.dates import fiscal_year
from kamakura_portal.workflow import record_arrival

from . import services
from .models import Answer, AnswerChoice, Response, Survey
from .reference import load_reference_surveys, reference_survey

# slug → (respondents, {question key: {option code: count}}, {question key: texts})
DEMO: Mapping[str, tuple[int, Mapping[str, Mapping[str, int]], Mapping[str, Sequence[str]]]] = {
    "katsudo-2019": (
        120,
        {
            "activity_challenges": {
                "koureika": 58,
                "ninaite-busoku": 52,
                "kojin-shuchu": 45,
                "kaiin-zo": 41,
                "leader": 37,
                "shikin": 25,
                "basho": 20,
                "other": 6,
            },
            "collaboration_willingness": {"active": 22, "depends": 42, "not_now": 56},
            "group_collaboration_challenges": {"hanashiai": 48, "joho-busoku": 44, "kanshin": 30},
            "city_collaboration_challenges": {
                "rikai-busoku": 50,
                "renkei": 42,
                "shokyoku": 38,
                "kikan-yosan": 15,
                "joho-teikyo": 18,
            },
        },
        {
            "activity_challenges": ["会場費の値上がり", "会員同士の連絡手段"],
            "comments": [
                "市の担当の方と話せる場がほしいです。",
                "若い世代に活動を知ってもらう方法を一緒に考えたい。",
            ],
        },
    ),
    "shishin-2025-groups": (
        140,
        {
            "activity_challenges": {
                "shikin": 63,
                "leader": 57,
                "kojin-shuchu": 52,
                "ninaite-busoku": 46,
                "koureika": 44,
                "kaiin-zo": 38,
                "basho": 30,
                "other": 7,
            },
            "collaboration_willingness": {"active": 45, "depends": 70, "not_now": 25},
            "group_collaboration_challenges": {"hanashiai": 55, "joho-busoku": 35, "kanshin": 45},
            "city_collaboration_challenges": {
                "rikai-busoku": 60,
                "renkei": 40,
                "shokyoku": 35,
                "kikan-yosan": 58,
                "joho-teikyo": 56,
            },
        },
        {
            "activity_challenges": ["物価高で資器材が買えない"],
            "comments": [
                "エール事業の期間が短く、成果が出る前に終わってしまう。",
                "コーディネーターに相談できて助かりました。",
            ],
        },
    ),
    "shishin-2025-staff": (
        30,
        {
            "staff_collaboration_challenges": {
                "rikai-busoku": 17,
                "renkei": 10,
                "shokyoku": 6,
                "kikan-yosan": 15,
                "joho-teikyo": 12,
            },
            "collaboration_experience": {"yes": 12, "no": 18},
        },
        {"comments": ["団体の情報をまとめて見られる仕組みがほしい。"]},
    ),
}


def _choosers(respondents: int, counts: Mapping[str, int], single: bool) -> dict[str, list[int]]:
    """Which respondents choose each option: blocks for single choice; for multiple choice,
    each option goes to those with the fewest choices so far, so nobody is left empty."""
    chosen: dict[str, list[int]] = {}
    if single:
        start = 0
        for code, count in counts.items():
            chosen[code] = list(range(start, min(start + count, respondents)))
            start += count
        return chosen
    load = [0] * respondents
    for offset, (code, count) in enumerate(counts.items()):
        order = sorted(range(respondents), key=lambda i: (load[i], (i + offset * 17) % respondents))
        chosen[code] = sorted(order[: min(count, respondents)])
        for i in chosen[code]:
            load[i] += 1
    return chosen


def _respondents(survey: Survey, wanted: int) -> list[dict[str, Any]]:
    if survey.audience == Survey.Audience.CITY_STAFF:
        departments = Department.objects.filter(kind=Department.Kind.SECTION, is_active=True)
        return [{"department": d} for d in departments.order_by("sort_order", "pk")[:wanted]]
    groups = CitizenGroup.objects.filter(status=CitizenGroup.Status.REGISTERED)
    return [{"group": g} for g in groups.order_by("pk")[:wanted]]


@transaction.atomic
def _answer(slug: str) -> int:
    survey = reference_survey(slug)
    if survey is None or survey.responses.exists():
        return 0
    wanted, counts, texts = DEMO[slug]
    who = _respondents(survey, wanted)
    if len(who) < wanted:  # the demo registry or departments are not loaded
        return 0
    submitted = timezone.make_aware(
        datetime.datetime.combine(survey.closes_on, datetime.time(12))
    ) - datetime.timedelta(days=3)
    responses = Response.objects.bulk_create(
        Response(
            survey=survey,
            status=Response.Status.SUBMITTED,
            version=1,
            submitted_at=submitted,
            updated_at=submitted,
            **target,
        )
        for target in who
    )
    questions = {q.key: q for q in survey.questions.prefetch_related("options")}
    answers: dict[tuple[int, int], Answer] = {}
    picks: list[tuple[tuple[int, int], int]] = []
    for key, by_code in counts.items():
        question = questions[key]
        options = {o.code: o for o in question.options.all()}
        single = question.kind == question.Kind.SINGLE
        other_texts = list(texts.get(key, [])) or ["その他"]
        for code, indexes in _choosers(wanted, by_code, single).items():
            for i in indexes:
                slot = (i, question.pk)
                answer = answers.setdefault(slot, Answer(response=responses[i], question=question))
                if code == "other":
                    answer.text = other_texts[i % len(other_texts)]
                picks.append((slot, options[code].pk))
    for key, lines in texts.items():
        question = questions[key]
        if question.kind == question.Kind.TEXT:
            for i, line in enumerate(lines):
                answers[(i * 7 % wanted, question.pk)] = Answer(
                    response=responses[i * 7 % wanted], question=question, text=line
                )
    Answer.objects.bulk_create(answers.values())
    AnswerChoice.objects.bulk_create(
        AnswerChoice(answer=answers[slot], option_id=option_id) for slot, option_id in picks
    )
    _arrive(survey, Survey.Status.PUBLISHED)
    return len(responses)


def _arrive(survey: Survey, status: str) -> None:
    """Demo surveys arrive in their status like imported history: nobody is invited."""
    Survey.objects.filter(pk=survey.pk).update(status=status, invited_at=timezone.now())
    survey.refresh_from_db()
    record_arrival([survey], DEMO_REASON)


OPEN_DEMO_TITLE = "市民活動団体アンケート（デモ・回答受付中）"
DEMO_REASON = "（デモデータ）"


def _open_demo_survey() -> None:
    """A copy of the 2025 group survey, open for a month, so demo managers can answer it.

    Created once; no invitation is mailed (the demo groups' addresses are fictitious).
    """
    source = reference_survey("shishin-2025-groups")
    if source is None or Survey.objects.filter(title=OPEN_DEMO_TITLE).exists():
        return
    today = timezone.localdate()
    copy = services.copy_survey(
        source,
        None,
        {
            "title": OPEN_DEMO_TITLE,
            "fiscal_year": fiscal_year(today),
            "opens_on": today,
            "closes_on": today + datetime.timedelta(days=30),
        },
    )
    _arrive(copy, Survey.Status.OPEN)


def load_demo_survey_answers() -> int:
    """Answer and publish the seeded surveys with the demo figures, and open a demo survey.

    Idempotent: returns the number of responses created (0 the second time).
    """
    load_reference_surveys()
    created = sum(_answer(slug) for slug in DEMO)
    _open_demo_survey()
    return created
