"""The portal's allauth adapter: what allauth's own forms may not accept."""

from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kamakura_portal.forms import EMAIL_MAX_LENGTH


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
