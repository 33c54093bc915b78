"""System checks for settings that Django's own checks do not cover."""

from typing import Any

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def check_demo_mode_off(app_configs: Any, **kwargs: Any) -> list[Warning]:
    if settings.PORTAL_DEMO_MODE:
        return [
            Warning(
                "PORTAL_DEMO_MODE is on: demo accounts with published passwords can be created.",
                id="portal.W001",
            )
        ]
    return []
