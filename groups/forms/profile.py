"""The forms of a group's profile: the first step of a registration and the edit sections.

Each section form reports its changes with :meth:`changes`, and the view saves them through
``groups.services`` (the forms never write). Contacts are in :mod:`groups.forms.contacts`,
the fields that normalise Japanese input in :mod:`groups.forms.fields`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db.models import Q, QuerySet
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from pages.links import page_link

from ..models import ActivityField, Challenge, CitizenGroup, District, OrganizationType
from .fields import JapaneseURLField, KanaField

FIRST_YEAR = 1868  # 明治元年: older founding years are typing mistakes.
LOGO_MAX_BYTES = 2 * 1024 * 1024
# Image formats a browser shows, with the extension the stored file gets (the logo view
# serves a file by its extension).
LOGO_FORMATS = {"PNG": "png", "JPEG": "jpg", "GIF": "gif", "WEBP": "webp"}


def terms(queryset: QuerySet[Any], keep: Any = ()) -> QuerySet[Any]:
    """Active terms, plus those already chosen (a retired term is kept, not silently dropped)."""
    return queryset.filter(Q(is_active=True) | Q(pk__in=keep))


class StartRegistrationForm(forms.Form):
    name = forms.CharField(label=_("Group name"), max_length=200)
    name_kana = KanaField(
        label=_("Furigana of the group name"),
        max_length=200,
        required=False,
        help_text=_(
            "In katakana. Leave it empty and we fill it in from the name for you to check."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # htmx asks for a reading as the name is typed; without a script the form still works.
        self.fields["name"].widget.attrs.update(
            {
                "hx-get": reverse_lazy("groups:suggest_kana"),
                "hx-trigger": "input changed delay:600ms",
                "hx-target": "#kana-suggestion",
                "hx-include": "[name='name_kana']",
                "autocomplete": "organization",
            }
        )


class ProfileForm(forms.ModelForm):
    """A section of the profile; ``changes()`` gives what ``services.update_profile`` saves."""

    many_fields: tuple[str, ...] = ()

    def changes(self) -> tuple[dict[str, Any], dict[str, Any]]:
        data = self.cleaned_data
        fields = {name: data[name] for name in self.fields if name not in self.many_fields}
        many = {name: list(data[name]) for name in self.many_fields}
        return fields, many


class BasicForm(ProfileForm):
    class Meta:
        model = CitizenGroup
        fields = [
            "name",
            "name_kana",
            "organization_type",
            "founded_year",
            "member_count",
            "citizen_member_count",
            "main_age_group",
        ]
        field_classes = {"name_kana": KanaField}
        labels = {
            "name": _("Group name"),
            "name_kana": _("Furigana of the group name"),
            "founded_year": _("Year founded (Western calendar)"),
            "member_count": _("Number of members"),
            "citizen_member_count": _("Of whom live in Kamakura"),
        }
        help_texts = {"name_kana": _("In katakana, for example カマクラシミンノカイ.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("name_kana", "organization_type"):
            self.fields[name].required = True
        organization_type = cast(forms.ModelChoiceField, self.fields["organization_type"])
        organization_type.queryset = terms(
            OrganizationType.objects.all(), [self.instance.organization_type_id]
        )
        organization_type.empty_label = gettext("Choose one")
        year = timezone.localdate().year
        self.fields["founded_year"].widget.attrs.update({"min": FIRST_YEAR, "max": year})
        self.fields["founded_year"].help_text = gettext("For example %(year)s.") % {"year": 1998}
        for name in ("founded_year", "member_count", "citizen_member_count"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"

    def clean_founded_year(self) -> int | None:
        year = self.cleaned_data["founded_year"]
        this_year = timezone.localdate().year
        if year is not None and not FIRST_YEAR <= year <= this_year:
            raise ValidationError(
                _("Enter a year from %(first)s to %(last)s."),
                code="bad_year",
                params={"first": FIRST_YEAR, "last": this_year},
            )
        return year

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        members, citizens = data.get("member_count"), data.get("citizen_member_count")
        if members is not None and citizens is not None and citizens > members:
            self.add_error(
                "citizen_member_count",
                ValidationError(
                    _("This cannot be more than the number of members (%(members)s)."),
                    code="too_many_citizens",
                    params={"members": members},
                ),
            )
        return data


class ActivitiesForm(ProfileForm):
    many_fields = ("activity_fields", "districts", "challenges")

    class Meta:
        model = CitizenGroup
        fields = [
            "activity_fields",
            "districts",
            "purpose",
            "activities",
            "schedule",
            "membership_fee",
            "offers",
            "challenges",
            "collaboration_interest",
        ]
        widgets = {
            "activity_fields": forms.CheckboxSelectMultiple,
            "districts": forms.CheckboxSelectMultiple,
            "challenges": forms.CheckboxSelectMultiple,
            "collaboration_interest": forms.RadioSelect,
            "purpose": forms.Textarea(attrs={"rows": 4}),
            "activities": forms.Textarea(attrs={"rows": 5}),
            "offers": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {
            "activity_fields": _("Activity fields"),
            "districts": _("Areas of activity"),
            "purpose": _("Purpose of the group"),
            "activities": _("Main activities"),
            "schedule": _("Activity days and frequency"),
            "membership_fee": _("Membership fee"),
            "offers": _("What the group can offer"),
            "challenges": _("Challenges the group faces"),
            "collaboration_interest": _("Interest in working with the city"),
        }
        help_texts = {
            "activity_fields": _("Choose every field that applies."),
            "districts": _("Choose every area that applies."),
            "schedule": _("For example: every second Saturday, 10:00–12:00."),
            "membership_fee": _("For example: 1,200 yen a year."),
            "offers": _("Skills, equipment or places you could share with others."),
            "challenges": _("Choose any that apply; the centre uses them to offer help."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        group = self.instance
        self.fields["activity_fields"].queryset = terms(  # type: ignore[attr-defined]
            ActivityField.objects.filter(
                Q(taxonomy=ActivityField.Taxonomy.CENTRE) | Q(groups=group)
            ).distinct(),
            group.activity_fields.values("pk"),
        )
        self.fields["districts"].queryset = terms(  # type: ignore[attr-defined]
            District.objects.all(), group.districts.values("pk")
        )
        self.fields["challenges"].queryset = terms(  # type: ignore[attr-defined]
            Challenge.objects.all(), group.challenges.values("pk")
        )
        for name in ("activity_fields", "districts", "activities"):
            self.fields[name].required = True
        # Three radios and no blank one: an unanswered question is simply left unticked.
        self.fields["collaboration_interest"].choices = CitizenGroup.Interest.choices  # type: ignore[attr-defined]


@dataclass(frozen=True)
class _CurrentLogo:
    """What ClearableFileInput shows of the current file: its name and a link to it."""

    name: str
    url: str

    def __str__(self) -> str:
        return self.name


class LogoInput(forms.ClearableFileInput):
    """Links the current logo through groups:logo: uploads are not served from a folder."""

    logo_url = ""

    def get_context(self, name: str, value: Any, attrs: Any) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        if context["widget"]["is_initial"]:
            filename = value.name.rsplit("/", 1)[-1]
            context["widget"]["value"] = _CurrentLogo(filename, self.logo_url)
        return context


class LinksForm(ProfileForm):
    class Meta:
        model = CitizenGroup
        fields = ["website", "social_links", "logo"]
        field_classes = {"website": JapaneseURLField}
        widgets = {
            "social_links": forms.Textarea(attrs={"rows": 3}),
            "logo": LogoInput(attrs={"accept": "image/png,image/jpeg,image/gif,image/webp"}),
        }
        labels = {
            "website": _("Website"),
            "social_links": _("Social media pages"),
            "logo": _("Logo"),
        }
        help_texts = {
            "website": _("For example https://example.jp/ (you may leave out “https://”)."),
            "social_links": _("One address per line, for example your Facebook or Instagram page."),
            "logo": _(
                "A PNG, JPEG, GIF or WebP image of at most 2 MB. It appears on your public page."
            ),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        widget = cast(LogoInput, self.fields["logo"].widget)
        widget.logo_url = reverse("groups:logo", args=[self.instance.pk])

    def clean_social_links(self) -> str:
        url_field = JapaneseURLField()
        links = []
        errors = []
        for number, line in enumerate(self.cleaned_data["social_links"].splitlines(), start=1):
            if not line.strip():
                continue
            try:
                links.append(url_field.clean(line))
            except ValidationError:
                errors.append(
                    ValidationError(
                        _("Line %(number)s is not a web address: %(line)s"),
                        code="bad_link",
                        params={"number": number, "line": line.strip()},
                    )
                )
        if errors:
            raise ValidationError(errors)
        return "\n".join(links)

    def clean_logo(self) -> Any:
        logo = self.cleaned_data["logo"]
        image = getattr(logo, "image", None)  # set by ImageField on a new upload only
        if image is None:
            return logo
        if image.format not in LOGO_FORMATS:
            raise ValidationError(
                _("Upload a PNG, JPEG, GIF or WebP image."), code="bad_image_type"
            )
        if logo.size > LOGO_MAX_BYTES:
            raise ValidationError(
                _("The image is too large (at most 2 MB). Make it smaller and upload it again."),
                code="image_too_large",
            )
        logo.name = f"logo.{LOGO_FORMATS[image.format]}"
        return logo

    def changes(self) -> tuple[dict[str, Any], dict[str, Any]]:
        fields, many = super().changes()
        logo = fields.pop("logo")
        if logo is False:  # "clear" ticked
            fields["logo"] = ""
        elif isinstance(logo, UploadedFile):
            fields["logo"] = logo
        return fields, many


class ConsentForm(forms.Form):
    agree = forms.BooleanField(
        label=_("I agree to the Civic Activity Centre's rules for registered groups."),
    )

    def __init__(self, *args: Any, already_agreed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agree"].help_text = format_html(
            gettext("Read the {rules} shown above (the link opens them in a new tab)."),
            rules=page_link("group-rules"),
        )
        if already_agreed:
            self.fields["agree"].required = False
            self.fields["agree"].initial = True
