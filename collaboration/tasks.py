"""Celery entry points of the collaboration app: none yet — its notices leave through the
shared outbox (:mod:`kamakura_portal.mail`)."""
