"""Settings for more than one machine (kamakura_portal/settings/deployment.py), each read in a
fresh interpreter from the environment, and the Celery queues each task goes to and who
consumes them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kamakura_portal.celery import app
from tests.conftest import real_worker
from tests.kamakura_portal.test_settings import PRODUCTION_ENV, run_django

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = "kamakura_portal.settings.production"
LOCAL = "kamakura_portal.settings.local"
REPLICA_URL = "postgres://reader@127.0.0.1:5432/postgres"


def settings_of(module: str, code: str, **variables: str) -> Any:
    result = run_django(
        module, f"from django.conf import settings as s; import json; {code}", **variables
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def database_of(module: str, **variables: str) -> dict[str, Any]:
    keys = ("CONN_MAX_AGE", "DISABLE_SERVER_SIDE_CURSORS", "OPTIONS", "USER")
    code = (
        f"print(json.dumps({{a: {{k: d.get(k) for k in {keys!r}}} "
        "for a, d in s.DATABASES.items()}))"
    )
    return settings_of(module, code, **variables)


def test_production_behind_pgbouncer_uses_no_server_side_cursors_nor_prepared_statements() -> None:
    databases = database_of(PRODUCTION, **PRODUCTION_ENV, PORTAL_PGBOUNCER="true")
    assert databases["default"]["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert databases["default"]["OPTIONS"] == {"prepare_threshold": None}
    assert databases["default"]["CONN_MAX_AGE"] == 0  # PgBouncer keeps the connections


def test_production_without_pgbouncer_keeps_its_connections_and_cursors() -> None:
    databases = database_of(PRODUCTION, **PRODUCTION_ENV)
    assert databases["default"]["DISABLE_SERVER_SIDE_CURSORS"] is None
    assert databases["default"]["CONN_MAX_AGE"] == 60


def test_a_malformed_pgbouncer_switch_stops_start_up() -> None:
    result = run_django(PRODUCTION, "print('started')", **PRODUCTION_ENV, PORTAL_PGBOUNCER="maybe")
    assert result.returncode != 0
    assert "PORTAL_PGBOUNCER" in result.stderr.strip().splitlines()[-1]


@pytest.mark.django_db
def test_without_server_side_cursors_the_needs_board_declares_no_cursor(
    monkeypatch: pytest.MonkeyPatch, client: Any
) -> None:
    """What PORTAL_PGBOUNCER changes: the board's ``.iterator()`` would otherwise DECLARE a
    cursor, which a transaction-mode pool cannot keep between statements."""

    def declared() -> list[str]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("collaboration:needs")).status_code == 200
        return [query["sql"] for query in queries if query["sql"].startswith("DECLARE")]

    assert declared() != []
    monkeypatch.setitem(connection.settings_dict, "DISABLE_SERVER_SIDE_CURSORS", True)
    assert declared() == []


def test_a_replica_url_adds_the_replica_its_router_and_its_middleware() -> None:
    code = (
        "print(json.dumps([sorted(s.DATABASES), s.DATABASE_ROUTERS, s.MIDDLEWARE[-1], "
        "s.PORTAL_REPLICA_READS]))"
    )
    found = settings_of(PRODUCTION, code, **PRODUCTION_ENV, DATABASE_REPLICA_URL=REPLICA_URL)
    assert found == [
        ["default", "replica"],
        ["kamakura_portal.db_router.ReplicaRouter"],
        "kamakura_portal.db_router.ReplicaReadsMiddleware",
        True,
    ]
    assert (
        database_of(PRODUCTION, **PRODUCTION_ENV, DATABASE_REPLICA_URL=REPLICA_URL)["replica"][
            "USER"
        ]
        == "reader"
    )


def test_without_a_replica_there_is_one_database_and_no_router() -> None:
    code = "print(json.dumps([sorted(s.DATABASES), s.DATABASE_ROUTERS, s.PORTAL_REPLICA_READS]))"
    assert settings_of(LOCAL, code) == [["default"], [], False]


def test_a_replica_on_another_engine_stops_start_up() -> None:
    result = run_django(
        PRODUCTION, "print('started')", **PRODUCTION_ENV, DATABASE_REPLICA_URL="sqlite:///x.db"
    )
    assert result.returncode != 0
    assert "DATABASE_REPLICA_URL" in result.stderr.strip().splitlines()[-1]


def test_files_go_to_a_private_bucket_with_portal_storage_s3() -> None:
    code = "print(json.dumps(s.STORAGES['default']))"
    storage = settings_of(
        PRODUCTION,
        code,
        **PRODUCTION_ENV,
        PORTAL_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="portal-files",
        AWS_S3_ENDPOINT_URL="https://objects.example.jp",
        AWS_S3_REGION_NAME="jp-east-1",
    )
    assert storage["BACKEND"] == "storages.backends.s3.S3Storage"
    options = storage["OPTIONS"]
    assert options["bucket_name"] == "portal-files"
    assert options["endpoint_url"] == "https://objects.example.jp"
    assert options["region_name"] == "jp-east-1"
    assert options["default_acl"] == "private"
    assert options["querystring_auth"] is True
    assert options["file_overwrite"] is False


@pytest.mark.parametrize("module", [LOCAL, PRODUCTION])
def test_files_stay_on_the_local_disk_by_default(module: str) -> None:
    code = "print(json.dumps(s.STORAGES['default']))"
    storage = settings_of(module, code, **PRODUCTION_ENV)
    assert storage == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


@pytest.mark.parametrize(
    ("variables", "named"),
    [
        ({"PORTAL_STORAGE": "s3"}, "AWS_STORAGE_BUCKET_NAME"),
        ({"PORTAL_STORAGE": "ftp"}, "PORTAL_STORAGE"),
    ],
)
def test_an_incomplete_storage_setting_stops_start_up(
    variables: dict[str, str], named: str
) -> None:
    result = run_django(PRODUCTION, "print('started')", **PRODUCTION_ENV, **variables)
    assert result.returncode != 0
    assert named in result.stderr.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("module", "variables", "expected"),
    [
        (PRODUCTION, {}, [["HTTP_X_FORWARDED_PROTO", "https"], False]),
        (
            PRODUCTION,
            {"SECURE_PROXY_SSL_HEADER": "X-Forwarded-Ssl"},
            [["HTTP_X_FORWARDED_SSL", "https"], False],
        ),
        (
            PRODUCTION,
            {"SECURE_PROXY_SSL_HEADER": "off", "USE_X_FORWARDED_HOST": "true"},
            [None, True],
        ),
        (LOCAL, {}, [None, False]),
    ],
)
def test_the_load_balancers_headers_are_trusted_as_configured(
    module: str, variables: dict[str, str], expected: list[Any]
) -> None:
    code = "print(json.dumps([s.SECURE_PROXY_SSL_HEADER, s.USE_X_FORWARDED_HOST]))"
    assert settings_of(module, code, **PRODUCTION_ENV, **variables) == expected


def test_sessions_are_kept_in_the_database_shared_by_every_web_process() -> None:
    code = "print(json.dumps(s.SESSION_ENGINE))"
    assert settings_of(PRODUCTION, code, **PRODUCTION_ENV) == "django.contrib.sessions.backends.db"


MAIL_TASKS = {"portal.send_outbox_mail", "portal.sweep_outbox"}


def queue_of(task_name: str) -> str:
    return app.amqp.router.route({}, task_name)["queue"].name


def test_each_task_goes_to_the_queue_of_its_kind() -> None:
    portal_tasks = {name for name in app.tasks if not name.startswith("celery.")}
    assert MAIL_TASKS | {"reports.generate", "groups.run_renewal_cycle"} <= portal_tasks
    for name in portal_tasks:
        expected = (
            "mail" if name in MAIL_TASKS else "reports" if name == "reports.generate" else "celery"
        )
        assert (name, queue_of(name)) == (name, expected)


def queues_consumed(command: str) -> set[str]:
    found = re.search(r"-Q\s+([\w,]+)", command)
    return set(found.group(1).split(",")) if found else {"celery"}


def test_make_runs_worker_consumes_every_queue() -> None:
    command = next(
        line
        for line in (ROOT / "scripts" / "run.sh").read_text().splitlines()
        if "celery -A" in line
    )
    assert queues_consumed(command) == {"celery", "reports", "mail"}


def compose_config(*extra_files: str, **variables: str) -> str:
    binary = shutil.which("docker-compose")
    if binary is None:
        pytest.fail("docker-compose is missing: scripts/bootstrap.sh test installs it")
    env = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": "k" * 60,
        "ALLOWED_HOSTS": "portal.example.jp",
        "POSTGRES_PASSWORD": "pw",
        **variables,
    }
    files = [arg for name in ("docker-compose.yml", *extra_files) for arg in ("-f", name)]
    result = subprocess.run(
        [binary, *files, "config"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_compose_files_workers_consume_every_queue() -> None:
    result = compose_config()
    services = yaml.safe_load(result)["services"]
    consumed: set[str] = set()
    for service in services.values():
        command = service.get("command") or ""
        command = command if isinstance(command, str) else " ".join(command)
        if " worker" in f" {command}":
            consumed |= queues_consumed(command)
    assert consumed == {"celery", "reports", "mail"}


WORKERS = {"worker": {"celery"}, "mail-worker": {"mail"}, "reports-worker": {"reports"}}


def test_the_multi_machine_example_runs_a_worker_per_queue() -> None:
    result = compose_config(
        "docker-compose.multi.yml",
        DATABASE_URL="postgres://portal@pgbouncer:6432/portal",
        REDIS_URL="redis://redis.internal:6379/0",
        AWS_STORAGE_BUCKET_NAME="portal-files",
    )
    services = yaml.safe_load(result)["services"]
    assert {name: queues_consumed(services[name]["command"]) for name in WORKERS} == WORKERS
    assert services["web"]["environment"]["PORTAL_STORAGE"] == "s3"


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_sends_mail_from_the_mail_queue() -> None:
    with real_worker():
        assert app.tasks["portal.send_outbox_mail"].delay([]).get(timeout=20) == 0
