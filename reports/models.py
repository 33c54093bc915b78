"""A printed report (PDF) asked for by staff or the committee, made by a Celery worker.

One :class:`Report` row per request: its kind and parameters, a digest of the inputs it was
made from, its state (moved only through :mod:`reports.workflow`), the progress the worker
reports, a readable error, and the file in Django storage. Which kinds exist and what they
print is :mod:`reports.kinds`.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Report(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting")
        RUNNING = "running", _("Being made")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")

    kind = models.CharField(_("kind of report"), max_length=20)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    # What the list shows, fixed when the report is asked for (no query per row).
    title = models.CharField(_("title"), max_length=300)
    digest = models.CharField(_("digest of the inputs"), max_length=64, db_index=True)
    is_stale = models.BooleanField(
        _("outdated"),
        default=False,
        help_text=_("The data it was made from has changed since."),
    )

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    file = models.FileField(_("file"), upload_to="reports/", blank=True, max_length=300)
    size = models.PositiveIntegerField(_("size (bytes)"), null=True, blank=True)

    # The claim: the Celery task that may make the report, when it took it and how often
    # a worker has started on it (a worker killed halfway leaves it to the next one).
    task_id = models.CharField(_("task"), max_length=64, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    # Others who asked for the same report while it was being made: told when it is ready.
    also_requested_by = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("also requested by"),
        blank=True,
        related_name="+",
    )
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    is_published = models.BooleanField(_("published"), default=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("published by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # An unpublished file is removed after this (PORTAL_REPORT_EXPIRY_DAYS after it is made).
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)

    status_changes = GenericRelation("kamakura_portal.StatusChange")

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-requested_at", "-pk"]
        indexes = [
            models.Index(fields=["kind", "digest", "status"], name="report_reuse"),
            models.Index(fields=["is_published", "-finished_at"], name="report_published"),
            models.Index(fields=["status", "expires_at"], name="report_expiry"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="report_progress_percent"
            ),
            models.CheckConstraint(
                condition=models.Q(is_published=False) | models.Q(status="done"),
                name="report_published_only_when_ready",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_working(self) -> bool:
        """Waiting or being made: its row on the page asks again for its progress."""
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def is_downloadable(self) -> bool:
        return self.status == self.Status.DONE and bool(self.file)
