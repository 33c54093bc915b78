"""One generation, start to end: refuse what must be refused, load the reference data a
migrated database lacks, generate every part in one transaction, reset the sequences, then
analyse the tables loaded."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from django.conf import settings
from django.db import connection, transaction

from accounts.models import Department
from accounts.services import load_departments
from collaboration.models import Program
from collaboration.reference import load_programs
from coordination.models import Topic
from coordination.reference import load_topics
from groups.models import ActivityField, CitizenGroup, District
from groups.reference import load_taxonomies
from kamakura_portal.db import is_postgresql

from .bulk import analyze, reset_sequences
from .collaboration import make_collaboration
from .context import Run, Sizes
from .coordination import make_consultations, make_invitations
from .groups import make_groups
from .measures import make_measures
from .people import make_people
from .replace import Refusal, leftovers, remove_generated
from .surveys import make_surveys
from .text import tokens_of

# Responses per survey, as a share of the groups: one response per group and survey, from
# the registered groups (about three in four generated groups).
RESPONDING_SHARE = 0.6


def check_sizes(sizes: Sizes) -> None:
    if min(vars(sizes).values()) < 0:
        raise Refusal("Sizes cannot be negative.")
    if sizes.groups < 1:
        raise Refusal("--groups must be at least 1.")
    if sizes.responses and not sizes.surveys:
        raise Refusal("--responses needs at least one survey (--surveys).")
    per_survey = -(-sizes.responses // max(sizes.surveys, 1))
    if per_survey > sizes.groups * RESPONDING_SHARE:
        raise Refusal(
            f"{per_survey} responses per survey is more than the registered groups can give "
            f"(one each): ask for fewer --responses, more --surveys or more --groups."
        )
    if sizes.measures and sizes.years < 1:
        raise Refusal("--measures needs at least one fiscal year of progress (--years).")


def check_database(*, replace: bool, force: bool) -> None:
    """Refuse SQLite, a production-like configuration without ``force``, and a database that
    holds groups (or an earlier run's rows) without ``replace``."""
    if not is_postgresql():
        raise Refusal(
            "seed_scale loads with PostgreSQL's COPY and needs PostgreSQL; "
            "this database is " + connection.vendor + "."
        )
    if not settings.DEBUG and not settings.PORTAL_DEMO_MODE and not force:
        raise Refusal(
            "This looks like a production configuration (DEBUG and PORTAL_DEMO_MODE are off). "
            "seed_scale writes made-up data; add --force if this database is really meant for it."
        )
    if replace:
        return
    groups = CitizenGroup.objects.count()
    if groups:
        raise Refusal(
            f"The database already holds {groups} groups. seed_scale fills an empty database; "
            "--replace first removes what an earlier seed_scale run generated (and nothing else)."
        )
    if leftovers():
        raise Refusal("Rows of an earlier seed_scale run are still there: use --replace.")


def load_reference() -> None:
    """The reference data a freshly migrated database lacks; tables that hold rows already
    are left as they are."""
    if not Department.objects.exists():
        load_departments()
    if not ActivityField.objects.exists() or not District.objects.exists():
        load_taxonomies()
    if not Program.objects.exists():
        load_programs()
    if not Topic.objects.exists():
        load_topics()


def generate(
    sizes: Sizes,
    *,
    seed: int,
    today: datetime.date,
    replace: bool,
    say: Callable[[str], None],
) -> Run:
    """Generate ``sizes`` in one transaction (all or nothing), after removing an earlier
    run's rows if ``replace``. Benchmarks call this directly on their own databases; the
    command checks the sizes and the database first (:func:`check_sizes`,
    :func:`check_database`)."""
    run = Run(sizes, seed, today)
    with transaction.atomic():
        if replace:
            with run.step("remove the earlier run"):
                removed = remove_generated()
            say(f"removed {sum(removed.values()):,} generated rows in {len(removed)} tables")
        with run.step("reference data"):
            load_reference()
        with run.step("accounts"):
            people = make_people(run)
        with run.step("groups"):
            registry = make_groups(run, people)
        with run.step("needs and proposals"):
            made = make_collaboration(run, people, registry)
        with run.step("invitations"):
            make_invitations(run, people, registry, made)
        with run.step("consultations"):
            make_consultations(run, people, registry)
        with run.step("surveys"):
            make_surveys(run, people, registry)
        if sizes.measures:
            with run.step("measures"):
                make_measures(run, people)
        with run.step("sequences and foreign keys"):
            reset_sequences(run.loads.tables)
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # checked now, not at commit
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    tokens_of.cache_clear()
    with run.step("analyze"):
        analyze(run.loads.tables)
    return run
