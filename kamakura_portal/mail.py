"""The one way the portal sends mail: a subject and a body template, in Japanese."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import translation


def send_templated_mail(
    template_prefix: str, context: Mapping[str, Any], recipients: Sequence[str]
) -> int:
    """Render ``<prefix>_subject.txt`` and ``<prefix>_body.txt`` and send them.

    Mail is written in the portal's language whatever the language of the request that
    caused it: recipients are the centre's users, not the person clicking. Each recipient
    gets a message of their own over one connection, so no one sees the others' addresses
    (a group's managers and the city's staff are often on the same mail). Returns how many
    messages were sent.
    """
    if not recipients:
        return 0
    full_context = {"site_url": settings.SITE_URL.rstrip("/"), **context}
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template_prefix}_subject.txt", full_context)
        body = render_to_string(f"{template_prefix}_body.txt", full_context)
    one_line = settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split())
    addresses = list(dict.fromkeys(recipients))
    messages = [EmailMessage(one_line, body, None, [address]) for address in addresses]
    return get_connection().send_messages(messages) or 0
