from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "kamakura_portal"
    verbose_name = _("Portal")

    def ready(self) -> None:
        # The system checks register themselves; the tasks too, in every process (the web's
        # included), since services send them by name (celery.send_after_commit).
        from . import checks, tasks  # noqa: F401
        from .audit import audit
        from .models import CivicSynonym

        # Who changed the vocabulary the matching reads (issue 14).
        audit(CivicSynonym, exclude_fields=("updated_at",), read="coordination.view_synonyms")
