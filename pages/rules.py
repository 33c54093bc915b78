"""Everyone reads the site pages; the centre's staff and the secretariat keep them."""

from __future__ import annotations

import rules

from accounts.rules import is_administrator, is_centre_staff, is_secretariat

rules.add_perm("pages.edit_pages", is_centre_staff | is_secretariat | is_administrator)
