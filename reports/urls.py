from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.PublishedReportsView.as_view(), name="published"),
    path("staff/", views.StaffReportsView.as_view(), name="staff"),
    path("staff/request/<slug:kind>/", views.RequestReportView.as_view(), name="request"),
    path("<int:pk>/row/", views.ReportRowView.as_view(), name="row"),
    path("<int:pk>/download/", views.DownloadView.as_view(), name="download"),
    path("<int:pk>/publication/", views.PublicationView.as_view(), name="publication"),
]
