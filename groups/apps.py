from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupsConfig(AppConfig):
    name = "groups"
    verbose_name = _("Citizen groups")

    def ready(self) -> None:
        from kamakura_portal.audit import audit

        # The status machine declares itself; the tasks register themselves in every process,
        # since the import sends its task by name (celery.send_after_commit).
        from . import tasks, workflow  # noqa: F401
        from .models import CitizenGroup, Contact, GroupMembership, ManagerInvitation, StaffNote

        audit(
            CitizenGroup,
            exclude_fields=(
                "search_name",
                "search_body",
                "search_vector",
                "search_name_vector",
                "updated_at",
                # Reverse relations: their own rows are audited.
                "contacts",
                "memberships",
                "invitations",
                "status_changes",
                "staff_notes",
            ),
            m2m_fields=("activity_fields", "districts", "challenges"),
            read="groups.view_group",
        )
        audit(Contact, read="groups.view_private_contacts", via="group")
        audit(GroupMembership, read="groups.manage_managers", via="group")
        audit(
            ManagerInvitation,
            exclude_fields=("token_hash",),
            read="groups.manage_managers",
            via="group",
        )
        audit(StaffNote, read="groups.write_staff_notes", via="group")
