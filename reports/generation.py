"""From a kind and its parameters to a PDF: the one code path of the worker and of the
``generate_report`` command.

The HTML is rendered in the portal's language (a printed report is the city's document,
whoever asked for it) with the print stylesheet inlined, so WeasyPrint fetches nothing. The
PDF is WeasyPrint's tagged PDF/UA variant: the title and the language are set, the fonts
embedded and subset.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import IO, Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from kamakura_portal.dates import wareki_date

from .kinds import Kind, Params

PDF_VARIANT = "pdf/ua-1"
# WeasyPrint logs every step of every page at INFO: the worker's log keeps its warnings only.
logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)

Progress = Callable[[int], None]


def render_html(kind: Kind, params: Params, progress: Progress | None = None) -> str:
    """The report as HTML: the kind's context (the queries) then its template."""
    with translation.override(settings.LANGUAGE_CODE):
        context: dict[str, Any] = kind.build(params)
        if progress is not None:
            progress(40)
        context.update(
            document_title=kind.title(params),
            kind=kind,
            issuer=settings.PORTAL_MUNICIPALITY,
            issued_on=wareki_date(timezone.localdate()),
        )
        return render_to_string(kind.template, context)


def write_pdf(html: str, target: IO[bytes]) -> None:
    """Lay the HTML out and write the PDF into ``target``."""
    # Imported here: WeasyPrint is large and only the reports worker and command need it.
    from weasyprint import HTML

    HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(target, pdf_variant=PDF_VARIANT)


def generate(kind: Kind, params: Params, target: IO[bytes], progress: Progress) -> None:
    """Write the report's PDF into ``target``, telling ``progress`` how far it is (percent)."""
    html = render_html(kind, params, progress)
    progress(60)
    write_pdf(html, target)
    progress(95)
