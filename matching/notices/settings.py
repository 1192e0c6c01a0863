"""The notices' periods and where their links point, from the environment with safe defaults."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from matching.environment import whole_number

DEFAULT_BASE_URL = "http://127.0.0.1:5000"


@dataclass(frozen=True)
class NoticeSettings:
    """When reminders fall due, and the service's public address for their links (how long an
    answer may wait is the loop's KANSRIJK_OFFER_DAYS, stored on each offer and placement)."""

    remind_after_days: int = 3  # KANSRIJK_REMIND_AFTER_DAYS: "still waiting for your answer"
    vog_weeks: int = 6  # KANSRIJK_VOG_NOTICE_WEEKS: a VOG ending within this many weeks
    check_in_weeks: int = 8  # KANSRIJK_CHECK_IN_WEEKS: no check-in for this long is overdue
    end_weeks: int = 6  # KANSRIJK_END_NOTICE_WEEKS: a trajectory ending within this many weeks
    base_url: str = DEFAULT_BASE_URL  # KANSRIJK_BASE_URL: where the mails' links point

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> NoticeSettings:
        """The settings from KANSRIJK_* variables; a bad value is refused naming it."""
        env = os.environ if environ is None else environ
        base = env.get("KANSRIJK_BASE_URL", "").strip().rstrip("/") or DEFAULT_BASE_URL
        if not base.startswith(("http://", "https://")):
            raise ValueError(f"KANSRIJK_BASE_URL must start with http:// or https://, not {base!r}")
        return cls(
            remind_after_days=whole_number(
                env, "KANSRIJK_REMIND_AFTER_DAYS", cls.remind_after_days, 1, 60
            ),
            vog_weeks=whole_number(env, "KANSRIJK_VOG_NOTICE_WEEKS", cls.vog_weeks, 1, 52),
            check_in_weeks=whole_number(env, "KANSRIJK_CHECK_IN_WEEKS", cls.check_in_weeks, 1, 52),
            end_weeks=whole_number(env, "KANSRIJK_END_NOTICE_WEEKS", cls.end_weeks, 1, 52),
            base_url=base,
        )
