"""The recruitment plan's coverage curve: extra families covered per priority against recruits."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

WIDTH, HEIGHT = 600.0, 220.0
LEFT, RIGHT, TOP, BOTTOM = 36.0, 12.0, 12.0, 28.0


@dataclass(frozen=True)
class CurveLine:
    """One priority level's line: extra families covered after 0, 1, 2 … recruits."""

    priority: int
    points: str  # "x,y x,y …" for an SVG polyline
    values: tuple[int, ...]


@dataclass(frozen=True)
class CurveChart:
    """Everything a template needs to draw the curve."""

    width: float
    height: float
    lines: tuple[CurveLine, ...]
    x_ticks: tuple[tuple[float, int], ...]  # (x, recruits)
    y_ticks: tuple[tuple[float, int], ...]  # (y, families)
    left: float = LEFT
    right: float = WIDTH - RIGHT
    bottom: float = HEIGHT - BOTTOM


def coverage_curve(curve: Sequence[Mapping[int, int]]) -> CurveChart:
    """Lines for the levels a recruit reaches, highest priority first; empty without steps."""
    if len(curve) < 2:
        return CurveChart(WIDTH, HEIGHT, (), (), ())
    start = curve[0]
    levels = sorted((p for p in start if any(c[p] != start[p] for c in curve[1:])), reverse=True)
    top = max([1, *(c[p] - start[p] for c in curve for p in levels)])
    step_x = (WIDTH - LEFT - RIGHT) / (len(curve) - 1)
    span_y = HEIGHT - TOP - BOTTOM

    def y(value: int) -> float:
        """The height of a number of families."""
        return round(TOP + span_y * (1 - value / top), 1)

    lines = tuple(
        CurveLine(
            p,
            " ".join(
                f"{round(LEFT + k * step_x, 1)},{y(c[p] - start[p])}" for k, c in enumerate(curve)
            ),
            tuple(c[p] - start[p] for c in curve),
        )
        for p in levels
    )
    x_ticks = tuple((round(LEFT + k * step_x, 1), k) for k in range(len(curve)))
    y_ticks = tuple((y(v), v) for v in sorted({0, top // 2, top}))
    return CurveChart(WIDTH, HEIGHT, lines, x_ticks, y_ticks)
