from django.urls import path

from . import views

app_name = "groups"
urlpatterns = [
    path("mine/", views.MyGroupsView.as_view(), name="mine"),
]
