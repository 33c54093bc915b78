"""Settings start-up behaviour, each case in a fresh interpreter with a scrubbed environment."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION_ENV = {
    "SECRET_KEY": "q3J9v-Xk2pL8mZr7tWc4YbN6hFs1Ud0eGaQiKoRjTyVwxC5_EnHsMbPlAz",
    "ALLOWED_HOSTS": "portal.example.jp",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
}


def run_django(settings_module: str, code: str, **variables: str) -> subprocess.CompletedProcess:
    """Run ``code`` after ``django.setup()`` with only the given variables in the environment."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        "DJANGO_SETTINGS_MODULE": settings_module,
        **variables,
    }
    return subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


def manage(*args: str, **variables: str) -> subprocess.CompletedProcess:
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "LANG": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        **variables,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )


@pytest.mark.parametrize("missing", sorted(PRODUCTION_ENV))
def test_production_refuses_to_start_without_a_required_variable_and_names_it(
    missing: str,
) -> None:
    variables = {name: value for name, value in PRODUCTION_ENV.items() if name != missing}
    result = run_django("kamakura_portal.settings.production", "print('started')", **variables)
    assert result.returncode != 0
    assert "started" not in result.stdout
    assert "ImproperlyConfigured" in result.stderr
    message = result.stderr.strip().splitlines()[-1]
    assert missing in message
    assert not [name for name in PRODUCTION_ENV if name != missing and name in message]


def test_production_refuses_a_short_secret_key() -> None:
    result = run_django(
        "kamakura_portal.settings.production",
        "print('started')",
        **{**PRODUCTION_ENV, "SECRET_KEY": "short"},
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr.strip().splitlines()[-1]


def test_production_passes_the_deployment_checks_without_a_single_warning() -> None:
    result = manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="kamakura_portal.settings.production",
        **PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "WARNINGS" not in result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_without_a_database_url_the_portal_runs_on_sqlite() -> None:
    result = run_django(
        "kamakura_portal.settings.base",
        "from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE']); "
        "print(settings.CELERY_BROKER_URL)",
    )
    assert result.returncode == 0, result.stderr
    engine, broker = result.stdout.split()
    assert engine == "django.db.backends.sqlite3"
    assert broker == "filesystem://"


def test_a_malformed_boolean_stops_the_start_with_a_clear_message() -> None:
    result = run_django("kamakura_portal.settings.base", "print('started')", DEBUG="maybe")
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("django.core.exceptions.ImproperlyConfigured")
    assert "DEBUG" in last_line
    assert "maybe" in last_line


def test_the_test_settings_use_postgresql_and_redis() -> None:
    assert settings.DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql"
    assert settings.CELERY_BROKER_URL.startswith("redis://")
    assert settings.CACHES["default"]["BACKEND"].endswith("RedisCache")
