"""The objects every POST form is tried on, and the pages each role works on (for
test_every_form)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress, EmailConfirmationHMAC
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.urls import reverse

from collaboration.models import PanelMember, Program, Proposal, ReviewPanel
from collaboration.reference import load_programs
from coordination.models import Invitation
from groups import comanagers
from groups import services as registry
from groups.models import CitizenGroup, GroupMembership
from groups.reference import load_taxonomies
from kamakura_portal.models import CivicSynonym
from measures.models import Category, Measure, ProgressReport, Tier
from surveys.models import Survey
from tests.collaboration.conftest import (
    concluded_agreement,
    fill_sections,
    make_need,
    put_in,
)
from tests.coordination.consultation_factories import make_consultation
from tests.factories import CitizenGroupFactory, UserFactory, make_notice
from tests.measures.conftest import guideline, make_report, reporting_round  # noqa: F401
from tests.reports.conftest import stored_report
from tests.surveys.conftest import make_survey

# Routes with POST that no role's pages offer here, and why.


@pytest.fixture
def world(
    group_a: CitizenGroup,
    group_manager: Any,
    citizen: Any,
    dept_own: Any,
    city_staff: Any,
    committee_member: Any,
    administrator: Any,
    centre_staff: Any,
    guideline: Any,  # noqa: F811
    reporting_round: Any,  # noqa: F811
) -> dict[str, Any]:
    """Objects in the states where each form is offered."""
    load_taxonomies()
    load_programs()
    program = Program.objects.get(code="agreement")
    draft = registry.start_registration(citizen, name="下書きの会", name_kana="シタガキノカイ")
    submitted = CitizenGroupFactory.create(status=CitizenGroup.Status.SUBMITTED)
    co = UserFactory.create(email="co@example.jp")
    membership = GroupMembership.objects.create(user=co, group=group_a, role="editor")
    invitation, token = comanagers.invite_manager(group_a, "new@example.jp", group_manager)

    def proposal(status: str, *, city: bool = False) -> Proposal:
        made = Proposal.objects.create(
            title=f"提案（{status}）",
            proposer_side=Proposal.ProposerSide.CITY if city else Proposal.ProposerSide.GROUP,
            proposing_group=None if city else group_a,
            proposing_department=dept_own if city else None,
        )
        made.counterpart_departments.add(dept_own)
        made.counterpart_groups.add(group_a)
        return put_in(fill_sections(made, program), status)

    Status = Proposal.Status
    proposals = {status: proposal(status) for status in Status.values}
    proposals["city_consultation"] = proposal(Status.CONSULTATION, city=True)
    concluded_agreement(proposals[Status.IN_PROGRESS])
    review = proposals[Status.REVIEW]
    PanelMember.objects.create(
        panel=ReviewPanel.objects.create(proposal=review), reviewer=committee_member
    )
    need = make_need(dept_own)
    # Invitations (打診) of group_a: one waiting for its answer, one interested pair.
    invitations = {
        status: Invitation.objects.create(
            need=make_need(dept_own, title=f"打診（{status}）"),
            group=group_a,
            status=status,
            message="ご協力いただけませんか。",
            answer_by=datetime.date(2099, 3, 31),
        )
        for status in (Invitation.Status.INVITED, Invitation.Status.INTERESTED)
    }
    group_a.valid_until = datetime.date(2020, 3, 31)  # its renewal is due
    group_a.save()
    for user in (group_manager, citizen, city_staff, committee_member):
        make_notice(user, group_a, "お知らせ")
        make_notice(user, proposals[Status.DRAFT], "提案のお知らせ")
    guideline.measures.get(code="1-i-1").lead_departments.add(dept_own)  # no report yet
    own_report = make_report(guideline, "1-a-1")
    make_report(guideline, "2-1", status=ProgressReport.Status.APPROVED)
    submitted_report = make_report(guideline, "1-a-2", status=ProgressReport.Status.SUBMITTED)
    drafts = make_survey(title="下書きの調査")
    open_groups = make_survey(status=Survey.Status.OPEN, title="団体の調査")
    closed = make_survey(status=Survey.Status.CLOSED, title="締め切った調査")
    unconfirmed = EmailAddress.objects.create(user=citizen, email="second@example.jp")
    confirm_key = EmailConfirmationHMAC(unconfirmed).key
    TOTP.activate(administrator, generate_totp_secret())
    # Rows nothing refers to, so their delete pages offer the form.
    Tier.objects.create(plan=guideline, code="X", label="X", sort_order=99)
    Category.objects.create(plan=guideline, code="9", label="(9)", title="空", sort_order=99)
    Measure.objects.create(plan=guideline, code="9-9", title="空の施策", sort_order=99)
    consultation = make_consultation(
        centre_staff, next_action_on=datetime.date(2026, 6, 1), follow_up="連絡する"
    )
    reset_key = f"{user_pk_to_url_str(citizen)}-{default_token_generator.make_token(citizen)}"
    # A flushed database has lost the migration's sets: two of the test's own.
    stored_report()  # finished: the staff list offers to publish it
    synonyms = [
        CivicSynonym.objects.create(words="空き家、空家"),
        CivicSynonym.objects.create(words="食品ロス、フードロス"),
    ]
    return {
        "confirm_key": confirm_key,
        "reset_key": reset_key,
        "draft": draft,
        "submitted": submitted,
        "membership": membership,
        "invitation": invitation,
        "token": token,
        "proposals": proposals,
        "program": program,
        "need": need,
        "invitations": invitations,
        "consultation": consultation,
        "synonyms": synonyms,
        "plan": guideline,
        "own_report": own_report,
        "submitted_report": submitted_report,
        "surveys": (drafts, open_groups, closed),
    }


def pages(role: str, world: dict[str, Any], group_a: CitizenGroup) -> list[str]:
    """The pages where ``role`` works (each offers some of the portal's POST forms)."""
    p = world["proposals"]
    Status = Proposal.Status
    plan = world["plan"]
    drafts, open_groups, closed = world["surveys"]
    question = drafts.questions.first()
    invitations = world["invitations"]
    account = [
        "/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/reauthenticate/",
        "/accounts/2fa/totp/activate/",
        "/inbox/",
    ]
    proposal_pages = [
        f"/collaboration/proposals/{p[status].pk}/{tail}"
        for status in Status.values
        for tail in ("", "discussion/", "agreement/", "implementation/", "evaluation/")
    ]
    by_role: dict[str, list[str]] = {
        "anonymous": [
            "/",
            "/accounts/login/",
            "/accounts/signup/",
            "/accounts/password/reset/",
            f"/accounts/confirm-email/{world['confirm_key']}/",
            f"/accounts/password/reset/key/{world['reset_key']}/",
        ],
        "citizen": [
            *account,
            reverse("groups:register"),
            reverse("groups:accept_invitation", args=[world["token"]]),
            "/collaboration/mine/",
            *[reverse("groups:edit", args=[world["draft"].pk, s]) for s in SECTIONS],
            f"/surveys/{open_groups.pk}/answer/",
        ],
        "group_manager": [
            *account,
            reverse("groups:manage", args=[group_a.pk]),
            reverse("groups:renew", args=[group_a.pk]),
            *[reverse("groups:edit", args=[group_a.pk, s]) for s in SECTIONS],
            reverse("collaboration:start"),
            *[reverse("collaboration:edit", args=[p[Status.DRAFT].pk, s]) for s in PROPOSAL],
            *proposal_pages,
            f"/collaboration/proposals/{p[Status.IN_PROGRESS].pk}/evaluation/mid/group/",
            f"/collaboration/proposals/{p[Status.IN_PROGRESS].pk}/evaluation/mid/",
            f"/collaboration/proposals/{p['city_consultation'].pk}/",
            "/collaboration/mine/",
            f"/surveys/{open_groups.pk}/answer/group-{group_a.pk}/",
            reverse("collaboration:need", args=[world["need"].pk]),
            *[reverse("coordination:invitation", args=[i.pk]) for i in invitations.values()],
        ],
        "city_staff": [
            *account,
            reverse("collaboration:new_need"),
            reverse("collaboration:edit_need", args=[world["need"].pk]),
            reverse("collaboration:need", args=[world["need"].pk]),
            *[reverse("collaboration:edit", args=[p["city_consultation"].pk, s]) for s in PROPOSAL],
            *proposal_pages,
            f"/collaboration/proposals/{p[Status.IN_PROGRESS].pk}/evaluation/final/city/",
            reverse("measures:my_progress_reports"),
            reverse("measures:progress_report_edit", args=[world["own_report"].pk]),
        ],
        "centre_staff": [
            *account,
            reverse("groups:staff_detail", args=[world["submitted"].pk]),
            reverse("groups:staff_detail", args=[group_a.pk]),
            reverse("groups:manage", args=[group_a.pk]),
            reverse("groups:import"),
            reverse("collaboration:need", args=[world["need"].pk]),
            reverse("surveys:create"),
            reverse("surveys:builder", args=[drafts.pk]),
            reverse("surveys:edit", args=[drafts.pk]),
            reverse("surveys:copy", args=[closed.pk]),
            reverse("surveys:add_question", args=[drafts.pk]),
            reverse("surveys:edit_question", args=[drafts.pk, question.pk]),
            reverse("surveys:fix_wording", args=[drafts.pk, question.pk]),
            reverse("surveys:builder", args=[open_groups.pk]),
            reverse("coordination:new_consultation"),
            reverse("coordination:consultation", args=[world["consultation"].pk]),
            reverse("coordination:edit_consultation", args=[world["consultation"].pk]),
            reverse("coordination:workbench", args=[world["need"].pk]),
            reverse("coordination:invitation", args=[invitations["interested"].pk]),
            # The civic synonyms: add, edit and delete.
            reverse("coordination:new_synonym"),
            reverse("coordination:edit_synonym", args=[world["synonyms"][0].pk]),
            reverse("coordination:delete_synonym", args=[world["synonyms"][1].pk]),
        ],
        "secretariat": [
            *account,
            *proposal_pages,
            f"/collaboration/proposals/{p[Status.REVIEW].pk}/panel/",
            f"/collaboration/proposals/{p[Status.CONSULTATION].pk}/panel/",
            reverse("collaboration:import"),
            reverse("collaboration:program_edit", args=[world["program"].pk]),
            reverse("pages:edit", args=["centre"]),
            reverse("reports:staff"),
            reverse("measures:review_progress_reports"),
            reverse("measures:review_progress_report", args=[world["submitted_report"].pk]),
            reverse("measures:manage_plan_create"),
            reverse("measures:manage_plan", args=[plan.code]),
            reverse("measures:manage_plan_edit", args=[plan.code]),
            reverse("measures:manage_copy_edition", args=[plan.code]),
            *[reverse(f"measures:manage_{kind}_create", args=[plan.code]) for kind in ROWS],
            reverse("measures:manage_section_edit", args=[plan.code, plan.sections.first().pk]),
            reverse("measures:manage_tier_edit", args=[plan.code, plan.tiers.first().pk]),
            reverse("measures:manage_category_edit", args=[plan.code, plan.categories.first().pk]),
            reverse("measures:manage_measure_edit", args=[plan.code, plan.measures.first().pk]),
            *[
                reverse(f"measures:manage_{kind}_delete", args=[plan.code, rows.last().pk])
                for kind, rows in (
                    ("section", plan.sections),
                    ("tier", plan.tiers),
                    ("category", plan.categories),
                    ("measure", plan.measures),
                )
            ],
            reverse("surveys:builder", args=[closed.pk]),
        ],
        "administrator": [
            *account,
            "/accounts/2fa/totp/deactivate/",
            "/accounts/2fa/recovery-codes/generate/",
        ],
        "committee_member": [
            *account,
            f"/collaboration/proposals/{p[Status.REVIEW].pk}/score/",
            f"/collaboration/proposals/{p[Status.REPORTED].pk}/committee-evaluation/",
        ],
    }
    return by_role.get(role, account)


SECTIONS = ("basic", "activities", "contacts", "links", "confirm")
PROPOSAL = ("basic", "budget", "mutual", "roles", "purpose", "evaluation")
ROWS = ("section", "tier", "category", "measure")
