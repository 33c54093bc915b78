"""A plan edition's issuer (the back page of its booklet): shipped with the Kamakura
guidelines, filled by the migration in a database loaded before it, kept by staff in the
plan's form, carried to the next edition."""

from __future__ import annotations

import importlib
from typing import Any

import pytest
from django.apps import apps
from django.urls import reverse

from measures.editions import copy_edition
from measures.models import Plan
from measures.reference import load_plans
from tests.conftest import client_for

pytestmark = pytest.mark.django_db
ISSUER_2026 = (
    "鎌倉市 市民防災部 地域のつながり課\n"
    "〒248-8686 鎌倉市御成町18番10号\n"
    "TEL：0467-23-3000（内線2582）\n"
    "FAX：0467-23-8700\n"
    "E-mail：npo@city.kamakura.kanagawa.jp"
)


def test_the_kamakura_guidelines_are_shipped_with_their_issuer() -> None:
    load_plans()
    issuers = dict(Plan.objects.values_list("code", "issuer"))
    assert issuers["kamakura-guideline-2026"] == ISSUER_2026
    assert issuers["kamakura-guideline-2020"].startswith("鎌倉市 市民防災部 地域のつながり課\n")
    assert "npo@city.kamakura.kanagawa.jp" in issuers["kamakura-guideline-2020"]
    assert issuers["kamagaya-action-plan-22"] == ""


def test_the_migration_fills_an_empty_issuer_and_keeps_an_edited_one() -> None:
    migration = importlib.import_module("measures.migrations.0005_plan_issuer")
    Plan.objects.create(code="kamakura-guideline-2026", title="指針")
    Plan.objects.create(code="kamakura-guideline-2020", title="指針", issuer="市民活動課")
    migration.forwards(apps, None)
    issuers = dict(Plan.objects.values_list("code", "issuer"))
    assert issuers == {
        "kamakura-guideline-2026": ISSUER_2026,
        "kamakura-guideline-2020": "市民活動課",
    }


def test_the_secretariat_keeps_the_issuer_in_the_plans_form(
    secretariat: Any, guideline: Plan
) -> None:
    url = reverse("measures:manage_plan_edit", args=[guideline.code])
    form = client_for(secretariat).get(url).context["form"]
    assert "issuer" in form.fields
    data = {key: "" if value is None else value for key, value in form.initial.items()}
    data["issuer"] = "鎌倉市 市民防災部 地域のつながり課\nTEL：0467-23-3000"
    assert client_for(secretariat).post(url, data).status_code == 302
    guideline.refresh_from_db()
    assert guideline.issuer.splitlines() == [
        "鎌倉市 市民防災部 地域のつながり課",
        "TEL：0467-23-3000",
    ]
    page = client_for(secretariat).get(reverse("measures:manage_plan", args=[guideline.code]))
    assert "鎌倉市 市民防災部 地域のつながり課<br>TEL：0467-23-3000" in page.content.decode()


def test_a_new_edition_keeps_the_issuer(secretariat: Any, guideline: Plan) -> None:
    guideline.issuer = ISSUER_2026
    guideline.save()
    new = copy_edition(
        guideline,
        code="test-guideline-2031",
        title="テスト指針",
        edition="令和13年版",
        edition_year=2031,
        start_fiscal_year=None,
        end_fiscal_year=None,
        by=secretariat,
    )
    assert new.issuer == ISSUER_2026
