from django.urls import path

from . import views

app_name = "pages"
urlpatterns = [
    path("<slug:key>/", views.show, name="show"),
    path("<slug:key>/edit/", views.EditView.as_view(), name="edit"),
]
