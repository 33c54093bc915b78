from django.urls import path

from .views import directory, manage, media, registration, staff, transfer

app_name = "groups"
urlpatterns = [
    # Public directory and profiles
    path("", directory.DirectoryView.as_view(), name="directory"),
    path("<int:pk>/", directory.ProfileView.as_view(), name="profile"),
    path("<int:pk>/logo/", media.GroupLogoView.as_view(), name="logo"),
    path("opendata.csv", transfer.PublicCsvExportView.as_view(), name="export_csv"),
    # Registration by a signed-in user, and the manager's pages
    path("register/", registration.StartRegistrationView.as_view(), name="register"),
    path("<int:pk>/edit/<slug:section>/", registration.EditSectionView.as_view(), name="edit"),
    path("<int:pk>/submit/", registration.SubmitRegistrationView.as_view(), name="submit"),
    path("suggest/kana/", registration.SuggestKanaView.as_view(), name="suggest_kana"),
    path("suggest/address/", registration.SuggestAddressView.as_view(), name="suggest_address"),
    path("mine/", manage.MyGroupsView.as_view(), name="mine"),
    path("<int:pk>/manage/", manage.ManageGroupView.as_view(), name="manage"),
    path("<int:pk>/renew/", manage.RenewView.as_view(), name="renew"),
    path("<int:pk>/managers/invite/", manage.InviteManagerView.as_view(), name="invite"),
    path(
        "<int:pk>/managers/<int:membership_pk>/remove/",
        manage.RemoveManagerView.as_view(),
        name="remove_manager",
    ),
    path(
        "<int:pk>/invitations/<int:invitation_pk>/cancel/",
        manage.CancelInvitationView.as_view(),
        name="cancel_invitation",
    ),
    path(
        "invitations/<str:token>/",
        manage.AcceptInvitationView.as_view(),
        name="accept_invitation",
    ),
    # Centre staff
    path("staff/", staff.StaffRegistryView.as_view(), name="staff_list"),
    path("staff/queue/", staff.QueueView.as_view(), name="queue"),
    path("staff/changes/", staff.RecentChangesView.as_view(), name="changes"),
    path("staff/<int:pk>/", staff.StaffGroupView.as_view(), name="staff_detail"),
    path("staff/<int:pk>/review/", staff.ReviewView.as_view(), name="review"),
    path("staff/<int:pk>/status/", staff.ChangeStatusView.as_view(), name="change_status"),
    path("staff/<int:pk>/notes/", staff.AddNoteView.as_view(), name="add_note"),
    path("staff/import/", transfer.ImportView.as_view(), name="import"),
    path("staff/export.xlsx", transfer.StaffXlsxExportView.as_view(), name="export_xlsx"),
]
