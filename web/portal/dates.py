"""Today's date in Utrecht, fixed by ``KANSRIJK_TODAY`` in tests and demonstrations."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from flask import current_app

LOCAL_ZONE = ZoneInfo("Europe/Amsterdam")
TODAY_KEY = "KANSRIJK_TODAY"


def today() -> date:
    """The date in Amsterdam now, or the app's fixed ``KANSRIJK_TODAY`` when one is set."""
    fixed = current_app.config.get(TODAY_KEY)
    if isinstance(fixed, date):
        return fixed
    return datetime.now(LOCAL_ZONE).date()
