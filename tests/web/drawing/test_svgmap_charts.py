"""The district map projected to SVG paths, and the coverage chart laid out from run figures."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from sqlmodel import Session

from matching.models import MatchingRun
from matching.reference import districts
from matching.reports.coverage_history import CoveragePoint, coverage_series
from web.drawing.charts import HEIGHT, LEFT, RIGHT, WIDTH, line_chart
from web.drawing.svgmap import WIDTH as MAP_WIDTH
from web.drawing.svgmap import coverage_map, district_shapes, map_height, project, shade

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def test_every_district_is_one_closed_path_inside_the_map() -> None:
    shapes = district_shapes()
    assert [shape.code for shape in shapes] == list(districts())
    height = map_height()
    for shape in shapes:
        assert shape.path.startswith("M") and shape.path.endswith("Z")
        values = [float(n) for n in NUMBER.findall(shape.path)]
        xs, ys = values[::2], values[1::2]
        assert min(xs) >= 0 and max(xs) <= MAP_WIDTH and min(ys) >= 0 and max(ys) <= height
        assert min(xs) <= shape.label_x <= max(xs) and min(ys) <= shape.label_y <= max(ys)


def test_north_is_up_and_west_is_left() -> None:
    overvecht = districts()["overvecht"]
    vleuten = districts()["vleuten-de-meern"]
    zuid = districts()["zuid"]
    x_over, y_over = project(overvecht.lon, overvecht.lat)
    x_vleu, _ = project(vleuten.lon, vleuten.lat)
    _, y_zuid = project(zuid.lon, zuid.lat)
    assert x_vleu < x_over and y_over < y_zuid


def test_shades_follow_coverage_and_no_families_has_none() -> None:
    assert [shade(10, n) for n in (0, 1, 2, 3, 4, 5, 6, 7, 8, 10)] == [0, 0, 1, 1, 2, 2, 3, 3, 4, 4]
    assert shade(0, 0) is None
    drawn = coverage_map({"overvecht": {"families": 4, "covered": 3}})
    areas = {area.shape.code: area for area in drawn.areas}
    assert (areas["overvecht"].share, areas["overvecht"].shade) == (0.75, 3)
    assert areas["zuid"].shade is None and len(areas) == 10


def test_chart_spreads_runs_and_maps_percent_to_height() -> None:
    moment = datetime(2026, 11, 2, tzinfo=UTC)
    series = [CoveragePoint(i, moment, covered, 10) for i, covered in enumerate((0, 5, 10), 1)]
    chart = line_chart(series)
    xs = [p.x for p in chart.points]
    ys = [p.y for p in chart.points]
    assert xs == [LEFT, round(LEFT + (WIDTH - LEFT - RIGHT) / 2, 1), WIDTH - RIGHT]
    assert ys[0] > ys[1] > ys[2] and ys[0] == chart.y_ticks[0][0] and ys[2] == chart.y_ticks[-1][0]
    assert chart.line == " ".join(f"{p.x},{p.y}" for p in chart.points)
    assert [label.point.run_id for label in chart.x_labels] == [1, 2, 3]
    assert line_chart([]).points == () and 0 < chart.y_ticks[0][0] < HEIGHT


def test_coverage_series_reads_only_succeeded_runs_oldest_first(session: Session) -> None:
    for status, covered in (("succeeded", 3), ("failed", 0), ("succeeded", 8), ("running", 0)):
        stats = {"covered": covered, "families": 10, "uncovered": [{"family_id": 1}] * 5}
        session.add(MatchingRun(status=status, as_of=date(2026, 11, 26), stats=stats))
    session.commit()
    series = coverage_series(session)
    assert [(p.run_id, p.covered, p.families) for p in series] == [(1, 3, 10), (3, 8, 10)]
    assert series[1].percent == 80.0
    assert [p.run_id for p in coverage_series(session, limit=1)] == [3]


def test_figures_already_known_are_not_read_again(session: Session) -> None:
    for covered in (3, 8):
        session.add(
            MatchingRun(status="succeeded", as_of=date(2026, 11, 26),
                        stats={"covered": covered, "families": 10})
        )  # fmt: skip
    session.commit()
    known: dict[int, CoveragePoint] = {2: CoveragePoint(2, None, 9, 9)}
    series = coverage_series(session, known=known)
    assert [(p.run_id, p.covered) for p in series] == [(1, 3), (2, 9)]
    assert set(known) == {1, 2}
