from __future__ import annotations

import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation


class UserPreferencesMiddleware:
    """Show each signed-in person the language they chose and their network's time zone."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        zone_name = settings.DEFAULT_DISPLAY_TIME_ZONE
        if user.is_authenticated:
            # The account's choice wins over the browser's, on every device.
            if user.language:
                translation.activate(user.language)
                request.LANGUAGE_CODE = user.language
            if user.network is not None:
                zone_name = user.network.time_zone
        timezone.activate(zoneinfo.ZoneInfo(zone_name))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
