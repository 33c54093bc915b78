from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        from kamakura_portal.audit import audit

        from .models import Department, RoleAssignment, User

        audit(User, exclude_fields=["password", "last_login"])
        audit(Department)
        audit(RoleAssignment)
