from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoordinationConfig(AppConfig):
    """The coordinators' workbench: matching groups with department needs, invitations (打診),
    the consultation log (相談記録) and the coordinator's dashboard."""

    name = "coordination"
    verbose_name = _("Coordination")

    def ready(self) -> None:
        from kamakura_portal.audit import audit

        from . import workflow  # noqa: F401  (declare the invitations' status machine)
        from .models import Invitation

        audit(
            Invitation,
            exclude_fields=("updated_at", "status_changes"),
            read="coordination.view_invitation",
        )
        from .models import Consultation

        audit(
            Consultation,
            exclude_fields=(
                "search_name",
                "search_body",
                "search_vector",
                "updated_at",
                "reminded_for",
            ),
            m2m_fields=("topics",),
            read="coordination.view_consultations",
        )
