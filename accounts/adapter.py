"""The portal's allauth adapter: what allauth's own forms may not accept, and allauth's mails
named after the portal with links to its public address (``SITE_URL``), not to the host the
request happened to come through."""

from __future__ import annotations

from typing import Any, NamedTuple

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kamakura_portal.forms import EMAIL_MAX_LENGTH
from kamakura_portal.mail import public_url


class PortalSite(NamedTuple):
    """What allauth's mail templates read of ``current_site``."""

    name: str
    domain: str


class PortalAccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email: str) -> str:
        """Every address allauth takes (sign-up, the account's addresses) fits the column."""
        email = super().clean_email(email)
        if len(email) > EMAIL_MAX_LENGTH:
            raise ValidationError(
                _("Enter an email address of at most %(count)d characters.")
                % {"count": EMAIL_MAX_LENGTH}
            )
        return email

    def send_mail(self, template_prefix: str, email: str, context: dict[str, Any]) -> None:
        site_url = public_url("/")
        links = {
            key: public_url(value)
            for key, value in context.items()
            if key.endswith("_url") and isinstance(value, str) and "://" in value
        }
        super().send_mail(
            template_prefix,
            email,
            {
                **context,
                **links,
                "current_site": PortalSite(str(settings.PORTAL_SITE_NAME), site_url),
                "site_url": site_url.rstrip("/"),
            },
        )
