"""Telling a group's managers (in the inbox and by mail, each of them on their own) and the
centre's staff who review registrations (in the inbox)."""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import Role
from accounts.queries import people_with_role
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


def tell_reviewers(group: CitizenGroup, *, key: str) -> None:
    """The centre's staff learn in their inbox that ``group``'s registration waits for them
    (their dashboard counts what waits)."""
    with translation.override(settings.LANGUAGE_CODE):
        message = _("A registration waits for approval: “%(name)s”.") % {"name": group.name}
    notify(
        people_with_role(Role.CENTRE_STAFF),
        group,
        message,
        url=reverse("groups:review", args=[group.pk]),
        key=key,
    )
