from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("Citizen groups")

    def ready(self) -> None:
        from kamakura_portal.audit import audit

        from .models import CitizenGroup, GroupMembership

        audit(CitizenGroup)
        audit(GroupMembership)
