"""The project sheet (協働事業シート): parties, purpose, roles, goals, and the evaluations side
by side; read by its audience only and never published."""

from __future__ import annotations

import io

import pytest

from collaboration.models import Proposal, SelfEvaluation, Stage
from reports.generation import generate
from reports.kinds import kind_of
from tests.collaboration.conftest import final_evaluations, put_in
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db


def test_the_sheet_puts_both_sides_evaluations_side_by_side(group_proposal: Proposal) -> None:
    put_in(group_proposal, Proposal.Status.EVALUATED)
    final_evaluations(group_proposal)
    SelfEvaluation.objects.filter(side="city").update(roles_grade="C", roles_comment="連絡が遅れた")
    target = io.BytesIO()
    generate(kind_of("project"), {"proposal": group_proposal.pk}, target, lambda percent: None)
    text = pdf_text(target.getvalue())
    assert "由比ガ浜クリーンアップ" in text
    assert "由比ガ浜を市民の手できれいに保つ。" in text
    assert f"{Stage.FINAL.label}・" in text or "事業終了時・" in text
    assert "連絡が遅れた" in text
    assert "よい協働でした。" in text


def test_a_project_sheet_is_never_publishable() -> None:
    assert not kind_of("project").publishable
    assert kind_of("roster").publishable
