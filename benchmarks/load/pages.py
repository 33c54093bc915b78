"""The pages under load, found in the generated data (``manage.py seed_scale``), with the
session each needs and its SQL queries per request, counted in this process with Django's
test client against the same database and settings as the server.

Needs ``django.setup()`` first, with the server's environment.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext

from accounts.models import User
from collaboration.models import DepartmentNeed
from groups.models import ActivityField, District
from groups.queries import directory_groups
from kamakura_portal.models import Notification
from kamakura_portal.scale.context import DOMAIN, PLAN_CODE
from measures.models import Measure
from surveys.queries import published_surveys

from .server import FLOOR_PATH

HOST = "127.0.0.1"
KEYWORD = "子育て"
# Addresses a rotating page goes through: more than a run of it requests.
ROTATION = {"directory": 3000, "matching": 1000}
CENTRE = f"centre-0@{DOMAIN}"
SECRETARIAT = f"secretariat-0@{DOMAIN}"


@dataclass
class Page:
    name: str
    path: str
    email: str | None = None  # signed in as this generated account, else anonymous
    # Addresses taken in turn after ``path``, each user its own share of them: a page kept
    # rendered (kamakura_portal.shared_pages) then mostly costs what building it costs.
    rotation: tuple[str, ...] = ()
    cookie: str = ""
    queries: int | None = None
    status: int | None = None

    @property
    def paths(self) -> list[str]:
        return [self.path, *self.rotation]


def _first_pk(queryset: object, what: str) -> int:
    pk = queryset.order_by("pk").values_list("pk", flat=True).first()  # type: ignore[attr-defined]
    if pk is None:
        raise SystemExit(f"No {what} in the database: run `manage.py seed_scale` first.")
    return int(pk)


def _busiest_inbox() -> str:
    """The generated account with the most notices (the inbox at its fullest)."""
    row = (
        Notification.objects.filter(recipient__email__endswith=f"@{DOMAIN}")
        .values("recipient__email")
        .annotate(notices=Count("pk"))
        .order_by("-notices", "recipient__email")
        .first()
    )
    return str(row["recipient__email"]) if row else CENTRE


def floor() -> Page:
    return Page("floor (bare view)", FLOOR_PATH)


def scale_pages() -> list[Page]:
    field = _first_pk(ActivityField.objects.filter(code="kodomo-kosodate"), "activity field")
    district = _first_pk(District.objects.filter(is_active=True), "district")
    group = _first_pk(directory_groups(), "registered group")
    open_needs = DepartmentNeed.objects.filter(status=DepartmentNeed.Status.OPEN)
    need = _first_pk(open_needs, "open need")
    others = (
        open_needs.exclude(pk=need)
        .order_by("pk")
        .values_list("pk", flat=True)[: ROTATION["matching"]]
    )
    measure = _first_pk(Measure.objects.filter(plan__code=PLAN_CODE), "measure of the plan")
    survey = _first_pk(published_surveys(), "published survey")
    filtered = urlencode({"activity_field": field, "district": district})
    return [
        Page("home", "/"),
        Page("directory", "/groups/"),
        Page("directory: field + district", f"/groups/?{filtered}"),
        Page(f"directory: keyword {KEYWORD}", f"/groups/?{urlencode({'q': KEYWORD})}"),
        Page("directory: page 500", "/groups/?page=500"),
        Page(
            "directory: a new page each time",
            "/groups/?page=2",
            rotation=tuple(f"/groups/?page={n}" for n in range(3, ROTATION["directory"] + 3)),
        ),
        Page("group profile", f"/groups/{group}/"),
        Page("needs board", "/collaboration/needs/"),
        Page("matching one need", f"/coordination/needs/{need}/", CENTRE),
        Page(
            "matching: a new need each time",
            f"/coordination/needs/{others[0]}/",
            CENTRE,
            rotation=tuple(f"/coordination/needs/{pk}/" for pk in others[1:]),
        ),
        Page("coordinator dashboard", "/coordination/", CENTRE),
        Page("measures list", f"/measures/plans/{PLAN_CODE}/measures/"),
        Page("measure page", f"/measures/plans/{PLAN_CODE}/measures/{measure}/"),
        Page("survey results", f"/surveys/{survey}/results/"),
        Page("staff registry", "/groups/staff/", CENTRE),
        Page("proposal list (secretariat)", "/collaboration/review/", SECRETARIAT),
        Page("inbox", "/inbox/", _busiest_inbox()),
        Page("report list", "/reports/staff/", CENTRE),
    ]


def client_for(email: str | None) -> Client:
    client = Client(HTTP_HOST=HOST)
    if email is not None:
        client.force_login(User.objects.get(email=email))
    return client


def prepare(page: Page) -> None:
    """Sign the page's account in (a session in the database, as the form would leave it)
    and count the queries of one request after a first one has warmed the caches (for a
    rotating page, of its next address: what a new address costs)."""
    client = client_for(page.email)
    if page.email is not None:
        page.cookie = (
            f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
        )
    client.get(page.path)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(page.rotation[0] if page.rotation else page.path)
    page.status = response.status_code
    page.queries = len(captured.captured_queries)
