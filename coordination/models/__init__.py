"""The coordination app's records; one module per concept, re-exported here."""

from .consultations import Consultation, Method, Topic  # noqa: F401
from .invitations import Invitation  # noqa: F401
