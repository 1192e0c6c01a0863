"""The API's answers about runs, proposals, matches and coverage (people use the domain's
own ``…Public`` models)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from matching.vocab import EndReason
from web.api.operations import CURSOR, MAX_ID


class RunRequest(BaseModel):
    """Ask for a run; the as-of date is today unless given."""

    model_config = ConfigDict(extra="forbid")

    as_of: date | None = None


class Coverage(BaseModel):
    """Families and covered families of one group."""

    families: int
    covered: int


class RunPublic(BaseModel):
    """A run: its state and progress while it works, its result summary when done."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    status: str
    done: bool
    trigger: str
    as_of: date
    requested_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    progress: str | None
    solver_status: str | None
    objective: dict[str, Any]
    proposals_made: int
    wall_s: float | None
    error: str | None
    families: int | None = None
    covered: int | None = None


class RunCoverage(BaseModel):
    """Coverage of one succeeded run, for a chart over time."""

    run_id: int
    finished_at: datetime | None
    families: int
    covered: int


class CoverageReport(BaseModel):
    """Coverage of the newest succeeded run per district, priority and organisation."""

    run_id: int | None
    finished_at: datetime | None
    families: int
    covered: int
    by_district: dict[str, Coverage]
    by_priority: dict[str, Coverage]
    by_organisation: dict[str, Coverage]
    history: list[RunCoverage]


class ProposalQuery(BaseModel):
    """Filters of the proposal list, and its cursor."""

    model_config = ConfigDict(extra="ignore")

    status: str = Field("proposed", max_length=12, description="proposed, approved, rejected, "
                        "superseded")  # fmt: skip
    kind: str = Field("buddy", max_length=10, description="buddy or placement")
    run_id: int | None = Field(None, ge=0, le=MAX_ID)
    after: int = Field(0, ge=0, le=MAX_ID, description=CURSOR)
    limit: int = Field(50, ge=1, le=200)


class ProposalPublic(BaseModel):
    """A proposal with its score parts (its explanation: the parts in words)."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    run_id: int | None
    kind: str
    status: str
    volunteer_id: int | None
    family_id: int | None
    student_id: int | None
    preschool_id: int | None
    slots: list[dict[str, Any]]
    score: int
    score_parts: dict[str, Any]
    pinned: bool
    repairs_match_id: int | None
    created_at: datetime
    decided_at: datetime | None
    reason: str | None


class ProposalPage(BaseModel):
    """A page of proposals and the cursor of the next (null on the last)."""

    items: list[ProposalPublic]
    next_cursor: int | None


class Rejection(BaseModel):
    """Why a proposal is rejected (the pair is never proposed again)."""

    model_config = ConfigDict(extra="forbid")

    reason: str = Field(min_length=1, max_length=500)


class Pin(BaseModel):
    """Pin or unpin an open proposal."""

    model_config = ConfigDict(extra="forbid")

    pinned: bool = True


class Decision(BaseModel):
    """A decided proposal, and the match or placement an approval started."""

    proposal: ProposalPublic
    match_id: int | None = None
    placement_id: int | None = None


class MatchPublic(BaseModel):
    """A running or ended trajectory."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    proposal_id: int | None
    volunteer_id: int
    family_id: int
    organisation_id: int
    status: str
    start_date: date
    expected_end: date | None
    ended_on: date | None
    end_code: EndReason | None
    end_note: str | None
    broken_rule: str | None


class MatchQuery(BaseModel):
    """Filters of the match list, and its cursor."""

    model_config = ConfigDict(extra="ignore")

    status: str = Field("", max_length=10, description="active or ended; empty: both")
    volunteer_id: int | None = Field(None, ge=0, le=MAX_ID)
    family_id: int | None = Field(None, ge=0, le=MAX_ID)
    after: int = Field(0, ge=0, le=MAX_ID, description=CURSOR)
    limit: int = Field(50, ge=1, le=200)


class MatchPage(BaseModel):
    """A page of matches and the cursor of the next (null on the last)."""

    items: list[MatchPublic]
    next_cursor: int | None


class PlacementPublic(BaseModel):
    """A student's placement at one preschool: its group half-days and period."""

    model_config = ConfigDict(from_attributes=True)

    id: int
    proposal_id: int | None
    student_id: int
    preschool_id: int
    slots: list[dict[str, Any]]
    period_start: date
    period_end: date
    status: str
    confirmed: bool
    ended_on: date | None
    end_code: EndReason | None
    end_note: str | None
    broken_rule: str | None


class PlacementQuery(BaseModel):
    """Filters of the placement list, and its cursor."""

    model_config = ConfigDict(extra="ignore")

    status: str = Field("", max_length=10, description="active or ended; empty: both")
    student_id: int | None = Field(None, ge=0, le=MAX_ID)
    preschool_id: int | None = Field(None, ge=0, le=MAX_ID)
    after: int = Field(0, ge=0, le=MAX_ID, description=CURSOR)
    limit: int = Field(50, ge=1, le=200)


class PlacementPage(BaseModel):
    """A page of placements and the cursor of the next (null on the last)."""

    items: list[PlacementPublic]
    next_cursor: int | None


class MatchEnd(BaseModel):
    """End a trajectory with a reason, on a date (today unless given)."""

    model_config = ConfigDict(extra="forbid")

    reason: EndReason
    note: str = Field("", max_length=200)
    ended_on: date | None = None


class PlacementEnd(MatchEnd):
    """End a placement with a reason, on a date (today unless given)."""
