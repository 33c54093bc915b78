"""The portal's one refusal type and the one :class:`Problem` type.

A service that refuses raises :class:`PortalError` (or the app's subclass of it); its message
is shown to the user as it is. When several things are missing (a submission, a move whose
guards fail), the error carries them as :class:`Problem` values, each naming where on the
page it is put right.
"""

from __future__ import annotations

from collections.abc import Iterable


class Problem(str):
    """What blocks a move or a submission (the message), and where it is put right: the
    slug of a page's section or the name of a form field (``""`` when nowhere in
    particular)."""

    section: str

    def __new__(cls, message: str, section: str = "") -> Problem:
        problem = super().__new__(cls, message)
        problem.section = section
        return problem


class PortalError(Exception):
    """A rule was broken; the message is shown to the user as it is.

    With ``problems`` the message is their sentences in order, and pages may list them one
    by one, each linked to where it is put right.
    """

    def __init__(self, message: str = "", *, problems: Iterable[Problem] = ()) -> None:
        self.problems = list(problems)
        super().__init__(message or " ".join(self.problems))
