"""Coverage over time laid out as an SVG line chart; the figures come from the reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from matching.reports.coverage_history import CoveragePoint

WIDTH, HEIGHT = 600.0, 220.0
LEFT, RIGHT, TOP, BOTTOM = 44.0, 12.0, 12.0, 28.0
Y_TICKS = (0, 25, 50, 75, 100)


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
