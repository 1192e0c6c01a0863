"""The one pagination clamp and the one clock (issue 10, point 7)."""

from __future__ import annotations

from datetime import UTC, datetime

from matching import clock
from matching.paging import clamp_page, slice_page


def test_a_page_number_is_kept_within_the_pages() -> None:
    """Below one gives the first page, beyond the last the last; an empty list has page 1."""
    assert clamp_page(0, 95, 10) == 1
    assert clamp_page(99, 95, 10) == 10
    assert clamp_page(3, 0, 10) == 1
    page = slice_page(list(range(25)), 9, 10)
    assert (page.page, page.rows, page.pages, page.offset) == (3, [20, 21, 22, 23, 24], 3, 20)


def test_today_is_the_date_in_utrecht() -> None:
    """Late evening UTC in summer is already the next day in Utrecht."""
    assert clock.today(datetime(2026, 6, 30, 22, 30, tzinfo=UTC)).isoformat() == "2026-07-01"
    assert clock.today(datetime(2026, 12, 31, 22, 30, tzinfo=UTC)).isoformat() == "2026-12-31"
