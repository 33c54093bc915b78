"""The discussion entry form, with the attachment's type and size checked.

The extension must be one the centre uses (PDF, Office, images, text), and the first bytes
must match it, so a renamed program is refused.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024
ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0"
# Extension → the signatures its first bytes may start with (None: text, checked apart).
SIGNATURES: dict[str, tuple[bytes, ...] | None] = {
    "pdf": (b"%PDF",),
    "png": (b"\x89PNG",),
    "jpg": (b"\xff\xd8\xff",),
    "jpeg": (b"\xff\xd8\xff",),
    "docx": (ZIP,),
    "xlsx": (ZIP,),
    "pptx": (ZIP,),
    "doc": (OLE,),
    "xls": (OLE,),
    "txt": None,
    "csv": None,
}


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    for encoding in ("utf-8", "cp932"):
        try:
            head.decode(encoding)
        except UnicodeDecodeError:
            # The sample may end inside a character: retry without its last bytes.
            try:
                head[:-3].decode(encoding)
            except UnicodeDecodeError:
                continue
        return True
    return False


def check_attachment(upload: UploadedFile) -> None:
    extension = PurePosixPath((upload.name or "").lower()).suffix.lstrip(".")
    if extension not in SIGNATURES:
        raise forms.ValidationError(
            _("Attach a PDF, Word, Excel, PowerPoint, image (PNG, JPEG), text or CSV file."),
            code="type",
        )
    if (upload.size or 0) > ATTACHMENT_MAX_BYTES:
        raise forms.ValidationError(
            _("The file is larger than %(max)d MB.")
            % {"max": ATTACHMENT_MAX_BYTES // 1024 // 1024},
            code="size",
        )
    upload.seek(0)
    head = upload.read(2048)
    upload.seek(0)
    signatures = SIGNATURES[extension]
    matches = _looks_like_text(head) if signatures is None else head.startswith(signatures)
    if not head or not matches:
        raise forms.ValidationError(
            _("The file's content does not match its type (.%(extension)s).")
            % {"extension": extension},
            code="content",
        )


class EntryForm(forms.Form):
    body = forms.CharField(label=_("Entry"), widget=forms.Textarea(attrs={"rows": 4}))
    staff_only = forms.BooleanField(
        label=_("Staff-only note (the group does not see it)"), required=False
    )
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_("PDF, Word, Excel, PowerPoint, PNG, JPEG, text or CSV; up to 10 MB."),
    )

    def __init__(self, *args: Any, can_write_staff_notes: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_write_staff_notes:
            del self.fields["staff_only"]

    def clean_attachment(self) -> UploadedFile | None:
        upload = self.cleaned_data.get("attachment")
        if upload:
            check_attachment(upload)
        return upload
