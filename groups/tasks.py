"""Celery entry points of the registry: they take ids and call services."""

from __future__ import annotations

from typing import Any

from celery import shared_task
from django.urls import reverse

from kamakura_portal.mail import send_templated_mail

from . import services
from .models import CitizenGroup, ManagerInvitation


@shared_task(name="groups.mail_group_managers")
def mail_group_managers(group_id: int, template: str, extra: dict[str, Any]) -> int:
    """Mail every manager of the group (status changes, renewal reminders)."""
    group = CitizenGroup.objects.filter(pk=group_id).first()
    if group is None:
        return 0
    recipients = list(group.managers.filter(is_active=True).values_list("email", flat=True))
    context = {
        "group": group,
        "group_url": reverse("groups:manage", args=[group.pk]),
        **extra,
    }
    return send_templated_mail(template, context, recipients)


@shared_task(name="groups.mail_invitation")
def mail_invitation(invitation_id: int, token: str) -> int:
    invitation = (
        ManagerInvitation.objects.select_related("group", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or not invitation.is_open():
        return 0
    context = {
        "invitation": invitation,
        "group": invitation.group,
        "accept_url": reverse("groups:accept_invitation", args=[token]),
    }
    return send_templated_mail("groups/email/invitation", context, [invitation.email])


@shared_task(name="groups.run_renewal_cycle")
def run_renewal_cycle() -> dict[str, int]:
    """Daily: mark groups past the renewal deadline, then send the due reminders."""
    lapsed = services.mark_unrenewed_groups()
    reminded = services.send_renewal_reminders()
    return {"lapsed": lapsed, "reminded": reminded}
