"""Placeholder: being written in this session."""

from django.views import View


class PublicCsvExportView(View):
    pass


class ImportView(View):
    pass


class StaffXlsxExportView(View):
    pass
