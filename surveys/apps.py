from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "surveys"
    verbose_name = _("Surveys")

    def ready(self) -> None:
        from kamakura_portal.audit import audit

        from . import workflow  # noqa: F401  (declares the survey's status machine)
        from .models import Option, Question, Survey, WordingFix

        audit(
            Survey,
            exclude_fields=("invited_at", "reminded_on", "status_changes"),
            read="surveys.manage_surveys",
        )
        audit(Question, read="surveys.manage_surveys", via="survey")
        audit(Option, read="surveys.manage_surveys", via="question__survey")
        audit(WordingFix, read="surveys.manage_surveys", via="question__survey")
        # Responses and answers are deliberately not in the audit trail: staff read it, and
        # an anonymous survey must not reveal there which group or person gave which answer.
        # A response records its own version, last saver (shown only to its co-respondents)
        # and submission time.
