#!/usr/bin/env bash
# Starts the portal with demo data on http://127.0.0.1:8000 together with a Celery worker
# (with the beat scheduler embedded). With no DATABASE_URL/REDIS_URL it uses SQLite and a
# file-system broker, so nothing else has to run.
set -euo pipefail
cd "$(dirname "$0")/.."
export DJANGO_SETTINGS_MODULE="${DJANGO_SETTINGS_MODULE:-kamakura_portal.settings.local}"
export PYTHONUNBUFFERED=1
# Mails link to the address the portal is served on here (set SITE_URL for another).
export SITE_URL="${SITE_URL:-http://${PORT:-127.0.0.1:8000}}"

mkdir -p var/log var/celery/queue var/celery/processed var/celery/results var/celery/control var/mail
.venv/bin/python manage.py migrate --no-input -v 0
.venv/bin/python manage.py setup_portal --demo

echo "==> Starting the Celery worker (log: var/log/celery.log)"
.venv/bin/celery -A kamakura_portal worker --beat --pool=solo -Q celery,reports,mail --loglevel=INFO \
  --schedule var/celerybeat-schedule >var/log/celery.log 2>&1 &
worker_pid=$!
trap 'kill "$worker_pid" 2>/dev/null || true' EXIT INT TERM

echo "==> Portal: ${SITE_URL}  (demo accounts: see README; mails are printed here)"
.venv/bin/python manage.py runserver "${PORT:-127.0.0.1:8000}"
