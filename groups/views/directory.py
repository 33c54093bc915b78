"""Placeholder: being written in this session."""

from django.views import View


class DirectoryView(View):
    pass


class ProfileView(View):
    pass
