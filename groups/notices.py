"""Telling a group's managers: in the inbox and by mail, each of them on their own."""

from __future__ import annotations

from collections.abc import Mapping

from django.urls import reverse

from kamakura_portal.inbox import notify

from .models import CitizenGroup


def tell_managers(
    group: CitizenGroup,
    message: str,
    template: str,
    extra: Mapping[str, object],
    *,
    key: str = "",
) -> None:
    """Every active manager of ``group`` gets ``message`` in the inbox and the mail
    ``template`` (with ``group``, the link to the group's page and ``extra``)."""
    url = reverse("groups:manage", args=[group.pk])
    notify(
        group.managers.filter(is_active=True),
        group,
        message,
        url=url,
        mail=template,
        context={"group": group, "group_url": url, **extra},
        key=key,
    )
