"""The discussion (協議記録) of a proposal and its attachments."""

from __future__ import annotations

import mimetypes
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from accounts.mixins import acting_user

from ..errors import ProposalError
from ..forms.discussion import EntryForm
from ..models import DiscussionEntry
from ..services.discussion import add_entry, entries_for
from .base import ProposalPageMixin


class DiscussionView(ProposalPageMixin, TemplateView):
    permission_required = "collaboration.discuss_proposal"
    template_name = "collaboration/discussion.html"

    def form(self, data: Any = None, files: Any = None) -> EntryForm:
        staff = self.request.user.has_perm("collaboration.view_staff_notes", self.proposal)
        return EntryForm(data, files, can_write_staff_notes=staff)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        kwargs.setdefault("form", self.form())
        return super().get_context_data(
            proposal=self.proposal,
            entries=entries_for(self.proposal, self.request.user),
            **kwargs,
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.form(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            add_entry(
                self.proposal,
                acting_user(request),
                form.cleaned_data["body"],
                staff_only=form.cleaned_data.get("staff_only", False),
                attachment=form.cleaned_data.get("attachment"),
            )
        except ProposalError as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The entry is saved."))
        return redirect("collaboration:discussion", self.proposal.pk)


class AttachmentView(ProposalPageMixin, View):
    """An attachment, downloaded, for those who may read its entry."""

    permission_required = "collaboration.discuss_proposal"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> FileResponse:
        entry = get_object_or_404(DiscussionEntry, pk=kwargs["entry_pk"], proposal=self.proposal)
        if not entry.attachment:
            raise Http404
        if entry.staff_only and not request.user.has_perm(
            "collaboration.view_staff_notes", self.proposal
        ):
            raise Http404
        content_type, _encoding = mimetypes.guess_type(
            entry.attachment_name or entry.attachment.name
        )
        response = FileResponse(
            entry.attachment.open("rb"),
            as_attachment=True,
            filename=entry.attachment_name or "attachment",
            content_type=content_type or "application/octet-stream",
        )
        response["X-Content-Type-Options"] = "nosniff"
        response["Cache-Control"] = "private"
        return response
