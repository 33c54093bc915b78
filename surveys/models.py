"""Surveys (アンケート): questions with stable keys, one response per group, department or person.

A survey moves only through :func:`surveys.services.transition` (下書き → 実施中 → 終了 → 公開).
Chosen options are stored one row per option (:class:`AnswerChoice`), so a multiple-choice
question is counted per option and never per combination. A response carries a version
number: a save that started from an older version is refused (two managers of one group).
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kamakura_portal.cached import TrackedManager


class Survey(models.Model):
    class Audience(models.TextChoices):
        GROUPS = "groups", _("Registered groups")
        CITY_STAFF = "city_staff", _("City staff (one answer per department)")
        PUBLIC = "public", _("The public (one answer per signed-in person)")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", pgettext_lazy("survey status", "Open")
        CLOSED = "closed", _("Closed")
        PUBLISHED = "published", _("Results published")

    title = models.CharField(_("title"), max_length=200)
    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    opens_on = models.DateField(_("opening date"))
    closes_on = models.DateField(_("closing date"))
    anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("Nobody, staff included, can see who gave which answer."),
    )
    intro = models.TextField(_("introduction"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    copied_from = models.ForeignKey(
        "self",
        verbose_name=_("copied from"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    invited_at = models.DateTimeField(_("invitations sent at"), null=True, blank=True)
    reminded_on = models.DateField(_("reminder sent on"), null=True, blank=True)
    status_changes = GenericRelation("kamakura_portal.StatusChange")

    # Tracked: the results pages keep their counts (kamakura_portal.shared_pages.kept).
    objects = TrackedManager()

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-fiscal_year", "-opens_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")),
                name="survey_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def results_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def accepts_answers(self, today: datetime.date | None = None) -> bool:
        """Open, and the closing date has not passed (the last day still counts)."""
        today = today or timezone.localdate()
        return self.status == self.Status.OPEN and self.opens_on <= today <= self.closes_on


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TEXT = "text", _("Free text")
        NUMBER = "number", _("Number")
        SCALE = "scale", _("Scale of 1 to 5")

    CHOICE_KINDS = frozenset({Kind.SINGLE, Kind.MULTIPLE})

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="questions"
    )
    key = models.SlugField(
        _("question key"),
        max_length=60,
        help_text=_(
            "The same key in two surveys marks the same question, so their results can be "
            "compared (for example 2019 and 2025)."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("question"))
    help_text = models.TextField(_("note for respondents"), blank=True)
    required = models.BooleanField(_("required"), default=True)
    max_choices = models.PositiveSmallIntegerField(
        _("maximum number of choices"),
        null=True,
        blank=True,
        help_text=_("Multiple choice only; leave empty for no limit."),
    )
    has_other = models.BooleanField(
        _("with an “Other” option and a text box"),
        default=False,
    )

    # Tracked: the results pages keep their counts (kamakura_portal.shared_pages.kept).
    objects = TrackedManager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "key"], name="question_key_unique")
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def is_choice(self) -> bool:
        return self.kind in self.CHOICE_KINDS


class Option(models.Model):
    """An answer option; its ``code`` is what cross-survey comparison matches on."""

    OTHER_CODE = "other"
    # Survey content, not interface text: written in the survey's language like every label.
    OTHER_LABEL = "その他"

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="options"
    )
    code = models.SlugField(_("code"), max_length=60)
    label = models.CharField(_("label"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    # Tracked: the results pages keep their counts (kamakura_portal.shared_pages.kept).
    objects = TrackedManager()

    class Meta:
        verbose_name = _("option")
        verbose_name_plural = _("options")
        ordering = ["question", "order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["question", "code"], name="option_code_unique")
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def is_other(self) -> bool:
        return self.code == self.OTHER_CODE


class WordingFix(models.Model):
    """A correction of a question's wording after answers exist (the only change then allowed)."""

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="fixes"
    )
    old_text = models.TextField(_("old wording"))
    new_text = models.TextField(_("new wording"))
    reason = models.TextField(_("reason"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("wording fix")
        verbose_name_plural = _("wording fixes")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.question_id}: {self.new_text[:30]}"


class Response(models.Model):
    """The one answer of a group, a department or a person to a survey.

    In an anonymous survey the respondent columns exist only so that the same group edits its
    own draft; no page, export or audit entry shown to staff ever reads them.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses"
    )
    group = models.ForeignKey(
        "groups.CitizenGroup",
        verbose_name=_("group"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    department = models.ForeignKey(
        "accounts.Department",
        verbose_name=_("department"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("respondent"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="survey_responses",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    last_saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last saved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("last saved at"), default=timezone.now)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    # Tracked: the results pages keep their counts (kamakura_portal.shared_pages.kept).
    objects = TrackedManager()

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["survey", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "group"],
                condition=Q(group__isnull=False),
                name="response_one_per_group",
            ),
            models.UniqueConstraint(
                fields=["survey", "department"],
                condition=Q(department__isnull=False),
                name="response_one_per_department",
            ),
            models.UniqueConstraint(
                fields=["survey", "respondent"],
                condition=Q(group__isnull=True, department__isnull=True),
                name="response_one_per_person",
            ),
        ]
        indexes = [models.Index(fields=["survey", "status"], name="response_survey_status")]

    def __str__(self) -> str:
        return f"{self.survey_id}#{self.pk}"

    @property
    def is_submitted(self) -> bool:
        return self.status == self.Status.SUBMITTED


class Answer(models.Model):
    """The answer to one question; chosen options are :class:`AnswerChoice` rows."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    text = models.TextField(_("text"), blank=True)
    number = models.DecimalField(
        _("number"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    options: models.ManyToManyField[Option, AnswerChoice] = models.ManyToManyField(
        Option, through="AnswerChoice", verbose_name=_("chosen options"), related_name="+"
    )

    # Tracked: the results pages keep their counts (kamakura_portal.shared_pages.kept).
    objects = TrackedManager()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "question"], name="answer_one_per_question")
        ]

    def __str__(self) -> str:
        return f"{self.response_id}/{self.question_id}"


class AnswerChoice(models.Model):
    answer = models.ForeignKey(
        Answer, verbose_name=_("answer"), on_delete=models.CASCADE, related_name="choices"
    )
    option = models.ForeignKey(
        Option, verbose_name=_("option"), on_delete=models.PROTECT, related_name="choices"
    )

    # Tracked: the results pages keep their counts (kamakura_portal.shared_pages.kept).
    objects = TrackedManager()

    class Meta:
        verbose_name = _("chosen option")
        verbose_name_plural = _("chosen options")
        constraints = [
            models.UniqueConstraint(fields=["answer", "option"], name="answer_choice_unique")
        ]

    def __str__(self) -> str:
        return f"{self.answer_id}: {self.option_id}"
