"""The collaboration app's refusals: the message is shown to the user as it is."""

from __future__ import annotations

from kamakura_portal.errors import PortalError


class ProposalError(PortalError):
    """A rule of proposals was broken (a move, an edit, a review, an evaluation)."""


class NeedError(ProposalError):
    """A department need cannot be written or moved as asked."""
