from django.urls import path

from .views import consultations, dashboard, fitting, invitations, synonyms, workbench

app_name = "coordination"
urlpatterns: list = [
    # The coordinator's dashboard
    path("", dashboard.DashboardView.as_view(), name="dashboard"),
    # Group managers: the open needs that fit their groups (マイページ loads it)
    path("needs/fitting/", fitting.FittingNeedsView.as_view(), name="fitting_needs"),
    # The consultation log (相談記録), centre staff only
    path("consultations/", consultations.ConsultationListView.as_view(), name="consultations"),
    path(
        "consultations/figures/",
        consultations.ConsultationFiguresView.as_view(),
        name="consultation_figures",
    ),
    path(
        "consultations/new/",
        consultations.NewConsultationView.as_view(),
        name="new_consultation",
    ),
    path(
        "consultations/<int:pk>/",
        consultations.ConsultationView.as_view(),
        name="consultation",
    ),
    path(
        "consultations/<int:pk>/edit/",
        consultations.EditConsultationView.as_view(),
        name="edit_consultation",
    ),
    path(
        "consultations/<int:pk>/done/",
        consultations.FollowUpDoneView.as_view(),
        name="consultation_done",
    ),
    # Invitations (打診): the centre, the need's department and the invited group
    path("invitations/", invitations.WaitingListView.as_view(), name="invitations"),
    path("invitations/mine/", invitations.MyInvitationsView.as_view(), name="mine"),
    path("invitations/<int:pk>/", invitations.InvitationView.as_view(), name="invitation"),
    path("invitations/<int:pk>/move/", invitations.InvitationMoveView.as_view(), name="move"),
    path(
        "invitations/<int:pk>/proposal/",
        invitations.ToProposalView.as_view(),
        name="to_proposal",
    ),
    path("needs/<int:pk>/", workbench.WorkbenchView.as_view(), name="workbench"),
    path("needs/<int:pk>/raise-hand/", invitations.RaiseHandView.as_view(), name="raise_hand"),
    # The civic synonyms the matching reads, centre staff
    path("synonyms/", synonyms.SynonymListView.as_view(), name="synonyms"),
    path("synonyms/new/", synonyms.SynonymFormView.as_view(), name="new_synonym"),
    path("synonyms/<int:pk>/", synonyms.SynonymFormView.as_view(), name="edit_synonym"),
    path("synonyms/<int:pk>/delete/", synonyms.SynonymDeleteView.as_view(), name="delete_synonym"),
]
