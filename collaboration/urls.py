from django.urls import path

from .views import (
    agreement,
    authoring,
    discussion,
    evaluation,
    lists,
    needs,
    programs,
    proposal,
    review,
    transfer,
)

app_name = "collaboration"
urlpatterns = [
    # Public
    path("projects/", lists.ProjectListView.as_view(), name="projects"),
    path("projects/<int:pk>/", lists.ProjectView.as_view(), name="project"),
    path("needs/", needs.NeedListView.as_view(), name="needs"),
    path("needs/<int:pk>/", needs.NeedView.as_view(), name="need"),
    # The city's staff and the centre
    path("staff/needs/", needs.StaffNeedListView.as_view(), name="my_needs"),
    path("staff/needs/new/", needs.NewNeedView.as_view(), name="new_need"),
    path("staff/needs/<int:pk>/edit/", needs.EditNeedView.as_view(), name="edit_need"),
    path("staff/needs/<int:pk>/status/", needs.NeedStatusView.as_view(), name="need_status"),
    # The parties
    path("mine/", lists.MyProposalsView.as_view(), name="mine"),
    path("mine/inbox/read/", lists.MarkInboxReadView.as_view(), name="inbox_read"),
    path("proposals/new/", authoring.StartProposalView.as_view(), name="start"),
    path("proposals/<int:pk>/", proposal.ProposalView.as_view(), name="proposal"),
    path(
        "proposals/<int:pk>/edit/<slug:section>/",
        authoring.EditSectionView.as_view(),
        name="edit",
    ),
    path("proposals/<int:pk>/move/", proposal.MoveView.as_view(), name="move"),
    path("proposals/<int:pk>/confirm/", proposal.ConfirmView.as_view(), name="confirm"),
    path("proposals/<int:pk>/discussion/", discussion.DiscussionView.as_view(), name="discussion"),
    path(
        "proposals/<int:pk>/discussion/<int:entry_pk>/attachment/",
        discussion.AttachmentView.as_view(),
        name="attachment",
    ),
    path("proposals/<int:pk>/agreement/", agreement.AgreementView.as_view(), name="agreement"),
    path(
        "proposals/<int:pk>/implementation/",
        evaluation.ImplementationView.as_view(),
        name="implementation",
    ),
    path("proposals/<int:pk>/evaluation/", evaluation.EvaluationView.as_view(), name="evaluation"),
    path(
        "proposals/<int:pk>/evaluation/<slug:stage>/<slug:side>/",
        evaluation.SelfEvaluationView.as_view(),
        name="self_evaluation",
    ),
    path(
        "proposals/<int:pk>/evaluation/<slug:stage>/",
        evaluation.MutualReviewView.as_view(),
        name="mutual_review",
    ),
    path(
        "proposals/<int:pk>/committee-evaluation/",
        evaluation.CommitteeEvaluationView.as_view(),
        name="committee_evaluation",
    ),
    # Review
    path("review/", lists.ReviewListView.as_view(), name="review"),
    path("proposals/<int:pk>/panel/", review.PanelView.as_view(), name="panel"),
    path("proposals/<int:pk>/score/", review.ScoreView.as_view(), name="score"),
    path("import/", transfer.ImportView.as_view(), name="import"),
    path("programs/", programs.ProgramListView.as_view(), name="programs"),
    path("programs/<int:pk>/", programs.ProgramEditView.as_view(), name="program_edit"),
]
