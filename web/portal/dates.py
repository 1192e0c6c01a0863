"""Today's date in Utrecht, fixed by ``KANSRIJK_TODAY`` in tests and demonstrations."""

from __future__ import annotations

from datetime import date

from flask import current_app

from matching import clock

TODAY_KEY = "KANSRIJK_TODAY"


def today() -> date:
    """The date in Amsterdam now, or the app's fixed ``KANSRIJK_TODAY`` when one is set."""
    fixed = current_app.config.get(TODAY_KEY)
    if isinstance(fixed, date):
        return fixed
    return clock.today()
