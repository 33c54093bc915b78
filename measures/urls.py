from django.urls import path

from .views import editing, public, reporting, review

app_name = "measures"
urlpatterns = [
    # Public: plans, their measures and published progress
    path("", public.PlanListView.as_view(), name="plans"),
    path("plans/<slug:code>/", public.PlanView.as_view(), name="plan"),
    path("plans/<slug:code>/measures/", public.MeasureListView.as_view(), name="measure_list"),
    path("plans/<slug:code>/measures/<int:pk>/", public.MeasureView.as_view(), name="measure"),
    path("plans/<slug:code>/progress/", public.ProgressView.as_view(), name="progress"),
    # Lead departments: their measures and progress reports ("report" alone is a printed one)
    path("reports/", reporting.MyReportsView.as_view(), name="my_progress_reports"),
    path(
        "reports/start/<int:pk>/<int:year>/",
        reporting.StartReportView.as_view(),
        name="start_progress_report",
    ),
    path("reports/<int:pk>/", reporting.ReportView.as_view(), name="progress_report"),
    path("reports/<int:pk>/edit/", reporting.EditReportView.as_view(), name="progress_report_edit"),
    # Secretariat: rounds, review and publication
    path("review/", review.ReviewListView.as_view(), name="review_progress_reports"),
    path("review/rounds/", review.OpenRoundView.as_view(), name="open_round"),
    path(
        "review/rounds/<int:pk>/publish/",
        review.PublishApprovedView.as_view(),
        name="publish_approved",
    ),
    path("review/<int:pk>/", review.ReviewReportView.as_view(), name="review_progress_report"),
    # --- Secretariat: editing plans, tiers, categories, measures; copying an edition ---
    path("manage/", editing.PlanListView.as_view(), name="manage_plans"),
    path("manage/new/", editing.PlanFormView.as_view(), name="manage_plan_create"),
    path("manage/<slug:code>/", editing.PlanView.as_view(), name="manage_plan"),
    path("manage/<slug:code>/edit/", editing.PlanFormView.as_view(), name="manage_plan_edit"),
    path("manage/<slug:code>/copy/", editing.CopyEditionView.as_view(), name="manage_copy_edition"),
    *editing.row_urls("sections", editing.SectionFormView),
    *editing.row_urls("tiers", editing.TierFormView),
    *editing.row_urls("categories", editing.CategoryFormView),
    *editing.row_urls("measures", editing.MeasureFormView),
    # --- end of editing ---
]
