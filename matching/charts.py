"""Coverage over time: read from the runs' stored figures, laid out as an SVG line chart."""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from matching.models import MatchingRun

WIDTH, HEIGHT = 600.0, 220.0
LEFT, RIGHT, TOP, BOTTOM = 44.0, 12.0, 12.0, 28.0
Y_TICKS = (0, 25, 50, 75, 100)


@dataclass(frozen=True)
class CoveragePoint:
    """One succeeded run: when it finished and how many families it covered of how many."""

    run_id: int
    finished_at: datetime | None
    covered: int
    families: int

    @property
    def percent(self) -> float:
        """Covered families in percent (0 when there were none)."""
        return 100.0 * self.covered / self.families if self.families else 0.0


@dataclass(frozen=True)
class PlottedPoint:
    """A run's point on the chart."""

    x: float
    y: float
    point: CoveragePoint


@dataclass(frozen=True)
class LineChart:
    """Everything a template needs to draw the chart."""

    width: float
    height: float
    points: tuple[PlottedPoint, ...]
    line: str
    y_ticks: tuple[tuple[float, int], ...]
    x_labels: tuple[PlottedPoint, ...]
    left: float = LEFT
    right: float = WIDTH - RIGHT
    bottom: float = HEIGHT - BOTTOM


def coverage_series(
    session: Session, limit: int = 26, known: MutableMapping[int, CoveragePoint] | None = None
) -> list[CoveragePoint]:
    """The last succeeded runs' coverage, oldest first.

    Only the two figures are read out of each run's statistics, and only for runs not in
    ``known`` (a succeeded run's figures never change, so a caller may keep them).
    """
    cache = known if known is not None else {}
    found = session.exec(
        select(MatchingRun.id)
        .where(MatchingRun.status == "succeeded")
        .order_by(col(MatchingRun.id).desc())
        .limit(limit)
    ).all()
    latest = [run_id for run_id in found if run_id is not None]
    missing = [run_id for run_id in latest if run_id not in cache]
    if missing:
        stats = col(MatchingRun.stats)
        statement = select(
            MatchingRun.id,
            MatchingRun.finished_at,
            stats["covered"].as_integer(),
            stats["families"].as_integer(),
        ).where(col(MatchingRun.id).in_(missing))
        for run_id, finished, covered, families in session.exec(statement).all():
            cache[run_id or 0] = CoveragePoint(
                run_id or 0, finished, int(covered or 0), int(families or 0)
            )
    return [cache[run_id] for run_id in reversed(latest) if run_id in cache]


def line_chart(series: Sequence[CoveragePoint]) -> LineChart:
    """Runs spaced evenly from left to right, coverage 0–100 % from bottom to top."""
    span_x = WIDTH - LEFT - RIGHT
    span_y = HEIGHT - TOP - BOTTOM
    step = span_x / (len(series) - 1) if len(series) > 1 else 0.0
    plotted = tuple(
        PlottedPoint(
            round(LEFT + (index * step if len(series) > 1 else span_x / 2), 1),
            round(TOP + span_y * (1 - point.percent / 100), 1),
            point,
        )
        for index, point in enumerate(series)
    )
    ticks = tuple((round(TOP + span_y * (1 - tick / 100), 1), tick) for tick in Y_TICKS)
    labels = plotted if len(plotted) <= 2 else (plotted[0], plotted[len(plotted) // 2], plotted[-1])
    return LineChart(
        WIDTH,
        HEIGHT,
        plotted,
        " ".join(f"{p.x},{p.y}" for p in plotted),
        ticks,
        tuple(dict.fromkeys(labels)),
    )
