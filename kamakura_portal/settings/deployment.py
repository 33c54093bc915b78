"""Settings for a deployment on more than one machine, read from the environment.

Each is off unless its variable is set, so a single machine (and ``make run``) works as before:
object storage for files (``PORTAL_STORAGE=s3``), PgBouncer in transaction mode
(``PORTAL_PGBOUNCER``), a read replica (``DATABASE_REPLICA_URL``) and the proxy's headers.
"""

from __future__ import annotations

from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured

POSTGRESQL = "django.db.backends.postgresql"
FILESYSTEM_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def database(env: environ.Env, config: dict[str, Any], *, pgbouncer: bool) -> dict[str, Any]:
    """One PostgreSQL alias's connection settings; behind PgBouncer in transaction mode a
    server connection serves one transaction only, so nothing may outlive a transaction:
    no server-side cursors (``.iterator()`` then fetches in chunks on the client) and no
    prepared statements. PgBouncer pools, so Django keeps no connection by default."""
    if config["ENGINE"] != POSTGRESQL:
        return config
    config["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0 if pgbouncer else 60)
    config["CONN_HEALTH_CHECKS"] = True
    if pgbouncer:
        config["DISABLE_SERVER_SIDE_CURSORS"] = True
        config.setdefault("OPTIONS", {})["prepare_threshold"] = None
    return config


def databases(
    env: environ.Env, default: dict[str, Any], *, pgbouncer: bool
) -> dict[str, dict[str, Any]]:
    """The primary, and the ``replica`` alias when ``DATABASE_REPLICA_URL`` is set."""
    result = {"default": database(env, default, pgbouncer=pgbouncer)}
    if env.str("DATABASE_REPLICA_URL", default=""):
        replica = database(env, env.db("DATABASE_REPLICA_URL"), pgbouncer=pgbouncer)
        if replica["ENGINE"] != default["ENGINE"]:
            raise ImproperlyConfigured(
                "DATABASE_REPLICA_URL must use the same engine as DATABASE_URL"
            )
        result["replica"] = replica
    return result


def caches(redis_url: str, *, prefix: str) -> dict[str, Any]:
    """The shared cache (Redis, or this process's memory without ``redis_url``) and ``local``,
    always this process's memory (the most recent thousand entries, a few megabytes): for what
    depends on the code alone (the page shell's fixed parts, ``{% cache … using="local" %}``)
    and the copies of kept pages (:mod:`kamakura_portal.shared_pages`)."""
    memory = "django.core.cache.backends.locmem.LocMemCache"
    shared = (
        {"BACKEND": "kamakura_portal.redis_cache.RedisCache", "LOCATION": redis_url}
        if redis_url
        else {"BACKEND": memory}
    )
    return {
        "default": {**shared, "KEY_PREFIX": prefix},
        "local": {"BACKEND": memory, "LOCATION": "local", "OPTIONS": {"MAX_ENTRIES": 1000}},
    }


def file_storage(env: environ.Env) -> dict[str, Any]:
    """Where report files and uploads go: the local ``MEDIA_ROOT`` or an S3-compatible bucket.

    Every stored file is private: the portal's own views check the permission and stream the
    file (reports, logos, attachments, imports), so objects are written ``private`` and the
    bucket needs no public access. Credentials come from the usual AWS variables or the
    machine's role, read by boto3 itself.
    """
    kind = env.str("PORTAL_STORAGE", default="filesystem").strip().lower()
    if kind == "filesystem":
        return FILESYSTEM_STORAGE
    if kind != "s3":
        raise ImproperlyConfigured(f"PORTAL_STORAGE must be filesystem or s3, not {kind!r}")
    bucket = env.str("AWS_STORAGE_BUCKET_NAME", default="").strip()
    if not bucket:
        raise ImproperlyConfigured("PORTAL_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME")
    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": bucket,
            "endpoint_url": env.str("AWS_S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("AWS_S3_REGION_NAME", default="") or None,
            "location": env.str("AWS_LOCATION", default=""),
            "default_acl": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
            # A name taken is never overwritten: the storage picks another, as on disk.
            "file_overwrite": False,
        },
    }


def proxy_ssl_header(env: environ.Env, default: str) -> tuple[str, str] | None:
    """The header by which the load balancer says the request came over HTTPS ("off": none)."""
    header = env.str("SECURE_PROXY_SSL_HEADER", default=default).strip()
    if header.lower() in {"", "off", "none"}:
        return None
    return ("HTTP_" + header.upper().replace("-", "_"), "https")
