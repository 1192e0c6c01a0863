"""The weekly trigger fires at the configured local time in Europe/Amsterdam, DST or not."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from matching import clock
from scheduler.jobs import TIMEZONE, check_cron, weekly_trigger


def fires_after(cron: str, now: datetime) -> datetime:
    return weekly_trigger(cron).get_next_fire_time(None, now)


def test_default_schedule_is_monday_six_local_across_autumn_dst():
    # Summer time ends on Sunday 25 October 2026.
    before = fires_after("0 6 * * mon", datetime(2026, 10, 14, 12, 0, tzinfo=TIMEZONE))
    after = fires_after("0 6 * * mon", datetime(2026, 10, 21, 12, 0, tzinfo=TIMEZONE))
    assert before == datetime(2026, 10, 19, 6, 0, tzinfo=TIMEZONE)
    assert after == datetime(2026, 10, 26, 6, 0, tzinfo=TIMEZONE)
    assert before.astimezone(UTC).hour == 4  # CEST, UTC+2
    assert after.astimezone(UTC).hour == 5  # CET, UTC+1


def test_spring_dst_keeps_the_local_time():
    # Summer time starts on Sunday 29 March 2026.
    fire = fires_after("30 7 * * mon", datetime(2026, 3, 28, 9, 0, tzinfo=TIMEZONE))
    assert fire == datetime(2026, 3, 30, 7, 30, tzinfo=TIMEZONE)
    assert fire.astimezone(UTC).hour == 5


def test_a_utc_clock_still_gets_the_local_slot():
    fire = fires_after("0 6 * * mon", datetime(2026, 11, 29, 23, 30, tzinfo=UTC))
    assert fire == datetime(2026, 11, 30, 6, 0, tzinfo=TIMEZONE)


@pytest.mark.parametrize("bad", ["", "0 6 * *", "61 6 * * mon", "0 6 * * funday"])
def test_a_bad_cron_names_the_field(bad):
    with pytest.raises(ValueError, match=r"^cron: "):
        check_cron(bad)


def test_a_good_cron_is_normalised():
    assert check_cron("  0  7 * *   tue ") == "0 7 * * tue"


def test_today_in_utrecht_uses_local_date():
    late_utc = datetime(2026, 6, 30, 22, 30, tzinfo=UTC)  # already 1 July in Utrecht
    assert clock.today(late_utc).isoformat() == "2026-07-01"
