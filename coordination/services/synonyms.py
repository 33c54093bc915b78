"""Writes to the civic synonyms that the matching reads (kamakura_portal.CivicSynonym); the
audit trail records who changed what."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from kamakura_portal.models import CivicSynonym


@transaction.atomic
def save_synonym(synonym: CivicSynonym, words: str, note: str, editor: User) -> CivicSynonym:
    """Save the set (new or edited) as ``editor`` wrote it; the form has checked the words."""
    synonym.words = words
    synonym.note = note
    synonym.updated_by = editor
    synonym.updated_at = timezone.now()
    synonym.save()
    return synonym


@transaction.atomic
def delete_synonym(synonym: CivicSynonym) -> None:
    synonym.delete()
