"""The registration's status machine: 下書き → 申請中 → 登録 / 差戻し → 更新待ち → 休止 / 抹消.

Run by :func:`kamakura_portal.workflow.transition`: each move names the permission of
:mod:`groups.rules` that allows it. After a move into a status the managers must know about,
they are told in the inbox and by mail.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kamakura_portal.dates import fiscal_year, fiscal_year_end
from kamakura_portal.errors import Problem
from kamakura_portal.models import StatusChange
from kamakura_portal.workflow import Messages, Move, MoveRequest, Workflow

from .models import CitizenGroup
from .notices import tell_managers, tell_reviewers
from .services import RegistryError, missing_for_renewal, missing_for_submission

Status = CitizenGroup.Status

SUBMIT = "groups.submit_registration"
RENEW = "groups.confirm_renewal"
REVIEW = "groups.review_registrations"
STAFF = "groups.change_status"


def complete(group: CitizenGroup, request: MoveRequest) -> Iterable[Problem]:
    return missing_for_submission(group)


def complete_for_renewal(group: CitizenGroup, request: MoveRequest) -> Iterable[Problem]:
    return missing_for_renewal(group)


def renewal_due(group: CitizenGroup, request: MoveRequest) -> Iterable[Problem]:
    if group.renewal_is_due(request.today):
        return []
    return [
        Problem(
            _("This registration is valid until %(date)s; nothing to renew yet.")
            % {"date": group.valid_until}
        )
    ]


MOVES: tuple[Move[CitizenGroup], ...] = (
    Move(Status.DRAFT, Status.SUBMITTED, SUBMIT, guards=(complete,)),
    Move(Status.RETURNED, Status.SUBMITTED, SUBMIT, guards=(complete,)),
    Move(Status.SUBMITTED, Status.REGISTERED, REVIEW),
    Move(Status.SUBMITTED, Status.RETURNED, REVIEW, reason_required=True),
    # Renewal of a registration: the managers confirm the profile for the new fiscal year.
    Move(Status.REGISTERED, Status.REGISTERED, RENEW, guards=(renewal_due, complete_for_renewal)),
    Move(Status.RENEWAL_DUE, Status.REGISTERED, RENEW, guards=(renewal_due, complete_for_renewal)),
    Move(Status.REGISTERED, Status.RENEWAL_DUE, None, by_system=True),
    Move(Status.REGISTERED, Status.SUSPENDED, STAFF, reason_required=True),
    Move(Status.RENEWAL_DUE, Status.SUSPENDED, STAFF, reason_required=True),
    Move(Status.REGISTERED, Status.ARCHIVED, STAFF, reason_required=True),
    Move(Status.RENEWAL_DUE, Status.ARCHIVED, STAFF, reason_required=True),
    Move(Status.SUSPENDED, Status.ARCHIVED, STAFF, reason_required=True),
    Move(Status.RETURNED, Status.ARCHIVED, STAFF, reason_required=True),
    Move(Status.SUSPENDED, Status.REGISTERED, STAFF),
    Move(Status.ARCHIVED, Status.REGISTERED, STAFF),
)
# Statuses whose reason is kept on the group and shown to its managers.
REASON_SHOWN = frozenset({Status.RETURNED, Status.SUSPENDED, Status.ARCHIVED})
# Mail to the managers after a move into these statuses.
MAIL_ON: Mapping[str, str] = {
    Status.SUBMITTED: "groups/email/submitted",
    Status.REGISTERED: "groups/email/registered",
    Status.RETURNED: "groups/email/returned",
    Status.RENEWAL_DUE: "groups/email/renewal_lapsed",
    Status.SUSPENDED: "groups/email/suspended",
    Status.ARCHIVED: "groups/email/archived",
}


def apply(group: CitizenGroup, request: MoveRequest) -> None:
    today = request.today
    group.status_reason = request.reason if request.target in REASON_SHOWN else ""
    if request.target == Status.SUBMITTED:
        group.submitted_at = timezone.now()
    if request.target == Status.REGISTERED:
        if group.registered_on is None:
            group.registered_on = today
        if request.source in (Status.REGISTERED, Status.RENEWAL_DUE):
            group.renewed_on = today
            group.renewal_reminded_on = None
        # Approval, renewal and restoring all make the registration valid to 31 March.
        group.valid_until = fiscal_year_end(fiscal_year(today))


def announce(group: CitizenGroup, change: StatusChange) -> None:
    template = MAIL_ON.get(change.to_status)
    if template is None or change.from_status == change.to_status:
        return
    with translation.override(settings.LANGUAGE_CODE):
        if change.to_status == Status.SUBMITTED:
            message = _("The centre has received the registration of “%(name)s”.") % {
                "name": group.name
            }
        else:
            message = _("“%(name)s” is now “%(status)s”.") % {
                "name": group.name,
                "status": group.get_status_display(),
            }
    tell_managers(
        group, message, template, {"reason": change.reason}, key=f"status_change:{change.pk}"
    )
    if change.to_status == Status.SUBMITTED:
        tell_reviewers(group, key=f"status_change:{change.pk}:review")


WORKFLOW = Workflow(
    model=CitizenGroup,
    moves=MOVES,
    messages=Messages(
        illegal=gettext_lazy("A group that is “%(from)s” cannot become “%(to)s”."),
        reason_required=gettext_lazy("Write the reason; the group's managers will read it."),
    ),
    error=RegistryError,
    apply=apply,
    announce=announce,
)
