"""Settings shared by every environment, read from the environment with django-environ.

Defaults are chosen so that a bare machine works: no ``DATABASE_URL`` means SQLite, no
``REDIS_URL`` means a local-memory cache and a file-system Celery broker (no server needed).
"""

import datetime
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from . import deployment

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(str(BASE_DIR / ".env"))


def _env_bool(name: str, default: bool) -> bool:
    """A boolean variable that rejects anything but the usual spellings."""
    raw = env.str(name, default="").strip().lower()
    if raw == "":
        return default
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


DEBUG = _env_bool("DEBUG", False)
SECRET_KEY = env.str("SECRET_KEY", default="insecure-local-development-key-change-me-0123456789")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")

# Demo mode creates demo accounts and data; never on in production.
PORTAL_DEMO_MODE = _env_bool("PORTAL_DEMO_MODE", False)
# Staff roles must set up two-factor authentication before they can see private data.
PORTAL_REQUIRE_MFA_FOR_STAFF = _env_bool("PORTAL_REQUIRE_MFA_FOR_STAFF", False)
# The load benchmark's floor: a bare view behind the whole middleware stack at
# /bench/floor (benchmarks/load). Off unless the benchmark turns it on.
PORTAL_BENCH_FLOOR = _env_bool("PORTAL_BENCH_FLOOR", False)
PORTAL_SITE_NAME = _("Tsunagaru Kamakura Civic Activity Portal")
# The municipality whose portal this is: its own plans come first in the measures' list.
PORTAL_MUNICIPALITY = env.str("PORTAL_MUNICIPALITY", default="鎌倉市")


def _env_month_day(name: str, default: str) -> tuple[int, int]:
    raw = env.str(name, default=default).strip()
    try:
        month, day = (int(part) for part in raw.split("-"))
        datetime.date(2024, month, day)  # a leap year: 02-29 is allowed
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be MM-DD, for example 06-30, not {raw!r}"
        ) from None
    return month, day


# Registry: registrations are valid to 31 March; groups not renewed by this day of the new
# fiscal year become 更新待ち and leave the public directory. Reminders start on 1 April and
# are repeated every PORTAL_RENEWAL_REMINDER_DAYS days until the group renews.
PORTAL_RENEWAL_DEADLINE = _env_month_day("PORTAL_RENEWAL_DEADLINE", "06-30")
PORTAL_RENEWAL_REMINDER_DAYS = env.int("PORTAL_RENEWAL_REMINDER_DAYS", default=30)
# Co-manager invitations expire after this many days.
PORTAL_INVITATION_DAYS = env.int("PORTAL_INVITATION_DAYS", default=14)
# Coordinators' invitations (打診) of groups to a department need: the answer date offered by
# default, and the reminder of an invitation still unanswered this many days after it was sent.
PORTAL_NEED_INVITATION_ANSWER_DAYS = env.int("PORTAL_NEED_INVITATION_ANSWER_DAYS", default=14)
PORTAL_NEED_INVITATION_REMINDER_DAYS = env.int("PORTAL_NEED_INVITATION_REMINDER_DAYS", default=7)
# Surveys: those who have not submitted are reminded once, this many days before closing.
PORTAL_SURVEY_REMINDER_DAYS = env.int("PORTAL_SURVEY_REMINDER_DAYS", default=7)


def _env_days(name: str, default: str) -> tuple[int, ...]:
    raw = env.str(name, default=default)
    try:
        days = tuple(sorted({int(part) for part in raw.split(",") if part.strip()}, reverse=True))
    except ValueError:
        days = ()
    if not days or min(days) < 0:
        raise ImproperlyConfigured(
            f"{name} must be whole numbers of days separated by commas, e.g. 14,3, not {raw!r}"
        )
    return days


# Measures: departments whose progress reports are not submitted are reminded this many days
# before the deadline the secretariat sets (one mail per distance).
PORTAL_PROGRESS_REMINDER_DAYS = _env_days("PORTAL_PROGRESS_REMINDER_DAYS", "14,3")

# Printed reports: an unpublished report's file is removed this many days after it is made;
# a report still being made after the soft limit (seconds) ends in 失敗 with a message, and
# its worker process is killed at the hard limit.
PORTAL_REPORT_EXPIRY_DAYS = env.int("PORTAL_REPORT_EXPIRY_DAYS", default=30)
PORTAL_REPORT_SOFT_TIME_LIMIT = env.int("PORTAL_REPORT_SOFT_TIME_LIMIT", default=300)
PORTAL_REPORT_TIME_LIMIT = env.int("PORTAL_REPORT_TIME_LIMIT", default=360)
if PORTAL_REPORT_EXPIRY_DAYS < 1 or not (
    0 < PORTAL_REPORT_SOFT_TIME_LIMIT < PORTAL_REPORT_TIME_LIMIT
):
    raise ImproperlyConfigured(
        "PORTAL_REPORT_EXPIRY_DAYS must be 1 or more, and PORTAL_REPORT_SOFT_TIME_LIMIT more "
        "than 0 and less than PORTAL_REPORT_TIME_LIMIT"
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "rules.apps.AutodiscoverRulesConfig",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "auditlog",
    "django_filters",
    "django_htmx",
    "kamakura_portal",
    "accounts",
    "groups",
    "collaboration",
    "coordination",
    "measures",
    "surveys",
    "reports",
    "pages",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "auditlog.middleware.AuditlogMiddleware",
]

ROOT_URLCONF = "kamakura_portal.urls"
WSGI_APPLICATION = "kamakura_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kamakura_portal.context_processors.portal",
            ],
        },
    }
]
FORM_RENDERER = "kamakura_portal.forms.PortalFormRenderer"

# Database: SQLite unless DATABASE_URL is given (PostgreSQL with psycopg 3), optionally
# behind PgBouncer in transaction mode and with a read replica for the read-only pages.
PORTAL_PGBOUNCER = _env_bool("PORTAL_PGBOUNCER", False)
DATABASES = deployment.databases(
    env,
    env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
    pgbouncer=PORTAL_PGBOUNCER,
)
if PORTAL_REPLICA_READS := "replica" in DATABASES:
    DATABASE_ROUTERS = ["kamakura_portal.db_router.ReplicaRouter"]
    MIDDLEWARE.append("kamakura_portal.db_router.ReplicaReadsMiddleware")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache and Celery broker: Redis when REDIS_URL is given, otherwise local and file-system.
REDIS_URL = env.str("REDIS_URL", default="")
CACHES = deployment.caches(REDIS_URL, prefix="portal")

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"

# django-allauth: email login, mandatory verification, rate limits in the default cache.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
# A person who signs up twice is told beside the field that the address is registered, instead
# of waiting for a mail; the rate limits below keep probing for addresses slow.
ACCOUNT_PREVENT_ENUMERATION = False
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_FORMS = {"signup": "accounts.forms.PortalSignupForm"}
ACCOUNT_ADAPTER = "accounts.adapter.PortalAccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[つながる鎌倉] "
ACCOUNT_RATE_LIMITS: dict[str, str] | bool = {
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "confirm_email": "1/3m/key",
}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "つながる鎌倉"

LANGUAGE_CODE = "ja"
LANGUAGES = [("ja", _("Japanese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Tokyo"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
# Report files and uploads: MEDIA_ROOT, or an S3-compatible bucket with PORTAL_STORAGE=s3.
STORAGES = {
    "default": deployment.file_storage(env),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="つながる鎌倉 <noreply@portal.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_BACKEND = env.str("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
if env.str("EMAIL_URL", default=""):
    vars().update(env.email_url("EMAIL_URL"))

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Behind a load balancer: the header saying the request came over HTTPS; X-Forwarded-Host.
SECURE_PROXY_SSL_HEADER = deployment.proxy_ssl_header(env, default="off")
USE_X_FORWARDED_HOST = _env_bool("USE_X_FORWARDED_HOST", False)

# Content Security Policy (django-csp): no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Audit trail (django-auditlog): the request's user is recorded as the actor.
AUDITLOG_INCLUDE_ALL_MODELS = False
AUDITLOG_DISABLE_REMOTE_ADDR = False

# Celery: the CELERY_ namespace is read by kamakura_portal/celery.py.
CELERY_BROKER_DIR = VAR_DIR / "celery"
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
else:
    CELERY_BROKER_URL = "filesystem://"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(CELERY_BROKER_DIR / "queue"),
        "data_folder_out": str(CELERY_BROKER_DIR / "queue"),
        "processed_folder": str(CELERY_BROKER_DIR / "processed"),
        "control_folder": str(CELERY_BROKER_DIR / "control"),
        "store_processed": False,
    }
    CELERY_RESULT_BACKEND = f"file://{CELERY_BROKER_DIR / 'results'}"
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=15 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=10 * 60)
CELERY_WORKER_MAX_TASKS_PER_CHILD = env.int("CELERY_WORKER_MAX_TASKS_PER_CHILD", default=100)
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_RESULT_EXPIRES = 7 * 24 * 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web request that sends a task after its commit waits at most about a second for a broker
# that does not answer; the work is then left to its periodic sweep (the outbox's).
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
# Printed reports are made on a queue of their own, by workers started with ``-Q reports``,
# so that a long report never holds up mail; a worker process is replaced after this much
# memory (KiB), as WeasyPrint's memory is not all given back.
# Mail leaves through a ``mail`` queue of its own (a slow mail server holds up nothing else).
CELERY_TASK_ROUTES = {
    "reports.generate": {"queue": "reports"},
    "portal.send_outbox_mail": {"queue": "mail"},
    "portal.sweep_outbox": {"queue": "mail"},
}
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=400_000)
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {
    "portal-outbox-sweep": {
        # Mail the broker or the mail server could not take when it was queued.
        "task": "portal.sweep_outbox",
        "schedule": 60.0,
    },
    "groups-renewal-daily": {
        "task": "groups.run_renewal_cycle",
        "schedule": crontab(hour=6, minute=0),
    },
    # Tokenise the imported groups whose task the broker could not take.
    "groups-search-sweep": {"task": "groups.sweep_search_index", "schedule": 1800.0},
    "measures-progress-reminders-daily": {
        "task": "measures.send_progress_reminders",
        "schedule": crontab(hour=6, minute=15),
    },
    "collaboration-needs-daily": {
        "task": "collaboration.close_needs_past_deadline",
        "schedule": crontab(hour=0, minute=5),
    },
    "coordination-invitations-daily": {
        # Lapse the invitations past their answer date, then remind the unanswered ones.
        "task": "coordination.run_invitation_cycle",
        "schedule": crontab(hour=6, minute=45),
    },
    "coordination-follow-ups-daily": {
        # Tell the centre's staff of the consultation follow-ups whose day has come.
        "task": "coordination.remind_follow_ups_due",
        "schedule": crontab(hour=7, minute=0),
    },
    "surveys-daily": {
        "task": "surveys.run_daily_cycle",
        "schedule": crontab(hour=6, minute=30),
    },
    "reports-sweep": {
        # Send again the reports whose worker died or whose task was lost; mark 古い the
        # reports whose data has changed since they were made.
        "task": "reports.sweep",
        "schedule": 300.0,
    },
    "reports-remove-expired-daily": {
        "task": "reports.remove_expired",
        "schedule": crontab(hour=3, minute=30),
    },
    "reports-status-monthly": {
        # The current fiscal year's status report, made again only when its figures changed.
        "task": "reports.request_status_report",
        "schedule": crontab(day_of_month="1", hour=4, minute=0),
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}
