from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("allauth.urls")),
    path("", include("accounts.urls")),
    path("groups/", include("groups.urls")),
    path("collaboration/", include("collaboration.urls")),
    path("coordination/", include("coordination.urls")),
    path("measures/", include("measures.urls")),
    path("surveys/", include("surveys.urls")),
    path("reports/", include("reports.urls")),
    path("about/", include("pages.urls")),
    path("admin/", admin.site.urls),
]

if settings.PORTAL_BENCH_FLOOR:
    urlpatterns.append(path("bench/floor", views.bench_floor, name="bench_floor"))

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
