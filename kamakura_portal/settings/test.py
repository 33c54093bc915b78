"""Test settings: the real PostgreSQL and Redis of the machine (see Makefile ``test``)."""

import os

from . import deployment
from .base import *  # noqa: F403
from .base import MIDDLEWARE, env

DATABASES = {
    "default": env.db("DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/kamakura_portal")
}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DATABASES["default"]["TEST"] = {"CHARSET": "UTF8", "TEMPLATE": "template0"}
# A read replica that is the test database itself (tests/kamakura_portal/test_db_router.py);
# reads go to it only where a test turns PORTAL_REPLICA_READS on.
DATABASES["replica"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
DATABASE_ROUTERS = ["kamakura_portal.db_router.ReplicaRouter"]
if "kamakura_portal.db_router.ReplicaReadsMiddleware" not in MIDDLEWARE:
    MIDDLEWARE.append("kamakura_portal.db_router.ReplicaReadsMiddleware")
PORTAL_REPLICA_READS = False

# Under pytest-xdist each worker (gw0, gw1…) takes a Redis database of its own, counting
# down from the given one, so one worker's cache clearing and broker never reach another's.
_redis, _, _number = env.str("REDIS_URL", default="redis://127.0.0.1:6379/15").rpartition("/")
_worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
REDIS_URL = f"{_redis}/{int(_number) - int(_worker.removeprefix('gw') or 0)}"
CACHES = deployment.caches(REDIS_URL, prefix="portal-test")
CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL

# The suite serves static files from the apps and static/, not from collectstatic.
WHITENOISE_AUTOREFRESH = True
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
PORTAL_DEMO_MODE = False
PORTAL_REQUIRE_MFA_FOR_STAFF = False
# Browser tests log in many times from one address.
ACCOUNT_RATE_LIMITS = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
