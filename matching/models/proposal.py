"""Proposals of a run: proposed → approved | rejected | superseded."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON
from sqlmodel import Field, SQLModel

from matching.models.common import utcnow
from matching.vocab import ProposalStatus


class Proposal(SQLModel, table=True):
    """A suggested pair (volunteer–family, or student–preschool with half-days) and why."""

    id: int | None = Field(default=None, primary_key=True)
    run_id: int | None = Field(default=None, foreign_key="matching_run.id", index=True)
    kind: str = Field(max_length=10)
    status: str = Field(default=ProposalStatus.PROPOSED, max_length=12, index=True)
    volunteer_id: int | None = Field(default=None, foreign_key="volunteer.id", index=True)
    family_id: int | None = Field(default=None, foreign_key="family.id", index=True)
    student_id: int | None = Field(default=None, foreign_key="student.id", index=True)
    preschool_id: int | None = Field(default=None, foreign_key="preschool.id")
    slots: list[dict[str, Any]] = Field(default_factory=list, sa_type=JSON)
    score: int = 0
    score_parts: dict[str, Any] = Field(default_factory=dict, sa_type=JSON)
    pinned: bool = False
    # Plain ids, not foreign keys: a match points at its proposal, so a key back would
    # make the three tables a cycle that no creation order satisfies.
    repairs_match_id: int | None = Field(default=None, index=True)
    repairs_placement_id: int | None = Field(default=None, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    decided_by_id: int | None = Field(default=None, foreign_key="user.id")
    decided_at: datetime | None = None
    reason: str | None = None
