"""The history import forms: the file to check, and the confirmation that imports it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from kamakura_portal import import_forms
from kamakura_portal.import_forms import ImportConfirmForm

__all__ = ["ImportConfirmForm", "ImportUploadForm"]


class ImportUploadForm(import_forms.ImportUploadForm):
    file_label = _("History file")
