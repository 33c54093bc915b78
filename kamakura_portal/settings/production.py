"""Production: refuses to start without its required variables; passes ``check --deploy``."""

from django.core.exceptions import ImproperlyConfigured

from . import deployment
from .base import *  # noqa: F403
from .base import DATABASES, _env_bool, env

REQUIRED_VARIABLES = ("SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL")
_missing = [name for name in REQUIRED_VARIABLES if not env.str(name, default="").strip()]
if _missing:
    raise ImproperlyConfigured(
        "必須の環境変数が設定されていません (required environment variable not set): "
        + ", ".join(_missing)
    )

DEBUG = False
SECRET_KEY = env.str("SECRET_KEY")
if len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5:
    raise ImproperlyConfigured("SECRET_KEY must be at least 50 characters of random text")
# The container health check calls /healthz on the loopback address.
ALLOWED_HOSTS = [*env.list("ALLOWED_HOSTS"), "127.0.0.1", "localhost"]
if DATABASES["default"]["ENGINE"] != deployment.POSTGRESQL:
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL in production")

PORTAL_DEMO_MODE = False
PORTAL_REQUIRE_MFA_FOR_STAFF = _env_bool("PORTAL_REQUIRE_MFA_FOR_STAFF", True)

SECURE_PROXY_SSL_HEADER = deployment.proxy_ssl_header(env, default="X-Forwarded-Proto")
SECURE_SSL_REDIRECT = _env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

STORAGES = {
    "default": deployment.file_storage(env),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
