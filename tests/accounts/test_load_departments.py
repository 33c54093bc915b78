import pytest

from accounts.models import Department
from accounts.services import load_departments

pytestmark = pytest.mark.django_db

# The 所管課 that seed 004 (the implementation plan) names as lead departments.
SEED_004_SECTIONS = [
    "地域のつながり課",
    "市民相談課",
    "秘書広報課",
    "総務課",
    "福祉総務課",
    "議会事務局",
    "選挙管理委員会事務局",
]


def test_loading_the_departments_twice_gives_the_same_tree() -> None:
    first = load_departments()
    count = Department.objects.count()
    second = load_departments()
    assert first == second == count
    assert Department.objects.count() == count


def test_the_secretariat_section_sits_under_the_citizen_and_disaster_division() -> None:
    load_departments()
    section = Department.objects.get(name="地域のつながり課", is_active=True)
    assert section.kind == Department.Kind.SECTION
    assert section.parent is not None
    assert section.parent.name == "市民防災部"
    assert section.parent.kind == Department.Kind.DIVISION
    assert section.full_name == "市民防災部 地域のつながり課"


@pytest.mark.parametrize("name", SEED_004_SECTIONS)
def test_every_lead_department_of_seed_004_exists_as_an_active_section(name: str) -> None:
    load_departments()
    assert Department.objects.filter(
        name=name, kind=Department.Kind.SECTION, is_active=True
    ).exists()


def test_the_former_name_of_the_secretariat_section_is_kept_inactive() -> None:
    load_departments()
    former = Department.objects.get(name="地域のつながり推進課")
    assert not former.is_active
    assert former.parent is not None
    assert former.parent.name == "市民防災部"


def test_every_section_has_a_division_and_every_division_is_top_level() -> None:
    load_departments()
    assert not Department.objects.filter(kind=Department.Kind.SECTION, parent=None).exists()
    assert not Department.objects.filter(
        kind=Department.Kind.DIVISION, parent__isnull=False
    ).exists()


def test_reloading_restores_a_renamed_department() -> None:
    load_departments()
    Department.objects.filter(code="chiiki-no-tsunagari").update(name="誤った名前")
    load_departments()
    assert Department.objects.get(code="chiiki-no-tsunagari").name == "地域のつながり課"
