# The portal's image: web (gunicorn), worker and beat all run from it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=kamakura_portal.settings.production

# WeasyPrint's libraries, Japanese UD fonts for the PDFs, gettext for the catalogues.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-morisawa-bizud-gothic fonts-morisawa-bizud-mincho \
        gettext curl \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md ./
COPY requirements/constraints.txt requirements/constraints.txt
COPY . .
RUN pip install -c requirements/constraints.txt ".[s3]" \
    && useradd --system --uid 1000 --home /app portal \
    && mkdir -p /app/media /app/staticfiles /app/var \
    && SECRET_KEY=build-only-key-build-only-key-build-only-key-0123456789 \
       ALLOWED_HOSTS=build DATABASE_URL=postgres://build@localhost/build \
       python manage.py collectstatic --no-input -v 0 \
    && DJANGO_SETTINGS_MODULE=kamakura_portal.settings.local python manage.py compilemessages -v 0 \
    && chown -R portal /app/media /app/var

USER portal
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
    CMD curl -fsS -H "X-Forwarded-Proto: https" http://127.0.0.1:8000/healthz || exit 1
CMD ["gunicorn", "kamakura_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60", "--access-logfile", "-"]
