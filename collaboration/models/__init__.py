"""Models of the collaboration app: programmes, department needs, proposals with their
confirmations, discussion, review, agreement and evaluation."""

from .agreement import AgreementVersion
from .confirmations import Confirmation
from .discussion import DiscussionEntry
from .evaluation import CommitteeEvaluation, Grade, MutualReview, SelfEvaluation, Stage
from .needs import DepartmentNeed
from .programs import Program
from .proposals import CostLine, Goal, Milestone, Proposal, RoleItem, Side
from .review import Criterion, PanelMember, ReviewPanel, Score

__all__ = [
    "AgreementVersion",
    "CommitteeEvaluation",
    "Confirmation",
    "CostLine",
    "Criterion",
    "DepartmentNeed",
    "DiscussionEntry",
    "Goal",
    "Grade",
    "Milestone",
    "MutualReview",
    "PanelMember",
    "Program",
    "Proposal",
    "ReviewPanel",
    "RoleItem",
    "Score",
    "SelfEvaluation",
    "Side",
    "Stage",
]
