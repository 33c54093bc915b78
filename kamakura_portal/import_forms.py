"""The forms of an import page: the file to check, and the confirmation that imports it."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .import_files import ImportFileError, Table, read_rows

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
EXTENSIONS = (".csv", ".xlsx")


class ImportUploadForm(forms.Form):
    """The file to check; a valid form holds its bytes and its :class:`Table`."""

    file_label: Any  # what the page calls the file, set by each import

    file = forms.FileField(
        help_text=_(
            "A CSV file (UTF-8, or Shift_JIS as Excel saves it) or an Excel file (.xlsx) of "
            "up to 5 MB. The first row holds the column names listed below."
        ),
        widget=forms.FileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["file"].label = self.file_label

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith(EXTENSIONS):
            raise forms.ValidationError(
                _("Choose a CSV file (.csv) or an Excel file (.xlsx)."), code="file_type"
            )
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 5 MB. Split it into smaller files."), code="too_big"
            )
        self.data_bytes = upload.read()
        try:
            self.table: Table = read_rows(self.data_bytes, upload.name)
        except ImportFileError as error:
            raise forms.ValidationError(str(error), code="unreadable") from error
        return upload


class ImportConfirmForm(forms.Form):
    """Names the checked file kept for the session; the view re-checks it before importing."""

    token = forms.CharField(widget=forms.HiddenInput, max_length=64)
