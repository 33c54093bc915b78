"""Writes to programmes: the secretariat's edits of their windows, amounts and rules."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from ..models import Program


@transaction.atomic
def save_program(program: Program, fields: Mapping[str, Any]) -> Program:
    """Save the programme's fields (the form has checked them); the audit trail records who
    changed what."""
    for name, value in fields.items():
        setattr(program, name, value)
    program.save()
    return program
