"""The matching engine of the coordinators' workbench (issue 14): department needs and
citizen groups ranked by one documented score (:mod:`.weights`), explained part by part."""

from .engine import rank_groups, rank_needs
from .types import Candidate, Filters, NeedMatch, Part, WordMatch

__all__ = ["Candidate", "Filters", "NeedMatch", "Part", "WordMatch", "rank_groups", "rank_needs"]
