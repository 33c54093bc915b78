"""The citizen-group registry (団体登録).

A group's profile, its contacts (each item public or private, private by default), the
taxonomies it is filed under (tables, so another municipality can keep its own), its
managers and their invitations, and the staff's notes. Status moves only through
:mod:`groups.workflow`.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Collate
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kamakura_portal.cached import CachedManager, TrackedManager
from kamakura_portal.search import Searchable

if TYPE_CHECKING:
    from accounts.models import User


class TaxonomyTerm(models.Model):
    """A term of a staff-editable list: a code that never changes and a name that may."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    # Filter forms read the terms through the cache (.cached()): see kamakura_portal.cached.
    objects = CachedManager()

    class Meta:
        abstract = True
        ordering = ["sort_order", "pk"]

    def __str__(self) -> str:
        return self.name


class OrganizationType(TaxonomyTerm):
    """組織形態: 任意団体, NPO法人, 一般社団法人…"""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("organisation type")
        verbose_name_plural = _("organisation types")


class ActivityField(TaxonomyTerm):
    """活動分野: the centre's nine fields of 2025, or the NPO Act's 20 fields."""

    class Taxonomy(models.TextChoices):
        CENTRE = "centre", _("Civic Activity Centre fields (2025)")
        NPO_ACT = "npo_act", _("NPO Act fields")

    taxonomy = models.CharField(
        _("taxonomy"), max_length=20, choices=Taxonomy.choices, default=Taxonomy.CENTRE
    )

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("activity field")
        verbose_name_plural = _("activity fields")
        ordering = ["taxonomy", "sort_order", "pk"]


class District(TaxonomyTerm):
    """活動地域: the five districts, 市内全域 and 市外."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("district")
        verbose_name_plural = _("districts")


class Challenge(TaxonomyTerm):
    """困りごと, worded as in the surveys' list of challenges."""

    class Meta(TaxonomyTerm.Meta):
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")


class CitizenGroup(Searchable):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Awaiting approval")
        RETURNED = "returned", _("Returned")
        REGISTERED = "registered", _("Registered")
        RENEWAL_DUE = "renewal_due", _("Renewal due")
        SUSPENDED = "suspended", _("Suspended")
        ARCHIVED = "archived", _("Archived")

    class Interest(models.TextChoices):
        ACTIVE = "active", _("Keen to collaborate")
        DEPENDS = "depends", _("Depending on the content")
        NOT_NOW = "not_now", _("Not at the moment")

    class AgeGroup(models.TextChoices):
        UNDER_20 = "under_20", _("Teens and younger")
        TWENTIES_THIRTIES = "20_39", _("20s–30s")
        FORTIES_FIFTIES = "40_59", _("40s–50s")
        SIXTIES = "60_69", _("60s")
        SEVENTIES_PLUS = "70_plus", _("70s and older")
        MIXED = "mixed", _("All ages")

    # Profile
    name = models.CharField(_("group name"), max_length=200)
    name_kana = models.CharField(_("furigana"), max_length=200, blank=True)
    organization_type = models.ForeignKey(
        OrganizationType,
        verbose_name=_("organisation type"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="groups",
    )
    activity_fields = models.ManyToManyField(
        ActivityField, verbose_name=_("activity fields"), blank=True, related_name="groups"
    )
    districts = models.ManyToManyField(
        District, verbose_name=_("areas of activity"), blank=True, related_name="groups"
    )
    founded_year = models.PositiveSmallIntegerField(_("year founded"), null=True, blank=True)
    member_count = models.PositiveIntegerField(_("members"), null=True, blank=True)
    citizen_member_count = models.PositiveIntegerField(
        _("members living in the city"), null=True, blank=True
    )
    main_age_group = models.CharField(
        _("main age group"), max_length=20, choices=AgeGroup.choices, blank=True
    )
    purpose = models.TextField(_("purpose"), blank=True)
    activities = models.TextField(_("main activities"), blank=True)
    schedule = models.CharField(_("activity days and frequency"), max_length=200, blank=True)
    membership_fee = models.CharField(_("membership fee"), max_length=200, blank=True)
    offers = models.TextField(_("what the group can offer"), blank=True)
    challenges = models.ManyToManyField(
        Challenge, verbose_name=_("challenges"), blank=True, related_name="groups"
    )
    collaboration_interest = models.CharField(
        _("interest in collaboration"), max_length=20, choices=Interest.choices, blank=True
    )
    website = models.URLField(_("website"), blank=True)
    social_links = models.TextField(
        _("social media"), blank=True, help_text=_("One address per line.")
    )
    logo = models.ImageField(_("logo"), upload_to="groups/logos/", blank=True)

    # Lifecycle
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    status_reason = models.TextField(_("reason for the status"), blank=True)
    agreed_to_rules_at = models.DateTimeField(
        _("agreed to the centre's rules"), null=True, blank=True
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    registered_on = models.DateField(_("registration date"), null=True, blank=True)
    valid_until = models.DateField(_("registration valid until"), null=True, blank=True)
    renewed_on = models.DateField(_("last renewed on"), null=True, blank=True)
    renewal_reminded_on = models.DateField(_("renewal reminder sent on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    # The name's tokens alone (search_name as a tsvector), kept by a database trigger on
    # PostgreSQL (migration 0006): the directory finds and ranks name matches from this narrow
    # column instead of reading every match's whole, TOASTed search_vector.
    search_name_vector = SearchVectorField(null=True, editable=False)

    status_changes = GenericRelation("kamakura_portal.StatusChange")

    objects = TrackedManager()  # the directory is kept rendered till the registry changes

    managers: models.ManyToManyField[User, GroupMembership] = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="GroupMembership",
        related_name="managed_groups",
        verbose_name=_("managers"),
    )

    class Meta:
        verbose_name = _("citizen group")
        verbose_name_plural = _("citizen groups")
        ordering = ["name_kana", "name"]
        indexes = [
            models.Index(fields=["status", "name_kana"], name="group_status_kana"),
            models.Index(fields=["status", "-registered_on"], name="group_status_registered"),
            models.Index(fields=["status", "-updated_at"], name="group_status_updated"),
            GinIndex(fields=["search_vector"], name="group_search_vector"),
            GinIndex(fields=["search_name_vector"], name="group_search_name_vector"),
            # The directory's 五十音順 (groups.queries.kana_order) read from the index, page 1
            # or page 500 alike, instead of sorting every registered group (PostgreSQL only).
            models.Index(
                "status", Collate("name_kana", "ja-x-icu"), "id", name="group_status_kana_ja"
            ),
            # The same for the staff registry, which lists every status.
            models.Index(Collate("name_kana", "ja-x-icu"), "id", name="group_kana_ja"),
            # The first registration (the status report's years): one index entry read.
            models.Index(fields=["registered_on"], name="group_registered_on"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_public(self) -> bool:
        """Only registered groups are in the public directory."""
        return self.status == self.Status.REGISTERED

    @property
    def is_editable_by_managers(self) -> bool:
        return self.status in EDITABLE_STATUSES

    def renewal_is_due(self, today: datetime.date | None = None) -> bool:
        """Registered groups whose fiscal year has ended, and groups already 更新待ち."""
        today = today or timezone.localdate()
        if self.status == self.Status.RENEWAL_DUE:
            return True
        return self.status == self.Status.REGISTERED and (
            self.valid_until is None or self.valid_until < today
        )


EDITABLE_STATUSES = frozenset(
    {
        CitizenGroup.Status.DRAFT,
        CitizenGroup.Status.RETURNED,
        CitizenGroup.Status.REGISTERED,
        CitizenGroup.Status.RENEWAL_DUE,
    }
)


class Contact(models.Model):
    """代表者 or 連絡担当者. Every item has its own public switch, private by default."""

    class Kind(models.TextChoices):
        REPRESENTATIVE = "representative", _("Representative")
        LIAISON = "liaison", _("Contact person")

    # The items that can be made public, in display order.
    ITEMS = ("name", "name_kana", "postal_code", "address", "phone", "email")

    group = models.ForeignKey(
        CitizenGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="contacts"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("full name"), max_length=100, blank=True)
    name_kana = models.CharField(_("name (furigana)"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=8, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("telephone"), max_length=20, blank=True)
    email = models.EmailField(_("email"), blank=True)
    name_public = models.BooleanField(_("name is public"), default=False)
    name_kana_public = models.BooleanField(_("furigana is public"), default=False)
    postal_code_public = models.BooleanField(_("postal code is public"), default=False)
    address_public = models.BooleanField(_("address is public"), default=False)
    phone_public = models.BooleanField(_("telephone is public"), default=False)
    email_public = models.BooleanField(_("email is public"), default=False)

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["group", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["group", "kind"], name="contact_one_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.group} — {self.get_kind_display()}"

    def _label(self, item: str) -> str:
        return str(self._meta.get_field(item).verbose_name)  # type: ignore[union-attr]

    def public_items(self) -> list[tuple[str, str]]:
        """``(label, value)`` of the items marked public and filled in: all a public page sees."""
        return [
            (self._label(item), getattr(self, item))
            for item in self.ITEMS
            if getattr(self, f"{item}_public") and getattr(self, item)
        ]

    def all_items(self) -> list[tuple[str, str, bool]]:
        """``(label, value, is_public)`` of every item, for staff and the group's managers."""
        return [
            (
                self._label(item),
                getattr(self, item),
                getattr(self, f"{item}_public"),
            )
            for item in self.ITEMS
        ]


class GroupMembership(models.Model):
    """A user who manages a group's registration (団体担当者)."""

    class Role(models.TextChoices):
        REPRESENTATIVE = "representative", _("Representative")
        EDITOR = "editor", _("Editor")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="group_memberships",
    )
    group = models.ForeignKey(
        CitizenGroup,
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("group manager")
        verbose_name_plural = _("group managers")
        constraints = [
            models.UniqueConstraint(fields=["user", "group"], name="group_membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.group}"


class ManagerInvitation(models.Model):
    """An invitation to co-manage a group, accepted through a link mailed to ``email``.

    Only a hash of the token is stored: the link in the mail is the only copy.
    """

    group = models.ForeignKey(
        CitizenGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("email"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("manager invitation")
        verbose_name_plural = _("manager invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.group} — {self.email}"

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        now = now or timezone.now()
        return self.accepted_at is None and self.cancelled_at is None and self.expires_at > now


class StaffNote(models.Model):
    """A note on a group that only centre and city staff read (相談記録など)."""

    group = models.ForeignKey(
        CitizenGroup, verbose_name=_("group"), on_delete=models.CASCADE, related_name="staff_notes"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        verbose_name = _("staff note")
        verbose_name_plural = _("staff notes")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.group} — {self.created_at:%Y-%m-%d}"
