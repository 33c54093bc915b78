"""The portal under load: gunicorn with production settings on a free local port, started
for the run and always stopped after it."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
FLOOR_PATH = "/bench/floor"


def portal_environment(database_url: str, redis_url: str) -> dict[str, str]:
    """Production settings as a deployment runs them, less what needs TLS in front (the
    redirect to HTTPS) and the staff's second factor (the benchmark's sessions have none),
    plus the floor view."""
    environment = dict(os.environ)
    environment.update(
        DJANGO_SETTINGS_MODULE="kamakura_portal.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        SECURE_SSL_REDIRECT="false",
        PORTAL_REQUIRE_MFA_FOR_STAFF="false",
        PORTAL_BENCH_FLOOR="true",
        LOG_LEVEL="WARNING",
    )
    return environment


def collect_static(environment: dict[str, str]) -> None:
    """The manifest the production static storage reads (as the image build makes it)."""
    subprocess.run(  # noqa: S603
        [str(BIN / "python"), "manage.py", "collectstatic", "--no-input", "-v", "0"],
        cwd=BASE_DIR,
        env=environment,
        check=True,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def portal(environment: dict[str, str], workers: int, log: Path) -> Iterator[str]:
    """gunicorn serving the portal; yields its base URL once the floor answers."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with log.open("ab") as output:
        process = subprocess.Popen(  # noqa: S603
            [
                str(BIN / "gunicorn"),
                "kamakura_portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--timeout",
                "60",  # as the image runs it
            ],
            cwd=BASE_DIR,
            env=environment,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 60
        while not _answers(base + FLOOR_PATH):
            if process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {process.returncode}; see {log}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not answer within 60 s; see {log}")
            time.sleep(0.3)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
