from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .health import run_checks


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html")


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    checks = run_checks()
    healthy = all(result["ok"] for result in checks.values())
    return JsonResponse(
        {"status": "ok" if healthy else "error", "checks": checks},
        status=200 if healthy else 503,
    )


@require_GET
def bench_floor(request: HttpRequest) -> HttpResponse:
    """What Django and the middleware cost without a page: the load benchmark's floor.
    Routed only when ``PORTAL_BENCH_FLOOR`` is on."""
    return HttpResponse(b"ok", content_type="text/plain")
