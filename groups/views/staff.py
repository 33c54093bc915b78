"""Placeholder: being written in this session."""

from django.views import View


class StaffRegistryView(View):
    pass


class QueueView(View):
    pass


class RecentChangesView(View):
    pass


class StaffGroupView(View):
    pass


class ReviewView(View):
    pass


class ChangeStatusView(View):
    pass


class AddNoteView(View):
    pass
