from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    name = "collaboration"
    verbose_name = _("Collaboration")

    def ready(self) -> None:
        from kamakura_portal.audit import audit

        from .models import (
            Confirmation,
            CostLine,
            DepartmentNeed,
            Goal,
            Milestone,
            Program,
            Proposal,
            RoleItem,
        )
        from .workflow import needs, proposals  # noqa: F401  (declare the status machines)

        audit(Program)
        audit(
            DepartmentNeed,
            exclude_fields=(
                "search_name",
                "search_body",
                "search_vector",
                "updated_at",
                "proposals",
                "status_changes",
            ),
            m2m_fields=("activity_fields", "districts"),
            read="collaboration.view_need",
        )
        audit(
            Proposal,
            exclude_fields=(
                "updated_at",
                # Reverse relations: their own rows are audited or are the history itself.
                "cost_lines",
                "roles",
                "goals",
                "milestones",
                "confirmations",
                "status_changes",
            ),
            m2m_fields=("counterpart_groups", "counterpart_departments"),
            read="collaboration.view_proposal",
        )
        for model in (CostLine, RoleItem, Goal, Milestone, Confirmation):
            audit(model, read="collaboration.view_proposal", via="proposal")
