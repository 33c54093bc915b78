from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeasuresConfig(AppConfig):
    name = "measures"
    verbose_name = _("Measures")

    def ready(self) -> None:
        from kamakura_portal.audit import audit

        from . import workflow  # noqa: F401  (declares the progress report's status machine)
        from .models import (
            Category,
            EvidenceLink,
            IndicatorValue,
            Measure,
            Plan,
            PlannedStep,
            PlanSection,
            ProgressReport,
            ReportingRound,
            Tier,
        )

        for model in (Plan, PlanSection, Tier, Category):
            audit(model)
        audit(Measure, m2m_fields=("lead_departments", "related"))
        audit(ProgressReport, exclude_fields=("status_changes",), read="measures.view_report")
        audit(ReportingRound)
        audit(IndicatorValue, read="measures.view_report", via="report")
        audit(EvidenceLink, read="measures.view_report", via="report")
        audit(PlannedStep)
