"""Shared fixtures: one user per role (healthchecks' alice/bob/charlie pattern).

``group_manager`` manages ``group_a``; ``other_group_manager`` manages ``group_b``;
``city_staff`` works in ``dept_own``; ``other_city_staff`` in ``dept_other``. A test that
must hold for every role uses :func:`for_every_role` with a complete role → expected map,
and the ``role_user`` / ``role_client`` fixtures.
"""

from __future__ import annotations

import gettext
import logging
import os
import subprocess
from collections.abc import Callable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.signals import setting_changed
from django.test import Client

from accounts.models import Role

from .factories import (
    CitizenGroupFactory,
    DepartmentFactory,
    DivisionFactory,
    GroupMembershipFactory,
    UserFactory,
)

ROLES = (
    "anonymous",
    "citizen",
    "group_manager",
    "other_group_manager",
    "centre_staff",
    "city_staff",
    "other_city_staff",
    "secretariat",
    "committee_member",
    "administrator",
)
# The roles that hold a staff role (centre, city, secretariat, committee, administrator).
STAFF_ROLES = frozenset(ROLES) - {"anonymous", "citizen", "group_manager", "other_group_manager"}


# The roles trusted with private data need two-factor authentication when the settings ask for
# it. The permission tests run again with the setting on (``--mfa-required``, the Makefile) for
# these roles, with TOTP set up, and for a twin of each without it (for the other roles the
# setting changes nothing: test_mfa_everywhere proves it permission by permission).
MFA_ROLES = ("centre_staff", "secretariat", "administrator")
WITHOUT_MFA = {f"{role}_without_mfa": role for role in MFA_ROLES}
MFA_REQUIRED = False  # set from the command line in pytest_configure


def expected_of(expected: Mapping[str, Any], role: str) -> Any:
    """What ``role`` gets: the map's entry; a twin without two-factor authentication, unless
    the map says: what a signed-in person without a role gets — except that a page the role
    would open sends the twin to set up two-factor authentication (302), not a 403."""
    if role in expected:
        return expected[role]
    role, citizen = WITHOUT_MFA[role], expected["citizen"]
    if citizen == 403 and expected[role] != 403:
        return 302
    return citizen


def for_every_role(expected: Mapping[str, Any]) -> Callable[[Any], Any]:
    """Parametrize a test over ``role, expected``; the map must name every role exactly once.

    A forgotten role is an error at collection time, so a new role cannot slip through the
    permission tests unnoticed. The test is marked ``permissions``; in the run with two-factor
    authentication required it runs for the roles it concerns and their twins without it
    (expected: :func:`expected_of`).
    """
    missing = [role for role in ROLES if role not in expected]
    unknown = [role for role in expected if role not in ROLES and role not in WITHOUT_MFA]
    if missing or unknown:
        raise ValueError(f"for_every_role: missing {missing}, unknown {unknown}")
    params = [pytest.param(r, expected_of(expected, r), id=r) for r in roles_of_the_run()]
    parametrize = pytest.mark.parametrize(("role", "expected"), params)

    def mark(test: Any) -> Any:
        return pytest.mark.permissions(parametrize(test))

    return mark


def acts(role: str, expected: Any) -> bool:
    """Whether a 302 is the action's own redirect: not a sign-in page (anonymous) nor the
    two-factor set-up page (a twin without two-factor authentication)."""
    return expected == 302 and role != "anonymous" and role not in WITHOUT_MFA


def roles_of_the_run() -> tuple[str, ...]:
    """The roles a permission test tries: with two-factor authentication required, those it
    concerns and their twins without it."""
    return MFA_ROLES + tuple(WITHOUT_MFA) if MFA_REQUIRED else ROLES


def roles_except(allowed: AbstractSet[str], yes: Any, no: Any) -> dict[str, Any]:
    """``{role: yes if role in allowed else no}`` for every role."""
    unknown = allowed - set(ROLES)
    if unknown:
        raise ValueError(f"roles_except: unknown roles {sorted(unknown)}")
    return {role: (yes if role in allowed else no) for role in ROLES}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--mfa-required",
        action="store_true",
        help="PORTAL_REQUIRE_MFA_FOR_STAFF on: staff roles with TOTP, plus their twins without",
    )


def pytest_configure(config: pytest.Config) -> None:
    global MFA_REQUIRED  # read while the test modules are collected
    MFA_REQUIRED = bool(config.getoption("--mfa-required"))


@pytest.fixture(autouse=True)
def _mfa_setting(request: pytest.FixtureRequest) -> None:
    if MFA_REQUIRED:
        request.getfixturevalue("settings").PORTAL_REQUIRE_MFA_FOR_STAFF = True


def with_totp(user: Any) -> Any:
    """In the run with two-factor authentication required, staff have it set up."""
    if MFA_REQUIRED:
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

        TOTP.activate(user, generate_totp_secret())
    return user


def pytest_sessionstart(session: pytest.Session) -> None:
    """Compile the project's catalogues (``*.mo`` are build artefacts, not committed)."""
    compiled = False
    for po in Path(settings.BASE_DIR, "locale").glob("*/LC_MESSAGES/*.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            partial = mo.with_suffix(f".mo.{os.getpid()}")
            result = subprocess.run(["msgfmt", "-o", str(partial), str(po)], check=False)
            if result.returncode == 0:
                os.replace(partial, mo)  # atomic: parallel workers never read half a file
                compiled = True
    if compiled:
        # Django and Python's gettext may have read the old catalogues: have both read again.
        gettext._translations.clear()  # type: ignore[attr-defined]
        setting_changed.send(
            sender=type(settings), setting="LOCALE_PATHS", value=settings.LOCALE_PATHS, enter=False
        )


@pytest.fixture(autouse=True)
def _clean_cache() -> Any:
    """The cache is the real Redis (db 15): start every test from an empty one."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _tasks_run_in_process() -> Any:
    """Tasks sent during a test run at once, in the test (after commit for ``send_after_commit``).

    Tests that need the real broker and a real worker turn this off (tests/kamakura_portal/
    test_celery.py).
    """
    from kamakura_portal.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager = False
    app.conf.task_eager_propagates = False


@pytest.fixture
def django_assert_num_queries(django_assert_num_queries: Any) -> Any:
    """pytest-django's pin, measured as a running process serves: with the content types
    cached (a web process caches them at its first request; a transactional test's flush
    empties the cache, and the shared records look their kind up in it)."""
    ContentType.objects.get_for_models(*apps.get_models())
    return django_assert_num_queries


@contextmanager
def broker_at(url: str, **transport_options: str) -> Iterator[None]:
    """Tasks really go to the broker at ``url`` (not run in process) during the block."""
    from kamakura_portal.celery import app

    previous = (app.conf.broker_url, app.conf.broker_transport_options)
    app.conf.task_always_eager = False
    app.conf.update(broker_url=url, broker_transport_options=transport_options)
    _forget_broker_connections(app)
    try:
        yield
    finally:
        app.conf.update(broker_url=previous[0], broker_transport_options=previous[1])
        _forget_broker_connections(app)


def broker_unreachable() -> Any:
    """A Redis broker that refuses the connection, as when Redis is down."""
    return broker_at("redis://127.0.0.1:1/15")  # nothing listens on port 1


def _forget_broker_connections(app: Any) -> None:
    """Connections and producers are pooled by URL: drop them so the next task connects anew."""
    app.close()
    vars(app.amqp)["_producer_pool"] = None


@contextmanager
def real_worker() -> Iterator[None]:
    """A Celery worker (in a thread of this process) on the real Redis broker."""
    from celery.contrib.testing.worker import start_worker

    from kamakura_portal.celery import app

    app.conf.task_always_eager = False
    # The worker sets up logging for itself (the root logger's level and handlers): give
    # the test run its own back, so later tests still capture their warnings.
    root, queues = logging.getLogger(), ["celery", "mail"]  # `make run`'s, reports aside
    level, handlers = root.level, root.handlers[:]
    try:
        with start_worker(
            app, perform_ping_check=False, pool="solo", shutdown_timeout=20, queues=queues
        ):
            yield
    finally:
        root.setLevel(level)
        root.handlers[:] = handlers


@pytest.fixture
def division(db: None) -> Any:
    return DivisionFactory.create(code="test-division", name="テスト部")


@pytest.fixture
def dept_own(division: Any) -> Any:
    return DepartmentFactory.create(code="test-own", name="自分の課", parent=division)


@pytest.fixture
def dept_other(division: Any) -> Any:
    return DepartmentFactory.create(code="test-other", name="よその課", parent=division)


@pytest.fixture
def group_a(db: None) -> Any:
    return CitizenGroupFactory.create(name="由比ガ浜の会", name_kana="ユイガハマノカイ")


@pytest.fixture
def group_b(db: None) -> Any:
    return CitizenGroupFactory.create(name="大船の会", name_kana="オオフナノカイ")


@pytest.fixture
def anonymous() -> AnonymousUser:
    return AnonymousUser()


@pytest.fixture
def citizen(db: None) -> Any:
    return UserFactory.create(email="citizen@example.jp", display_name="市民 一郎")


@pytest.fixture
def group_manager(group_a: Any) -> Any:
    user = UserFactory.create(email="manager@example.jp", display_name="由比 花子")
    GroupMembershipFactory.create(user=user, group=group_a)
    return user


@pytest.fixture
def other_group_manager(group_b: Any) -> Any:
    user = UserFactory.create(email="manager-other@example.jp", display_name="大船 太郎")
    GroupMembershipFactory.create(user=user, group=group_b)
    return user


@pytest.fixture
def centre_staff(db: None) -> Any:
    return with_totp(
        UserFactory.create(
            email="centre@example.jp", display_name="センター 職員", roles=[Role.CENTRE_STAFF]
        )
    )


@pytest.fixture
def city_staff(dept_own: Any) -> Any:
    return UserFactory.create(
        email="city@example.jp",
        display_name="自課 職員",
        roles=[(Role.CITY_STAFF, dept_own)],
    )


@pytest.fixture
def other_city_staff(dept_other: Any) -> Any:
    return UserFactory.create(
        email="city-other@example.jp",
        display_name="他課 職員",
        roles=[(Role.CITY_STAFF, dept_other)],
    )


@pytest.fixture
def secretariat(db: None) -> Any:
    return with_totp(
        UserFactory.create(
            email="secretariat@example.jp", display_name="つながり 事務局", roles=[Role.SECRETARIAT]
        )
    )


@pytest.fixture
def committee_member(db: None) -> Any:
    return UserFactory.create(
        email="committee@example.jp", display_name="推進 委員", roles=[Role.COMMITTEE]
    )


@pytest.fixture
def administrator(db: None) -> Any:
    return with_totp(
        UserFactory.create(
            email="admin@example.jp", display_name="管理者", roles=[Role.ADMINISTRATOR]
        )
    )


def _without_mfa(role: str, name: str) -> Any:
    """A twin of a staff role who has not set up two-factor authentication."""
    return UserFactory.create(email=f"{role}-no-mfa@example.jp", display_name=name, roles=[role])


@pytest.fixture
def centre_staff_without_mfa(db: None) -> Any:
    return _without_mfa(Role.CENTRE_STAFF, "センター 未設定")


@pytest.fixture
def secretariat_without_mfa(db: None) -> Any:
    return _without_mfa(Role.SECRETARIAT, "事務局 未設定")


@pytest.fixture
def administrator_without_mfa(db: None) -> Any:
    return _without_mfa(Role.ADMINISTRATOR, "管理者 未設定")


@pytest.fixture
def role_user(request: pytest.FixtureRequest, role: str) -> Any:
    """The user of the parametrized ``role`` (an ``AnonymousUser`` for ``anonymous``)."""
    return request.getfixturevalue(role)


def client_for(user: Any) -> Client:
    client = Client()
    if user.is_authenticated:
        client.force_login(user)
    return client


@pytest.fixture
def role_client(role_user: Any) -> Client:
    """A test client signed in as the parametrized ``role`` (anonymous: not signed in)."""
    return client_for(role_user)


def ja(message: str) -> str:
    """A message as the pages, mails and services give it (Japanese, the default)."""
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override("ja"):
        return gettext(message)


def recipients_of(messages: Any) -> list[str]:
    """The addresses mailed, sorted; each message goes to one person only, so no recipient
    sees another's address."""
    assert all(len(message.to) == 1 and not message.cc for message in messages)
    return sorted(message.to[0] for message in messages)
