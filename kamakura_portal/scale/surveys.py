"""Generated surveys of the registered groups, one or two a year, each with questions of every
kind (the 2019 survey's questions with their stable keys, a number, a 1–5 scale, free text),
and the groups' responses: one per group and survey, answered option by option."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import Any

from surveys.models import Answer, AnswerChoice, Option, Question, Response, Survey
from surveys.reference import reference_data

from .bulk import Batch, Ids
from .context import CHUNK, Run, pick
from .groups import Registry
from .people import People

EXTRA_QUESTIONS = [
    {
        "key": "member_count",
        "kind": "number",
        "text": "団体の会員数を教えてください。",
        "required": True,
        "has_other": False,
        "options": [],
    },
    {
        "key": "events_per_year",
        "kind": "number",
        "text": "昨年度、活動や催しを何回行いましたか。（おおよその回数）",
        "required": False,
        "has_other": False,
        "options": [],
    },
    {
        "key": "centre_satisfaction",
        "kind": "scale",
        "text": "市民活動センターの支援にどの程度満足していますか。（1：不満〜5：満足）",
        "required": True,
        "has_other": False,
        "options": [],
    },
]
TITLES = [
    "市民活動団体の活動状況に関するアンケート（{year}年度）",
    "市との協働に関する団体アンケート（{year}年度）",
]
INTRO = (
    "市民活動団体の皆さまの活動状況や課題、市との協働についてのお考えをお聞きし、"
    "今後の支援と協働の推進に生かします。"
)
COMMENTS = [
    "活動場所の確保に毎回苦労しています。公共施設の予約の仕組みを改善してほしいです。",
    "センターの講座はとても役に立っています。",
    "若い世代に活動を知ってもらう機会がほしいです。",
    "市の担当課と気軽に相談できる窓口があるとありがたいです。",
    "助成金の申請書類をもう少し簡単にしてほしいです。",
]
OTHER_TEXTS = ["会計を担う人がいない", "会員どうしの連絡手段", "活動の記録の残し方"]


def _questions() -> list[dict[str, Any]]:
    groups_survey = next(s for s in reference_data() if s["audience"] == "groups")
    return [*groups_survey["questions"][:-1], *EXTRA_QUESTIONS, groups_survey["questions"][-1]]


def make_surveys(run: Run, people: People, registry: Registry) -> None:
    rng = run.rng("surveys")
    bank = _questions()
    count = run.sizes.surveys
    survey_ids, question_ids, option_ids = Ids(Survey), Ids(Question), Ids(Option)
    surveys, questions, options = [], [], []
    plans: list[tuple[int, list[tuple[int, dict[str, Any], list[int]]], datetime.date, bool]] = []
    for n in range(count):
        pk = survey_ids.take()
        newest = n == count - 1
        year = run.fiscal_year - (count - 1 - n) // 2
        opens = run.today - datetime.timedelta(days=20) if newest else datetime.date(year, 6, 1)
        closes = run.today + datetime.timedelta(days=20) if newest else datetime.date(year, 7, 31)
        status = "open" if newest else pick(rng, [("published", 70), ("closed", 30)])
        surveys.append(
            {
                "id": pk,
                "title": TITLES[n % 2].format(year=year),
                "fiscal_year": year,
                "audience": "groups",
                "opens_on": opens,
                "closes_on": closes,
                "anonymous": rng.random() < 0.3,
                "intro": INTRO,
                "status": status,
                "copied_from_id": None,
                "created_by_id": people.secretariat[0],
                "created_at": run.moment(opens - datetime.timedelta(days=30), rng),
                "invited_at": run.moment(opens, rng),
                "reminded_on": None,
            }
        )
        asked = []
        for order, spec in enumerate(bank, start=1):
            question = question_ids.take()
            questions.append(
                {
                    "id": question,
                    "survey_id": pk,
                    "key": spec["key"],
                    "order": order,
                    "kind": spec["kind"],
                    "text": spec["text"],
                    "help_text": "",
                    "required": spec["required"],
                    "max_choices": None,
                    "has_other": spec["has_other"],
                }
            )
            codes = [
                *spec["options"],
                *([["other", Option.OTHER_LABEL]] if spec["has_other"] else []),
            ]
            own = []
            for position, (code, label) in enumerate(codes, start=1):
                option = option_ids.take()
                own.append(option)
                options.append(
                    {
                        "id": option,
                        "question_id": question,
                        "code": code,
                        "label": label,
                        "order": position,
                    }
                )
            asked.append((question, spec, own))
        plans.append((pk, asked, opens, newest))
    for model, rows in ((Survey, surveys), (Question, questions), (Option, options)):
        if rows:
            run.table(model, list(rows[0])).copy(rows)
    _responses(run, rng, registry, plans)


def _responses(
    run: Run,
    rng: random.Random,
    registry: Registry,
    plans: list[tuple[int, list[tuple[int, dict[str, Any], list[int]]], datetime.date, bool]],
) -> None:
    total = run.sizes.responses
    if not plans or not total:
        return
    response_ids, answer_ids = Ids(Response), Ids(Answer)
    rows = run.batch({"responses": Response, "answers": Answer, "choices": AnswerChoice})

    for index, (survey, asked, opens, is_open) in enumerate(plans):
        share = total // len(plans) + (1 if index < total % len(plans) else 0)
        for group in rng.sample(registry.registered, share):
            pk = response_ids.take()
            day = opens + datetime.timedelta(days=rng.randint(0, 40))
            at = run.moment(min(day, run.today), rng)
            submitted = not is_open or rng.random() < 0.85
            rows["responses"].append(
                {
                    "id": pk,
                    "survey_id": survey,
                    "group_id": group,
                    "department_id": None,
                    "respondent_id": None,
                    "status": "submitted" if submitted else "draft",
                    "version": 1,
                    "last_saved_by_id": registry.managers.get(group),
                    "created_at": at,
                    "updated_at": at,
                    "submitted_at": at if submitted else None,
                }
            )
            for question, spec, own in asked:
                _answer(rng, rows, answer_ids.take(), pk, question, spec, own)
            if len(rows["responses"]) >= CHUNK:
                rows.flush()
    rows.flush()


def _answer(
    rng: random.Random,
    rows: Batch,
    pk: int,
    response: int,
    question: int,
    spec: dict[str, Any],
    options: list[int],
) -> None:
    kind, text, number = spec["kind"], "", None
    chosen: list[int] = []
    if not spec["required"] and rng.random() < 0.3:
        return
    if kind == "single":
        chosen = [rng.choices(options, [3, 5, 2] if len(options) == 3 else None)[0]]
    elif kind == "multiple":
        chosen = rng.sample(options, rng.randint(1, min(3, len(options))))
        if spec["has_other"] and options[-1] in chosen:
            text = rng.choice(OTHER_TEXTS)
    elif kind == "number":
        number = Decimal(int(rng.lognormvariate(3, 0.8)) + 1)
    elif kind == "scale":
        number = Decimal(pick(rng, [(1, 5), (2, 10), (3, 35), (4, 35), (5, 15)]))
    else:
        text = rng.choice(COMMENTS)
    rows["answers"].append(
        {"id": pk, "response_id": response, "question_id": question, "text": text, "number": number}
    )
    rows["choices"].extend([{"answer_id": pk, "option_id": option} for option in chosen])
