"""One form-rendering style for the whole portal (Django forms and allauth alike)."""

from django.forms.renderers import TemplatesSetting


class PortalFormRenderer(TemplatesSetting):
    """Renders every form with ``forms/form.html`` and every field with ``forms/field.html``.

    The field template prints the label with 「※必須」 or 「※任意」, the help text and the
    errors, and ties both to the input with ``aria-describedby``.
    """

    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


# A mail address as the database keeps one (the users' and contacts' EmailField columns):
# every form that takes an address stops there, so a longer one is an error beside the field.
EMAIL_MAX_LENGTH = 254
