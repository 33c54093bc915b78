"""Invitations and reminders: every manager of a registered group (one answer per group) or
every city employee (one answer per department) is told in the inbox and by mail, each on
their own, with the link to answer.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import Role
from kamakura_portal.claims import claim_once
from kamakura_portal.inbox import notify

from .answering import ANSWERING_GROUP_STATUSES
from .models import Response, Survey

if TYPE_CHECKING:
    from accounts.models import User


def audience(survey: Survey, *, skip_submitted: bool) -> QuerySet[User]:
    """The active people asked to answer (none for a public survey); with
    ``skip_submitted``, only those whose group or department has not submitted yet."""
    users = get_user_model().objects.filter(is_active=True)
    submitted = Response.objects.filter(survey=survey, status=Response.Status.SUBMITTED)
    if survey.audience == Survey.Audience.GROUPS:
        users = users.filter(group_memberships__group__status__in=ANSWERING_GROUP_STATUSES)
        if skip_submitted:
            users = users.exclude(
                group_memberships__group_id__in=submitted.filter(group__isnull=False).values(
                    "group_id"
                )
            )
    elif survey.audience == Survey.Audience.CITY_STAFF:
        users = users.filter(roles__role=Role.CITY_STAFF, roles__department__is_active=True)
        if skip_submitted:
            users = users.exclude(
                roles__department_id__in=submitted.filter(department__isnull=False).values(
                    "department_id"
                )
            )
    else:
        return users.none()
    return users.distinct().order_by("pk")


def _tell(survey: Survey, people: QuerySet[User], message: str, template: str) -> int:
    url = reverse("surveys:answer_start", args=[survey.pk])
    told = notify(
        people,
        survey,
        message,
        url=url,
        mail=template,
        context={"survey": survey, "answer_url": url},
    )
    return len(told)


def invite(survey: Survey) -> int:
    """Invite the survey's audience (when it opens); returns how many people were told."""
    with translation.override(settings.LANGUAGE_CODE):
        message = _("Please answer the survey “%(title)s”.") % {"title": survey.title}
    return _tell(
        survey, audience(survey, skip_submitted=False), message, "surveys/email/invitation"
    )


def send_reminders(today: datetime.date | None = None) -> int:
    """Remind, once per survey, those who have not submitted as the closing date nears.

    Returns how many people were reminded.
    """
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
        with transaction.atomic():
            if not claim_once(
                Survey.objects.filter(pk=survey.pk, reminded_on__isnull=True), reminded_on=today
            ):
                continue
            with translation.override(settings.LANGUAGE_CODE):
                message = _("The survey “%(title)s” closes soon: please answer it.") % {
                    "title": survey.title
                }
            count += _tell(
                survey,
                audience(survey, skip_submitted=True),
                message,
                "surveys/email/reminder",
            )
    return count
