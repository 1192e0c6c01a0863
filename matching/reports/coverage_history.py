"""Coverage over time, read from the succeeded runs' stored figures (the dashboard's chart)."""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, col, select

from matching.models import MatchingRun
from matching.models.common import required_id
from matching.models.queries import full_runs
from matching.runs.stats import stored_figure
from matching.vocab import RunStatus


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
        .where(MatchingRun.status == RunStatus.SUCCEEDED, full_runs())
        .order_by(col(MatchingRun.id).desc())
        .limit(limit)
    ).all()
    latest = [run_id for run_id in found if run_id is not None]
    missing = [run_id for run_id in latest if run_id not in cache]
    if missing:
        statement = select(
            MatchingRun.id,
            MatchingRun.finished_at,
            stored_figure("covered").as_integer(),
            stored_figure("families").as_integer(),
        ).where(col(MatchingRun.id).in_(missing))
        for run_id, finished, covered, families in session.exec(statement).all():
            point_id = required_id(run_id, "run_id")
            cache[point_id] = CoveragePoint(
                point_id, finished, int(covered or 0), int(families or 0)
            )
    return [cache[run_id] for run_id in reversed(latest) if run_id in cache]
