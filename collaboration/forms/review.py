"""Forms of the review: assigning a reviewer, the pass mark, and a reviewer's scores."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.models import STAFF_ROLES

from ..models import Criterion, ReviewPanel
from ..models.review import MAX_POINTS

POINTS = [(n, str(n)) for n in range(1, MAX_POINTS + 1)]


class AssignReviewerForm(forms.Form):
    reviewer = forms.ModelChoiceField(
        label=_("Reviewer"),
        queryset=get_user_model().objects.none(),
        help_text=_(
            "Committee members and other staff. Someone who manages a group of this proposal "
            "or works in one of its departments cannot be chosen."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        User = get_user_model()
        field = self.fields["reviewer"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            User.objects.filter(is_active=True, roles__role__in=STAFF_ROLES)
            .distinct()
            .order_by("display_name", "email")
        )


class PassMarkForm(forms.ModelForm):
    class Meta:
        model = ReviewPanel
        fields = ["pass_mark"]


class ScoreForm(forms.Form):
    """Points (1–5) and a comment for every criterion."""

    def __init__(self, *args: Any, initial_scores: dict[str, Any] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for criterion in Criterion:
            score = (initial_scores or {}).get(criterion.value)
            self.fields[f"{criterion.value}_points"] = forms.TypedChoiceField(
                label=criterion.label,
                choices=POINTS,
                coerce=int,
                widget=forms.RadioSelect,
                initial=score.points if score else None,
            )
            self.fields[f"{criterion.value}_comment"] = forms.CharField(
                label=_("Comment: %(criterion)s") % {"criterion": criterion.label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=score.comment if score else "",
            )

    def scores(self) -> dict[str, tuple[int, str]]:
        data = self.cleaned_data
        return {c.value: (data[f"{c.value}_points"], data[f"{c.value}_comment"]) for c in Criterion}
