"""The Celery application.

Start a worker with ``celery -A kamakura_portal worker`` and the scheduler with
``celery -A kamakura_portal beat`` (see the README). Tasks take ids, are sent with
``delay_on_commit`` so they never run before the data they need is committed, and are
serialised as JSON.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kamakura_portal.settings.local")

app = Celery("kamakura_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
