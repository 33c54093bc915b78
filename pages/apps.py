from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    """The portal's own pages that staff keep up to date: the terms of use, the privacy
    policy, the rules for registered groups and the centre's address and contacts."""

    name = "pages"
    verbose_name = _("Site pages")

    def ready(self) -> None:
        from kamakura_portal.audit import audit

        from .models import SitePage

        audit(SitePage)
