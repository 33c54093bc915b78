"""The registry import's audit entries are those auditlog's own signals would have written
for the same rows: compared field by field with auditlog's receivers, run on the imported
group and its contacts."""

import json
from typing import Any

import pytest
from auditlog.diff import model_instance_diff
from auditlog.models import LogEntry
from auditlog.receivers import log_create
from auditlog.registry import auditlog

from groups.imports import commit_import
from groups.models import CitizenGroup, Contact
from kamakura_portal.audit import acting_as
from kamakura_portal.import_audit import CreatedChanges
from tests.factories import UserFactory
from tests.groups.test_imports import GOOD, plan_of, row

pytestmark = pytest.mark.django_db

# Every column of the file, and one with the optional ones left empty (no type, no year,
# no member count, no contact details: None and "" are recorded differently).
SPARSE = row(
    団体名="腰越の会",
    フリガナ="コシゴエノカイ",
    組織形態="",
    設立年="",
    会員数="",
    代表者名="",
    代表者フリガナ="",
    メール="",
    電話番号="",
    郵便番号="",
    所在地="",
    ウェブサイト="",
    協働への関心="",
    登録日="",
    状態="休止",
)
VOLATILE = {"id", "timestamp"}


@pytest.fixture(autouse=True)
def taxonomies() -> None:
    from groups.reference import load_taxonomies

    load_taxonomies()


def values(entry: LogEntry) -> dict[str, Any]:
    return {
        field.attname: getattr(entry, field.attname)
        for field in LogEntry._meta.concrete_fields
        if field.name not in VOLATILE
    }


def imported_objects() -> list[Any]:
    groups = list(CitizenGroup.objects.order_by("pk"))
    return [*groups, *Contact.objects.filter(group__in=groups).order_by("pk")]


@pytest.mark.parametrize("actor", [None, "staff"])
def test_each_creation_entry_equals_the_one_auditlogs_signal_writes(actor: Any) -> None:
    user = UserFactory.create() if actor else None
    commit_import(plan_of([GOOD, SPARSE]), actor=user)
    objects = imported_objects()
    assert len(objects) == 6
    for obj in objects:
        created = LogEntry.objects.get_for_object(obj).filter(action=LogEntry.Action.CREATE)
        [imported] = created
        with acting_as(user):
            log_create(sender=type(obj), instance=obj, created=True)
        [written] = created.exclude(pk=imported.pk)
        assert values(imported) == values(written), obj
        assert imported.changes  # not an empty record


def test_each_relation_entry_equals_the_one_auditlogs_signal_writes() -> None:
    commit_import(plan_of([GOOD]), actor=None)
    group = CitizenGroup.objects.get()
    imported = LogEntry.objects.get_for_object(group).filter(action=LogEntry.Action.UPDATE)
    assert imported.count() == 2
    for name in ("activity_fields", "districts"):
        [entry] = [entry for entry in imported if name in entry.changes]
        terms = getattr(group, name).all()
        written = LogEntry.objects.log_m2m_changes(terms, group, "add", name)
        written.refresh_from_db()
        assert values(entry) == values(written)


@pytest.mark.parametrize("model", [CitizenGroup, Contact])
def test_the_changes_equal_auditlogs_diff_as_stored(model: Any) -> None:
    commit_import(plan_of([GOOD, SPARSE]), actor=None)
    changes = CreatedChanges(model)
    for obj in model.objects.all():
        expected = model_instance_diff(None, obj)
        assert changes(obj) == expected
        stored = LogEntry.objects.get_for_object(obj).get(action=LogEntry.Action.CREATE)
        assert stored.changes == json.loads(json.dumps(expected))


def test_masked_contact_fields_are_masked_as_auditlog_masks_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """No field of a contact is masked today (its history is read only by holders of
    view_private_contacts); were some, the import would mask them as auditlog does."""
    commit_import(plan_of([GOOD]), actor=None)
    contact = Contact.objects.get(kind=Contact.Kind.REPRESENTATIVE)
    registered = auditlog._registry[Contact]
    monkeypatch.setitem(registered, "mask_fields", ["phone", "email", "name_public"])
    expected = model_instance_diff(None, contact)
    assert expected is not None
    assert expected["phone"] == ("**ne", "******55-0101")
    assert CreatedChanges(Contact)(contact) == expected
