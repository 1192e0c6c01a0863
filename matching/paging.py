"""Pages of long lists: the one clamp of a requested page number, and the page itself."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


def page_count(total: int, per_page: int) -> int:
    """How many pages ``total`` rows fill (at least one, so an empty list has page 1)."""
    return max(1, -(-total // per_page))


def clamp_page(page: int, total: int, per_page: int) -> int:
    """The requested page, kept between the first and the last page."""
    return max(1, min(page, page_count(total, per_page)))


@dataclass(frozen=True)
class Page:
    """One page of a list and how many rows match in all."""

    rows: list[Any]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """How many pages there are (at least one)."""
        return page_count(self.total, self.per_page)

    @property
    def offset(self) -> int:
        """How many rows come before this page."""
        return (self.page - 1) * self.per_page


def slice_page(rows: Sequence[Any], page: int, per_page: int) -> Page:
    """One page of a list held in memory."""
    number = clamp_page(page, len(rows), per_page)
    start = (number - 1) * per_page
    return Page(list(rows[start : start + per_page]), len(rows), number, per_page)
