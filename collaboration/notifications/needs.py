"""Telling the people working on a department need about its moves: the department's staff
and the centre's coordinators, in the inbox (a need's moves are not worth a mail)."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.models import Role, User
from kamakura_portal.inbox import notify
from kamakura_portal.models import StatusChange

from ..models import DepartmentNeed


def people_working_on(need: DepartmentNeed) -> QuerySet[User]:
    """The department's staff and the centre's coordinators (active)."""
    return User.objects.filter(
        Q(roles__role=Role.CITY_STAFF, roles__department_id=need.department_id)
        | Q(roles__role=Role.CENTRE_STAFF),
        is_active=True,
    ).distinct()


def announce_move(need: DepartmentNeed, change: StatusChange) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        message = _("The need “%(title)s” is now “%(status)s”.") % {
            "title": need.title,
            "status": need.get_status_display(),
        }
    notify(
        people_working_on(need).exclude(pk=change.actor_id or 0),
        need,
        message,
        url=reverse("collaboration:need", args=[need.pk]),
        key=f"status_change:{change.pk}",
    )
