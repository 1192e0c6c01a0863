"""A run's figures as typed models: the one module that writes and reads ``run.stats`` and
``run.objective`` (JSON columns; the stored shape is the one runs have always had, so rows
written before these models read back unchanged)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field
from sqlmodel import col

from matching.models import MatchingRun


class _Stored(BaseModel):
    """Read leniently (old rows may lack a key or hold one more); written back as read."""

    model_config = ConfigDict(extra="allow")


class Coverage(_Stored):
    """Families and the covered ones among them, for one district, priority or organisation."""

    families: int = 0
    covered: int = 0


class WaitingFamily(_Stored):
    """A family the run left waiting: how urgent, where, and its funnel of volunteers."""

    family_id: int
    priority: int = 0
    district: str = ""
    funnel: dict[str, int] = Field(default_factory=dict)  # rule code -> volunteers removed
    eligible_taken: int = 0
    reason: str = ""  # the funnel in English, for the CSV export and logs


class GapProfile(_Stored):
    """A volunteer profile to recruit and how many waiting families it would fit."""

    language: str
    district: str
    half_day: str
    families: int


class UnplacedStudent(_Stored):
    """A student without a placement and why (an UnplacedReason code)."""

    student_id: int
    reason: str


class PlacementStats(_Stored):
    """The student placement of a run; only ``status`` and ``note`` when it found no answer."""

    status: str | None = None
    note: str | None = None
    students: int | None = None
    placed: int = 0
    unplaced: list[UnplacedStudent] = Field(default_factory=list)
    uncovered_sessions: int = 0
    uncovered_reduced_sessions: int = 0
    objective: dict[str, int] = Field(default_factory=dict)
    tier_status: dict[str, str] = Field(default_factory=dict)


class RunStats(_Stored):
    """Coverage per district, priority and organisation, the funnel, the waiting, the gap."""

    by_district: dict[str, Coverage] = Field(default_factory=dict)
    by_priority: dict[str, Coverage] = Field(default_factory=dict)
    by_organisation: dict[str, Coverage] = Field(default_factory=dict)
    funnel_totals: dict[str, int] = Field(default_factory=dict)
    families: int = 0
    covered: int = 0
    uncovered: list[WaitingFamily] = Field(default_factory=list)
    recruitment_gap: list[GapProfile] = Field(default_factory=list)
    placement: PlacementStats | None = None
    recruitment_plan: dict[str, Any] | None = None  # matching.recruitment.stored reads it


class RunObjective(_Stored):
    """What the buddy solve reached, tier by tier, and the placement's tier values."""

    covered_by_priority: dict[str, int] = Field(default_factory=dict)
    score: int | None = None
    kept_previous: int | None = None
    method: str | None = None
    placement: dict[str, int] | None = None


def _dump(model: BaseModel) -> dict[str, Any]:
    """The stored JSON: only the keys that were set, as the runs always stored them."""
    return model.model_dump(mode="json", exclude_unset=True)


def read_stats(run: MatchingRun) -> RunStats:
    """The run's figures (empty for a run that has none yet)."""
    return RunStats.model_validate(run.stats or {})


def read_objective(run: MatchingRun) -> RunObjective:
    """The run's objective values (empty for a run that has none yet)."""
    return RunObjective.model_validate(run.objective or {})


def write_buddy_result(run: MatchingRun, objective: RunObjective, stats: RunStats) -> None:
    """Store the buddy solve's objective and figures on the run."""
    run.objective = _dump(objective)
    run.stats = _dump(stats)


def write_stats(run: MatchingRun, stats: RunStats) -> None:
    """Store the run's figures as they are now."""
    run.stats = _dump(stats)


def write_placement(
    run: MatchingRun, placement: PlacementStats, objective: dict[str, int] | None = None
) -> None:
    """Add the placement's figures (and its tier values, when it has an answer) to the run."""
    stats = read_stats(run)
    stats.placement = placement
    run.stats = _dump(stats)
    if objective is not None:
        values = read_objective(run)
        values.placement = objective
        run.objective = _dump(values)


def stored_figure(name: str) -> Any:
    """One top-level figure of ``run.stats`` as an SQL expression (a report reads only it)."""
    if name not in RunStats.model_fields:
        raise KeyError(f"runs store no figure {name!r}")
    return col(MatchingRun.stats)[name]
