"""The base of the forms whose values a service saves (the forms themselves never write)."""

from __future__ import annotations

from typing import Any

from django import forms

from accounts.models import Visitor


class ChangesForm(forms.ModelForm):
    """``changes()`` gives the fields and the many-to-many values the service saves.

    ``user`` is the person writing, for forms whose choices depend on who they are.
    """

    many_fields: tuple[str, ...] = ()

    def __init__(self, *args: Any, user: Visitor | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def changes(self) -> tuple[dict[str, Any], dict[str, Any]]:
        data = self.cleaned_data
        fields = {name: data[name] for name in self.fields if name not in self.many_fields}
        many = {name: list(data[name]) for name in self.many_fields}
        return fields, many
