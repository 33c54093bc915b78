"""The sections of a group's profile and what the manager's pages share about a group."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django import forms
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.datastructures import MultiValueDict
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from accounts.mixins import PortalPermissionRequiredMixin, acting_user
from pages import queries as page_queries
from pages.models import SitePage

from .. import services
from ..forms.contacts import ContactForm
from ..forms.profile import ActivitiesForm, BasicForm, ConsentForm, LinksForm
from ..models import CitizenGroup, Contact

CONFIRM = "confirm"
REGISTERING = (CitizenGroup.Status.DRAFT, CitizenGroup.Status.RETURNED)


@dataclass(frozen=True)
class Section:
    slug: str
    title: str | Promise
    form_class: type[forms.ModelForm] | None = None


SECTIONS = (
    Section("basic", _("Basic information"), BasicForm),
    Section("activities", _("Activities"), ActivitiesForm),
    Section("contacts", _("Representative and contact person"), ContactForm),
    Section("links", _("Website and logo"), LinksForm),
    Section(CONFIRM, _("Check and send")),
)


def sections_for(group: CitizenGroup) -> tuple[Section, ...]:
    """A registration ends with the confirmation step; a registered group has no such step."""
    return SECTIONS if group.status in REGISTERING else SECTIONS[:-1]


def section_forms(
    section: Section,
    group: CitizenGroup,
    data: QueryDict | None = None,
    files: MultiValueDict[str, Any] | None = None,
) -> list[Any]:
    """The section's forms, bound to ``data`` if given; each validates a copy of the data."""
    if section.form_class is ContactForm:
        contacts = services.contacts_of(group)
        return [
            ContactForm(data, prefix=kind, contact=contacts[kind]) for kind in Contact.Kind.values
        ]
    assert section.form_class is not None
    return [section.form_class(data, files, instance=copy.copy(group))]


def contact_list(group: CitizenGroup) -> list[Contact]:
    """The representative, then the contact person."""
    contacts = services.contacts_of(group)
    return [contacts[kind] for kind in Contact.Kind.values]


class GroupPageMixin(PortalPermissionRequiredMixin):
    """A page about one group (``pk`` in the URL), checked against the group itself."""

    kwargs: dict[str, Any]

    @cached_property
    def group(self) -> CitizenGroup:
        return get_object_or_404(CitizenGroup, pk=self.kwargs["pk"])

    def get_permission_object(self) -> CitizenGroup:
        return self.group

    @property
    def registering(self) -> bool:
        return self.group.status in REGISTERING

    def parent_crumb(self) -> tuple[str | Promise, str]:
        """Managers come from "My groups"; staff from the registry."""
        if self.group.pk in acting_user(self.request).managed_group_ids:
            return _("My groups"), reverse("groups:mine")
        return _("Group registry"), reverse("groups:staff_detail", args=[self.group.pk])

    def group_context(self, **extra: Any) -> dict[str, Any]:
        parent_label, parent_url = self.parent_crumb()
        return {
            "group": self.group,
            "registering": self.registering,
            "parent_label": parent_label,
            "parent_url": parent_url,
            "manage_url": reverse("groups:manage", args=[self.group.pk]),
            "can_edit": self.request.user.has_perm("groups.edit_group", self.group),
            **extra,
        }

    def section_context(self, section_forms: list[Any], **extra: Any) -> dict[str, Any]:
        section = next(s for s in SECTIONS if s.slug == self.kwargs.get("section", CONFIRM))
        steps = sections_for(self.group)
        return self.group_context(
            section=section,
            steps=steps,
            step_number=steps.index(section) + 1,
            forms=section_forms,
            has_errors=any(form.is_bound and form.errors for form in section_forms),
            is_last=section == steps[-1],
            **extra,
        )

    def confirm_context(self, **extra: Any) -> dict[str, Any]:
        group = self.group
        agreed = group.agreed_to_rules_at is not None
        extra.setdefault("consent", ConsentForm(already_agreed=agreed))
        extra.setdefault("problems", services.missing_for_submission(group))
        return self.section_context(
            [],
            summary_sections=SECTIONS[:-1],
            contacts=contact_list(group),
            can_submit=self.request.user.has_perm("groups.submit_registration", group),
            group_rules=page_queries.page(SitePage.Key.GROUP_RULES),
            **extra,
        )
