"""Whether a proposal may run under its programme: checked when it is submitted.

The rules are the programme's fields (window, amounts, the group's age, officers, members,
registration), so the secretariat changes them without a release. Every broken rule gives
its own Japanese message naming the programme and the figure that fails.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from groups.models import CitizenGroup
from kamakura_portal.dates import fiscal_year_label

from ..models import Program, Proposal
from .sections import BASIC, BUDGET, Problem


def eligibility_problems(proposal: Proposal) -> list[Problem]:
    program = proposal.program
    if program is None:
        return []
    if program.courses.exists():
        names = "、".join(course.name for course in program.courses.all())
        return [
            Problem(
                _("Choose one of the courses of %(programme)s: %(courses)s.")
                % {"programme": program.name, "courses": names},
                BASIC,
            )
        ]
    problems = _window_and_amounts(program, proposal)
    for group in _groups_judged(proposal):
        problems += _group_rules(program, proposal, group)
    # The programme and the group's figures are chosen in the outline; amounts in the budget.
    return [p if isinstance(p, Problem) else Problem(p, BASIC) for p in problems]


def _window_and_amounts(program: Program, proposal: Proposal) -> list[str]:
    problems: list[str] = []
    name = str(program)
    if proposal.proposer_side == Proposal.ProposerSide.GROUP and not program.allows_group_proposals:
        problems.append(
            _("%(programme)s does not take proposals from groups.") % {"programme": name}
        )
    if proposal.proposer_side == Proposal.ProposerSide.CITY and not program.allows_city_proposals:
        problems.append(
            _("%(programme)s does not take proposals from the city.") % {"programme": name}
        )
    first, last = (
        proposal.first_fiscal_year,
        proposal.last_fiscal_year or proposal.first_fiscal_year,
    )
    if first is not None and last is not None:
        if program.first_fiscal_year is not None and first < program.first_fiscal_year:
            problems.append(
                _("%(programme)s takes projects from %(year)s only.")
                % {"programme": name, "year": fiscal_year_label(program.first_fiscal_year)}
            )
        if program.last_fiscal_year is not None and last > program.last_fiscal_year:
            problems.append(
                _("%(programme)s ended in %(year)s; choose a current programme.")
                % {"programme": name, "year": fiscal_year_label(program.last_fiscal_year)}
            )
    if program.max_years is not None and proposal.year_count > program.max_years:
        problems.append(
            _(
                "%(programme)s supports a project for at most %(max)d fiscal years; "
                "this one runs for %(count)d."
            )
            % {"programme": name, "max": program.max_years, "count": proposal.year_count}
        )
    amount = proposal.requested_amount
    maximum = program.max_amount_per_year
    if maximum is not None and amount is not None and amount > maximum:
        problems.append(
            Problem(
                _("%(programme)s grants at most %(max)s yen a year; %(amount)s yen is requested.")
                % {"programme": name, "max": f"{maximum:,}", "amount": f"{amount:,}"},
                BUDGET,
            )
        )
    return problems


def _groups_judged(proposal: Proposal) -> list[CitizenGroup]:
    """The proposing group, or for a city proposal the partner groups."""
    if proposal.proposing_group is not None:
        return [proposal.proposing_group]
    return list(proposal.counterpart_groups.all())


def _group_rules(program: Program, proposal: Proposal, group: CitizenGroup) -> list[str]:
    problems: list[str] = []
    values = {"programme": str(program), "group": group.name}
    if program.requires_registered_group and group.status != CitizenGroup.Status.REGISTERED:
        problems.append(
            _(
                "%(programme)s is for groups registered with the civic activity centre; "
                "%(group)s is not registered at present."
            )
            % values
        )
    first = proposal.first_fiscal_year
    needs_founding = program.max_years_since_founding is not None or program.min_years_active
    if needs_founding and first is not None:
        if group.founded_year is None:
            problems.append(
                _(
                    "%(programme)s depends on when the group was founded; enter the year "
                    "%(group)s was founded in its registration."
                )
                % values
            )
        else:
            age = first - group.founded_year
            if (
                program.max_years_since_founding is not None
                and age > program.max_years_since_founding
            ):
                problems.append(
                    _(
                        "%(programme)s is for groups founded within %(years)d years; "
                        "%(group)s was founded in %(founded)d."
                    )
                    % {
                        **values,
                        "years": program.max_years_since_founding,
                        "founded": group.founded_year,
                    }
                )
            if program.min_years_active and age < program.min_years_active:
                problems.append(
                    _(
                        "%(programme)s needs at least %(years)d years of activity; "
                        "%(group)s was founded in %(founded)d."
                    )
                    % {**values, "years": program.min_years_active, "founded": group.founded_year}
                )
    if program.min_citizen_members is not None:
        members = group.citizen_member_count
        if members is None or members < program.min_citizen_members:
            problems.append(
                _(
                    "%(programme)s needs at least %(min)d members living in the city; "
                    "the registration of %(group)s gives %(count)s."
                )
                % {
                    **values,
                    "min": program.min_citizen_members,
                    "count": members if members is not None else "—",
                }
            )
    if program.min_officers is not None:
        officers = proposal.officer_count
        if officers is None or officers < program.min_officers:
            problems.append(
                _(
                    "%(programme)s needs at least %(min)d officers; enter the number of "
                    "officers in the outline (now %(count)s)."
                )
                % {
                    **values,
                    "min": program.min_officers,
                    "count": officers if officers is not None else "—",
                }
            )
    return problems
