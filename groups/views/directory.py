"""The public directory of registered groups and their public profiles (everyone)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import QuerySet
from django.http import Http404
from django.views.generic import TemplateView
from django_filters.views import FilterView

from kamakura_portal.pagination import BoundedPaginator, RunsPaginator
from kamakura_portal.search import is_searchable
from kamakura_portal.shared_pages import SharedContentMixin

from ..filters import DirectoryFilter
from ..models import CitizenGroup, Contact
from ..queries import directory_groups, group_cards, public_profile, sorted_groups
from ..search import search_runs

RESULTS_ID = "directory-results"


class DirectoryView(SharedContentMixin, FilterView):
    """Registered groups, filtered and sorted through the address; 20 to a page.

    An htmx request from the search form gets only the results (the form stays as it is);
    without JavaScript the same address renders the whole page. What the address shows is
    the same for everyone: it is kept rendered (:mod:`kamakura_portal.shared_pages`).
    """

    filterset_class = DirectoryFilter
    paginate_by = 20
    read_replica = True  # kamakura_portal.db_router: a read-only page
    template_name = "groups/directory.html"
    content_template_name = "groups/_directory_content.html"
    results_template_name = "groups/_directory_results.html"
    vary_on = ("HX-Request", "HX-Target")
    paginator_class = BoundedPaginator

    def get_paginator(self, queryset: Any, per_page: int, *args: Any, **kwargs: Any) -> Any:
        # Counted only as deep as the asked page: the same cost at 350 or 100,000 groups.
        page = self.kwargs.get(self.page_kwarg) or self.request.GET.get(self.page_kwarg) or 1
        keyword = self.ranked_keyword()
        if keyword:
            # Best matches first: name matches, then the rest, each run paged on its own.
            runs = search_runs(queryset, keyword)
            return RunsPaginator(runs, per_page, *args, page=page, **kwargs)
        return super().get_paginator(queryset, per_page, *args, page=page, **kwargs)

    def ranked_keyword(self) -> str:
        """The keyword when the list is in its standard order for a keyword, else ``""``."""
        form = self.filterset.form
        if not self.filterset.is_valid() or form.cleaned_data.get("sort"):
            return ""
        keyword: str = form.cleaned_data.get("q") or ""
        return keyword if is_searchable(keyword) else ""

    def get_queryset(self) -> QuerySet[CitizenGroup]:
        # 五十音順 also when no filter is given (an unbound FilterSet does not sort).
        return sorted_groups(directory_groups(), "kana")

    def wants_results_only(self) -> bool:
        htmx = getattr(self.request, "htmx", None)
        if not htmx:
            return False
        return not htmx.history_restore_request and htmx.target == RESULTS_ID

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["results_id"] = RESULTS_ID
        context["results_only"] = self.wants_results_only()
        context["cards"] = group_cards(context["page_obj"].object_list)
        keyword = self.request.GET.get("q", "")
        context["searching"] = is_searchable(keyword)
        # Symbols or emoji alone: say so, and that the list is not narrowed by them.
        context["unsearchable"] = bool(keyword.strip()) and not context["searching"]
        # The conditions set, counted on the button that folds the form on a phone.
        context["conditions"] = sum(
            1
            for name, values in self.request.GET.lists()
            if name not in {"page", "sort"} and any(value.strip() for value in values)
        )
        return context


def _web_links(text: str) -> list[str]:
    """The lines of ``text`` that are http(s) addresses; anything else is never a link."""
    validate = URLValidator(schemes=["http", "https"])
    links = []
    for line in text.splitlines():
        line = line.strip()
        try:
            validate(line)
        except ValidationError:
            continue
        links.append(line)
    return links


class ProfileView(TemplateView):
    """A registered group's public page: public fields and public contact items only.

    Groups in any other status are not found, whoever asks: staff read them on the staff
    page, managers on their own.
    """

    template_name = "groups/profile.html"
    read_replica = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        group = public_profile(self.kwargs["pk"])
        if group is None:
            raise Http404
        context["group"] = group
        # (kind label, public items) per contact, the representative first; a contact with
        # nothing public is left out.
        order = list(Contact.Kind.values)
        context["contacts"] = [
            (contact.get_kind_display(), items)
            for contact in sorted(group.contacts.all(), key=lambda c: order.index(c.kind))
            if (items := contact.public_items())
        ]
        context["website"] = next(iter(_web_links(group.website)), "")
        context["social_links"] = _web_links(group.social_links)
        return context
