"""The deployment files: docker-compose.yml validates and names every process the README lists."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_ENV = {
    "SECRET_KEY": "k" * 60,
    "ALLOWED_HOSTS": "portal.example.jp",
    "POSTGRES_PASSWORD": "pw",
}


def compose(*args: str, extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    binary = shutil.which("docker-compose")
    if binary is None:
        pytest.fail("docker-compose is missing: scripts/bootstrap.sh test installs it")
    env = {"PATH": os.environ["PATH"], **(extra_env or {})}
    return subprocess.run(
        [binary, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_the_compose_file_validates() -> None:
    result = compose("config", "-q", extra_env=COMPOSE_ENV)
    assert result.returncode == 0, result.stderr


def test_the_compose_file_runs_web_workers_beat_database_and_redis() -> None:
    result = compose("config", "--services", extra_env=COMPOSE_ENV)
    services = {"web", "worker", "reports-worker", "beat", "db", "redis"}
    assert set(result.stdout.split()) == services


def test_the_compose_file_stops_naming_a_missing_secret_key() -> None:
    env = {k: v for k, v in COMPOSE_ENV.items() if k != "SECRET_KEY"}
    result = compose("config", "-q", extra_env=env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_the_ci_script_runs_the_readme_test_command() -> None:
    assert "make test" in (ROOT / ".ci" / "run").read_text()
    readme = (ROOT / "README.md").read_text()
    assert "make run" in readme and "make test" in readme
