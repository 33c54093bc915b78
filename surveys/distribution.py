"""Invitations and reminders by mail: one invitation per group (to its managers) or per
department (to its staff).

Addresses are never put together in one mail (:func:`kamakura_portal.mail.send_templated_mail`
sends each person a message of their own) with the link to answer.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role, RoleAssignment
from groups.models import GroupMembership
from kamakura_portal.mail import send_templated_mail

from .answering import ANSWERING_GROUP_STATUSES
from .models import Response, Survey


def recipients(survey: Survey, *, skip_submitted: bool) -> list[list[str]]:
    """Address lists, one per group or department ([] for a public survey)."""
    submitted = Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED)
    by_unit: dict[int, list[str]] = defaultdict(list)
    if survey.audience == Survey.Audience.GROUPS:
        memberships = GroupMembership.objects.filter(
            group__status__in=ANSWERING_GROUP_STATUSES, user__is_active=True
        )
        if skip_submitted:
            memberships = memberships.exclude(
                group_id__in=submitted.filter(group__isnull=False).values("group_id")
            )
        for group_id, email in memberships.values_list("group_id", "user__email"):
            by_unit[group_id].append(email)
    elif survey.audience == Survey.Audience.CITY_STAFF:
        assignments = RoleAssignment.objects.filter(
            role=Role.CITY_STAFF, user__is_active=True, department__is_active=True
        )
        if skip_submitted:
            assignments = assignments.exclude(
                department_id__in=submitted.filter(department__isnull=False).values("department_id")
            )
        for department_id, email in assignments.values_list("department_id", "user__email"):
            by_unit[department_id].append(email)
    return [sorted(set(emails)) for _unit, emails in sorted(by_unit.items())]


def _mail(survey: Survey, template: str) -> dict[str, Any]:
    return {
        "survey": survey,
        "answer_url": reverse("surveys:answer_start", args=[survey.pk]),
        "template": template,
    }


def send_invitations(survey_id: int) -> int:
    """Mail the invitation once: claimed with a conditional update, so never sent twice."""
    claimed = Survey.objects.filter(
        pk=survey_id, status=Survey.Status.OPEN, invited_at__isnull=True
    ).update(invited_at=timezone.now())
    if not claimed:
        return 0
    survey = Survey.objects.get(pk=survey_id)
    context = _mail(survey, "surveys/email/invitation")
    return sum(
        send_templated_mail("surveys/email/invitation", context, emails)
        for emails in recipients(survey, skip_submitted=False)
    )


def send_reminders(today: datetime.date | None = None) -> int:
    """Remind, once per survey, those who have not submitted as the closing date nears."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=settings.PORTAL_SURVEY_REMINDER_DAYS)
    count = 0
    due = Survey.objects.filter(
        status=Survey.Status.OPEN,
        reminded_on__isnull=True,
        closes_on__gte=today,
        closes_on__lte=soon,
    ).exclude(audience=Survey.Audience.PUBLIC)
    for survey in due:
        if not Survey.objects.filter(pk=survey.pk, reminded_on__isnull=True).update(
            reminded_on=today
        ):
            continue
        context = _mail(survey, "surveys/email/reminder")
        for emails in recipients(survey, skip_submitted=True):
            count += send_templated_mail("surveys/email/reminder", context, emails)
    return count
