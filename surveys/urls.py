from django.urls import path

from .views import answer, questions, results, staff

app_name = "surveys"
urlpatterns = [
    # Public: published results and the comparison of published surveys
    path("", results.PublishedListView.as_view(), name="published"),
    path("<int:pk>/results/", results.PublicResultsView.as_view(), name="public_results"),
    path("compare/", results.CompareView.as_view(), name="compare"),
    # Respondents
    path("mine/", answer.MySurveysView.as_view(), name="mine"),
    path("<int:pk>/answer/", answer.AnswerStartView.as_view(), name="answer_start"),
    path("<int:pk>/answer/<slug:target>/", answer.AnswerView.as_view(), name="answer"),
    # Staff: builder, status, results, exports
    path("staff/", staff.SurveyListView.as_view(), name="staff"),
    path("staff/new/", staff.CreateSurveyView.as_view(), name="create"),
    path("staff/compare/", results.StaffCompareView.as_view(), name="staff_compare"),
    path("staff/<int:pk>/", staff.BuilderView.as_view(), name="builder"),
    path("staff/<int:pk>/edit/", staff.EditSurveyView.as_view(), name="edit"),
    path("staff/<int:pk>/status/", staff.TransitionView.as_view(), name="transition"),
    path("staff/<int:pk>/copy/", staff.CopySurveyView.as_view(), name="copy"),
    path("staff/<int:pk>/preview/", questions.PreviewView.as_view(), name="preview"),
    path("staff/<int:pk>/questions/new/", questions.AddQuestionView.as_view(), name="add_question"),
    path(
        "staff/<int:pk>/questions/<int:question_pk>/",
        questions.EditQuestionView.as_view(),
        name="edit_question",
    ),
    path(
        "staff/<int:pk>/questions/<int:question_pk>/wording/",
        questions.FixWordingView.as_view(),
        name="fix_wording",
    ),
    path(
        "staff/<int:pk>/questions/<int:question_pk>/move/",
        questions.MoveQuestionView.as_view(),
        name="move_question",
    ),
    path(
        "staff/<int:pk>/questions/<int:question_pk>/delete/",
        questions.DeleteQuestionView.as_view(),
        name="delete_question",
    ),
    path("staff/<int:pk>/results/", results.StaffResultsView.as_view(), name="staff_results"),
    path("staff/<int:pk>/free-text/", results.FreeTextView.as_view(), name="free_text"),
    path("staff/<int:pk>/export.csv", results.ExportView.as_view(), name="export_csv"),
    path(
        "staff/<int:pk>/export.xlsx",
        results.ExportView.as_view(file_format="xlsx"),
        name="export_xlsx",
    ),
]
