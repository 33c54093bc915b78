"""The programmes are loaded as data, once, and never over the secretariat's edits."""

from __future__ import annotations

import pytest

from collaboration.models import Program
from collaboration.reference import load_programs

pytestmark = pytest.mark.django_db


def test_it_loads_the_programmes_and_courses_the_guideline_names() -> None:
    load_programs()
    names = {str(program) for program in Program.objects.select_related("parent")}
    assert names == {
        "つながる鎌倉エール事業",
        "つながる鎌倉エール事業 スタートアップコース",
        "つながる鎌倉エール事業 協働コース",
        "つながる鎌倉エール事業 地域活性化コース",
        "相互提案協働事業",
        "協定による協働",
        "委託",
        "その他",
    }


def test_the_courses_carry_the_amounts_and_rules_of_the_guideline() -> None:
    load_programs()
    startup = Program.objects.get(code="yell-startup")
    assert (startup.max_amount_per_year, startup.max_years_since_founding) == (100000, 3)
    course = Program.objects.get(code="yell-collaboration")
    assert (course.max_amount_per_year, course.max_years) == (500000, 3)
    assert (course.min_officers, course.min_citizen_members, course.min_years_active) == (3, 5, 1)
    assert course.requires_registered_group
    assert course.parent == Program.objects.get(code="yell")
    mutual = Program.objects.get(code="mutual")
    assert (mutual.first_fiscal_year, mutual.last_fiscal_year) == (2007, 2021)
    assert mutual.is_open_in(2019) and not mutual.is_open_in(2022)


def test_loading_twice_adds_nothing_and_keeps_the_secretariats_edits() -> None:
    load_programs()
    Program.objects.filter(code="yell-startup").update(max_amount_per_year=150000)
    assert load_programs() == 8
    assert Program.objects.count() == 8
    assert Program.objects.get(code="yell-startup").max_amount_per_year == 150000
