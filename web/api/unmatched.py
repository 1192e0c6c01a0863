"""Families the newest run left without a buddy, with their funnel, and the recruitment gap."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from sqlmodel import Session

from matching.reports.unmatched import last_succeeded_run, uncovered_families
from matching.runs.stats import read_stats
from web.api import bp
from web.api.caller import Caller
from web.api.operations import Answer, operation


class UnmatchedFamily(BaseModel):
    """A family left waiting: how many volunteers each hard rule removed, and why in words."""

    family_id: int
    reference: str | None
    priority: int
    district: str
    funnel: dict[str, int]
    eligible_taken: int
    reason: str


class GapProfile(BaseModel):
    """A volunteer profile and how many waiting families it would be eligible for."""

    language: str
    district: str
    half_day: str
    families: int


class Unmatched(BaseModel):
    """The newest succeeded run's uncovered families and its recruitment gap."""

    run_id: int | None
    families: list[UnmatchedFamily]
    recruitment_gap: list[GapProfile]


@operation(bp, "GET", "/unmatched", summary="Unmatched families with their funnel, and the "
           "recruitment gap", tag="coverage", response=Unmatched)  # fmt: skip
def unmatched(caller: Caller, session: Session, **_: Any) -> Answer:
    """A partner's token sees its own families and no recruitment gap (it is city-wide)."""
    run = last_succeeded_run(session)
    if run is None:
        return Answer(200, Unmatched(run_id=None, families=[], recruitment_gap=[]))
    stats = read_stats(run)
    families = []
    for item in uncovered_families(session, stats.uncovered):
        family = item.family
        if caller.organisation_id is not None and (
            family is None or family.organisation_id != caller.organisation_id
        ):
            continue
        row = item.row
        families.append(
            UnmatchedFamily(
                family_id=row.family_id,
                reference=family.reference if family is not None else None,
                priority=row.priority,
                district=row.district,
                funnel=dict(row.funnel),
                eligible_taken=row.eligible_taken,
                reason=row.reason,
            )
        )
    gap = [] if caller.organisation_id is not None else stats.recruitment_gap
    return Answer(
        200,
        Unmatched(
            run_id=run.id,
            families=families,
            recruitment_gap=[GapProfile.model_validate(g.model_dump()) for g in gap],
        ),
    )
