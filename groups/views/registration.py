"""Registration by a signed-in user and the edit sections of a group's profile.

A registration is a draft from its first step; the same sections then edit a registered
group's live profile. Every save goes through ``groups.services`` in one transaction.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BoundField
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.views.generic import FormView, TemplateView

from accounts.mixins import PortalPermissionRequiredMixin, acting_user
from kamakura_portal.errors import Problem
from kamakura_portal.japanese import address_for_postal_code, suggest_kana, validate_kana
from kamakura_portal.templatetags.portal_forms import describedby

from .. import services
from ..forms.contacts import ContactForm
from ..forms.profile import ConsentForm, StartRegistrationForm
from ..models import Contact
from .sections import CONFIRM, GroupPageMixin, section_forms, sections_for


class StartRegistrationView(PortalPermissionRequiredMixin, FormView):
    """Step 1: the group's name and its reading; creates the draft."""

    permission_required = "groups.register_group"
    template_name = "groups/register_start.html"
    form_class = StartRegistrationForm

    def form_valid(self, form: StartRegistrationForm) -> HttpResponse:
        name, kana = form.cleaned_data["name"], form.cleaned_data["name_kana"]
        suggested = ""
        if not kana:
            kana = suggested = reading_for(name)
        group = services.start_registration(acting_user(self.request), name=name, name_kana=kana)
        if suggested:
            messages.warning(
                self.request,
                _(
                    "We filled in the furigana “%(kana)s” from the name. "
                    "Check it and correct it if needed."
                )
                % {"kana": suggested},
            )
        return redirect("groups:edit", group.pk, "basic")


def reading_for(name: str) -> str:
    """The suggested reading of a name, or ``""`` if it would not be valid furigana."""
    kana = suggest_kana(name)[:200]
    try:
        validate_kana(kana)
    except ValidationError:
        return ""
    return kana


class EditSectionView(GroupPageMixin, TemplateView):
    """One section of the profile: a step of the registration, or an edit of the live profile."""

    permission_required = "groups.edit_group"
    template_name = "groups/edit_section.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if kwargs["section"] == CONFIRM and not self.registering:
            return redirect("groups:manage", self.group.pk)  # a link from before the submission
        section = self.section()
        if section.slug == CONFIRM:
            return self.render_to_response(self.confirm_context())
        return self.render_to_response(self.section_context(section_forms(section, self.group)))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        section = self.section()
        if section.slug == CONFIRM:  # the confirmation form posts to groups:submit
            return self.http_method_not_allowed(request)
        bound = section_forms(section, self.group, request.POST, request.FILES)
        prefix = request.POST.get("lookup_address")
        if prefix in Contact.Kind.values:
            return self.look_up_address(bound, prefix)
        if not all([form.is_valid() for form in bound]):  # a list: every form shows its errors
            return self.render_to_response(self.section_context(bound))
        services.save_section(
            self.group,
            profile=[form.changes() for form in bound if not isinstance(form, ContactForm)],
            contacts=[
                (form.contact, form.changes()) for form in bound if isinstance(form, ContactForm)
            ],
        )
        return self.after_save(section.slug, request.POST.get("action", "continue"))

    def section(self) -> Any:
        for section in sections_for(self.group):
            if section.slug == self.kwargs["section"]:
                return section
        raise Http404("No such section")

    def look_up_address(self, bound: list[ContactForm], prefix: str) -> HttpResponse:
        """Without a script the address button posts the form: fill in the address, save nothing."""
        asking = next(form for form in bound if form.prefix == prefix)
        code = str(asking["postal_code"].value() or "").strip()
        address = address_for_postal_code(code)
        unbound = []
        for form in bound:
            initial = {name: form[name].value() for name in form.fields}
            if form is asking and address:
                initial["address"] = address
            unbound.append(ContactForm(prefix=form.prefix, contact=form.contact, initial=initial))
        lookup = {
            "prefix": prefix,
            "postal_code": code,
            "address": address,
            "filled": bool(address),
        }
        return self.render_to_response(self.section_context(unbound, address_lookup=lookup))

    def after_save(self, slug: str, action: str) -> HttpResponse:
        group = self.group
        if self.registering:
            if action == "continue":
                return redirect("groups:edit", group.pk, self.next_slug(slug))
            messages.success(
                self.request,
                _("Saved as a draft. You can continue at any time from “My groups”."),
            )
            return redirect("groups:edit", group.pk, slug)
        messages.success(
            self.request,
            _("Saved. The changes are on the public page now and are recorded in the history.")
            if group.is_public
            else _("Saved. The changes are recorded in the history."),
        )
        next_slug = self.next_slug(slug)
        if action == "continue" and next_slug:
            return redirect("groups:edit", group.pk, next_slug)
        return redirect("groups:manage", group.pk)

    def next_slug(self, slug: str) -> str:
        slugs = [section.slug for section in sections_for(self.group)]
        index = slugs.index(slug)
        return slugs[index + 1] if index + 1 < len(slugs) else ""


class SubmitRegistrationView(GroupPageMixin, TemplateView):
    """The consent and the submission to the centre, from the confirmation step."""

    permission_required = "groups.submit_registration"
    template_name = "groups/edit_section.html"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        group = self.group
        consent = ConsentForm(request.POST, already_agreed=group.agreed_to_rules_at is not None)
        if not consent.is_valid():
            return self.render_to_response(self.confirm_context(consent=consent))
        try:
            services.agree_and_submit(group, acting_user(request))
        except services.RegistryError as refused:
            group.refresh_from_db()
            problems = refused.problems or [Problem(str(refused))]
            context = self.confirm_context(problems=problems, send_failed=True)
            return self.render_to_response(context)
        messages.success(
            request,
            _(
                "Thank you. Your registration has been sent to the Civic Activity Centre. "
                "We will mail you when it is approved."
            ),
        )
        return redirect("groups:manage", group.pk)


class SuggestionMixin(PortalPermissionRequiredMixin):
    """An htmx fragment for signed-in users; nothing to swap in if the session has ended."""

    permission_required = "groups.register_group"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.headers.get("HX-Request") and not request.user.is_authenticated:
            return HttpResponse(status=204)  # htmx swaps nothing; the form works without it
        return super().dispatch(request, *args, **kwargs)


class SuggestKanaView(SuggestionMixin, TemplateView):
    """htmx: the reading suggested for a group name, offered with a button to use it."""

    template_name = "groups/_kana_suggestion.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        name = params.get("name", "").strip()[:200]
        kana = reading_for(name) if name else ""
        fill = params.get("fill") == "1"
        context.update(
            kana=kana,
            same=kana == params.get("name_kana", "").strip(),
            fill=fill,
            fill_query=urlencode({"name": name, "fill": "1"}),
        )
        if kana and fill:
            form = StartRegistrationForm(initial={"name_kana": kana})
            context["oob_input"] = oob_input(form["name_kana"])
        return context


class SuggestAddressView(SuggestionMixin, TemplateView):
    """htmx: the address of a postal code (offline data), offered with a button to use it."""

    template_name = "groups/_address_suggestion.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        params = self.request.GET
        prefix = params.get("prefix", "")
        prefix = prefix if prefix in Contact.Kind.values else ""
        code = params.get("postal_code") or params.get(f"{prefix}-postal_code", "")
        code = code.strip()[:20]
        address = address_for_postal_code(code) if code else ""
        fill = params.get("fill") == "1" and bool(address) and bool(prefix)
        context["lookup"] = {
            "prefix": prefix,
            "postal_code": code,
            "address": address,
            "filled": fill,
            "fill_query": urlencode({"postal_code": code, "prefix": prefix, "fill": "1"}),
        }
        if fill:
            form = ContactForm(
                prefix=prefix, contact=Contact(kind=prefix), initial={"address": address}
            )
            context["oob_input"] = oob_input(form["address"])
        return context


def oob_input(field: BoundField) -> SafeString:
    """The field's input, marked to replace the page's input of the same id (htmx out of band)."""
    # htmx focuses an [autofocus] element it swaps in: the keyboard user lands on the filled
    # field instead of losing focus with the removed "use this" button.
    attrs: dict[str, str | bool] = {"hx-swap-oob": "true", "autofocus": True}
    if ids := describedby(field):
        attrs["aria-describedby"] = ids
    return field.as_widget(attrs=attrs)
