"""Report files in S3-compatible object storage (PORTAL_STORAGE=s3, django-storages): the file
is written private and reaches a reader only through the portal's permission-checked view.

The bucket is moto's in-process mock of S3 (no network, no real bucket)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3
import pytest
from django.test import Client, override_settings
from django.urls import reverse
from moto import mock_aws

from tests.conftest import client_for
from tests.reports.conftest import MINIMAL_PDF, stored_report

BUCKET = "portal-test-files"
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"


@pytest.fixture
def bucket(monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """An empty private bucket and the portal's storage settings for it, as in production."""
    from kamakura_portal.settings import deployment

    monkeypatch.setenv("PORTAL_STORAGE", "s3")
    monkeypatch.setenv("AWS_STORAGE_BUCKET_NAME", BUCKET)
    monkeypatch.setenv("AWS_S3_REGION_NAME", "ap-northeast-1")
    with mock_aws():
        client = boto3.client("s3", region_name="ap-northeast-1")
        client.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "ap-northeast-1"}
        )
        file_storage = deployment.file_storage(deployment.environ.Env())
        storages = {
            "default": file_storage,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        }
        with override_settings(STORAGES=storages):
            yield client


@pytest.mark.django_db
def test_a_finished_report_is_stored_private_in_the_bucket(bucket: Any) -> None:
    report = stored_report()
    stored = bucket.get_object(Bucket=BUCKET, Key=report.file.name)
    assert stored["Body"].read() == MINIMAL_PDF
    grants = bucket.get_object_acl(Bucket=BUCKET, Key=report.file.name)["Grants"]
    assert [grant for grant in grants if grant["Grantee"].get("URI") == ALL_USERS] == []


@pytest.mark.django_db
def test_staff_download_a_draft_report_from_the_bucket_through_the_portal(
    bucket: Any, centre_staff: Any
) -> None:
    report = stored_report()
    response = client_for(centre_staff).get(reverse("reports:download", args=[report.pk]))
    assert response.status_code == 200
    assert response.getvalue() == MINIMAL_PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"


@pytest.mark.django_db
def test_a_visitor_is_refused_a_draft_report_kept_in_the_bucket(bucket: Any) -> None:
    report = stored_report()
    response = Client().get(reverse("reports:download", args=[report.pk]))
    assert response.status_code == 302  # to the sign-in page, the file never leaves
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.django_db
def test_a_published_report_is_downloaded_from_the_bucket_by_everyone(bucket: Any) -> None:
    report = stored_report(published=True)
    response = Client().get(reverse("reports:download", args=[report.pk]))
    assert response.status_code == 200
    assert response.getvalue() == MINIMAL_PDF
