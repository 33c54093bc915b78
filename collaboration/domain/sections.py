"""The sections of a proposal, in the order it is written, and what each must hold.

:func:`missing_for_submission` gives one Japanese message per gap, each naming the section
where it is put right, so pages link every message to its section.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kamakura_portal.errors import Problem

from ..models import Proposal, Side

BASIC = "basic"
BUDGET = "budget"
MUTUAL = "mutual"
ROLES = "roles"
PURPOSE = "purpose"
EVALUATION = "evaluation"


@dataclass(frozen=True)
class Section:
    slug: str
    title: str | Promise
    # Sections 1–3 of Article 9: both sides confirm them, and an edit withdraws that.
    confirmed_by_both: bool = False


SECTIONS = (
    Section(BASIC, gettext_lazy("Outline")),
    Section(BUDGET, gettext_lazy("Budget")),
    Section(MUTUAL, gettext_lazy("1. Equality and mutual understanding"), True),
    Section(ROLES, gettext_lazy("2. Autonomy and independence: the role table"), True),
    Section(PURPOSE, gettext_lazy("3. Shared purpose: goals and milestones"), True),
    Section(EVALUATION, gettext_lazy("4. Evaluation and review")),
)
SECTION_SLUGS = tuple(section.slug for section in SECTIONS)
CONFIRMED_SECTIONS = frozenset(section.slug for section in SECTIONS if section.confirmed_by_both)


def section(slug: str) -> Section:
    return next(s for s in SECTIONS if s.slug == slug)


def missing_for_submission(proposal: Proposal) -> list[Problem]:
    problems: list[Problem] = []
    problems += _basic(proposal)
    problems += _budget(proposal)
    blank = [
        (proposal.group_strengths, _("Write what the group brings to the project."), MUTUAL),
        (proposal.city_strengths, _("Write what the city brings to the project."), MUTUAL),
        (
            proposal.why_collaboration,
            _("Explain why collaboration, rather than outsourcing, fits this project."),
            MUTUAL,
        ),
        (proposal.shared_purpose, _("Write the purpose both sides share."), PURPOSE),
        (proposal.evaluation_what, _("Write what will be measured."), EVALUATION),
        (proposal.evaluation_when, _("Write when it will be measured."), EVALUATION),
        (proposal.evaluation_how, _("Write how it will be measured."), EVALUATION),
    ]
    problems += [Problem(message, where) for text, message, where in blank if not text.strip()]
    problems += _roles(proposal)
    if not proposal.goals.exists():
        problems.append(
            Problem(_("Add at least one goal with its indicator, baseline and target."), PURPOSE)
        )
    if not proposal.milestones.exists():
        problems.append(Problem(_("Add at least one milestone with its date."), PURPOSE))
    order = {slug: index for index, slug in enumerate(SECTION_SLUGS)}
    return sorted(problems, key=lambda problem: order[problem.section])


def _basic(proposal: Proposal) -> list[Problem]:
    problems = []
    if not proposal.title.strip():
        problems.append(Problem(_("Enter the project's title."), BASIC))
    if proposal.program_id is None:
        problems.append(Problem(_("Choose the programme."), BASIC))
    if proposal.first_fiscal_year is None:
        problems.append(Problem(_("Enter the first fiscal year of the project."), BASIC))
    if proposal.proposer_side == Proposal.ProposerSide.GROUP:
        if not proposal.counterpart_departments.exists():
            problems.append(Problem(_("Choose the city department you propose to."), BASIC))
    elif not proposal.counterpart_groups.exists():
        problems.append(Problem(_("Choose the group the city will work with."), BASIC))
    return problems


def _budget(proposal: Proposal) -> list[Problem]:
    problems = []
    if proposal.requested_amount is None:
        problems.append(Problem(_("Enter the amount requested per year (0 if none)."), BUDGET))
    lines = list(proposal.cost_lines.all())
    if not lines:
        problems.append(Problem(_("Add at least one cost line."), BUDGET))
    elif proposal.requested_amount is not None:
        total = sum(line.amount for line in lines)
        if proposal.requested_amount > total:
            problems.append(
                Problem(
                    _(
                        "The amount requested (%(requested)s yen) is more than the total of "
                        "the cost lines (%(total)s yen)."
                    )
                    % {"requested": f"{proposal.requested_amount:,}", "total": f"{total:,}"},
                    BUDGET,
                )
            )
    return problems


def _roles(proposal: Proposal) -> list[Problem]:
    responsible = set(proposal.roles.values_list("responsible", flat=True))
    if not responsible:
        return [
            Problem(
                _("Add the tasks of the project to the role table, with who is responsible."),
                ROLES,
            )
        ]
    problems = []
    if not responsible & {Side.GROUP, Side.BOTH}:
        problems.append(Problem(_("Give the group at least one task in the role table."), ROLES))
    if not responsible & {Side.CITY, Side.BOTH}:
        problems.append(Problem(_("Give the city at least one task in the role table."), ROLES))
    return problems
