from django.urls import path

from . import views

urlpatterns = [
    path("mypage/", views.DashboardView.as_view(), name="dashboard"),
    path("inbox/", views.InboxView.as_view(), name="inbox"),
    path("inbox/read/", views.MarkInboxReadView.as_view(), name="inbox_read"),
    path("staff/history/", views.AuditFeedView.as_view(), name="audit_feed"),
    path(
        "staff/history/<str:app_label>/<str:model_name>/<int:pk>/",
        views.ObjectHistoryView.as_view(),
        name="object_history",
    ),
]
