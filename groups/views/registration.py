"""Placeholder: being written in this session."""

from django.views import View


class StartRegistrationView(View):
    pass


class EditSectionView(View):
    pass


class SubmitRegistrationView(View):
    pass


class SuggestKanaView(View):
    pass


class SuggestAddressView(View):
    pass
