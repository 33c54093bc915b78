"""Local development and demo: debug on, demo mode on, mail printed to the console."""

from .base import *  # noqa: F403
from .base import _env_bool

DEBUG = _env_bool("DEBUG", True)
PORTAL_DEMO_MODE = _env_bool("PORTAL_DEMO_MODE", True)
