"""Placements of students: list, read, end with a reason (municipality tokens only)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from matching.decisions.ending import end_placement
from matching.models import Placement
from matching.people.scoping import NotOwned
from web.api import bp
from web.api.bodies import BodySpec
from web.api.caller import Caller
from web.api.operations import Answer, operation
from web.api.schemas import PlacementEnd, PlacementPage, PlacementPublic, PlacementQuery
from web.portal.dates import today

ONE = "/placements/<int:placement_id>"


def _placement(session: Session, placement_id: int) -> Placement:
    """The placement; NotOwned (404) when there is none."""
    found = session.get(Placement, placement_id)
    if found is None:
        raise NotOwned(Placement, placement_id)
    return found


def _public(placement: Placement) -> PlacementPublic:
    """A placement as the API shows it."""
    return PlacementPublic.model_validate(placement, from_attributes=True)


@operation(bp, "GET", "/placements", summary="List placements", tag="placements",
           response=PlacementPage, query=PlacementQuery, municipality_only=True)  # fmt: skip
def list_placements(caller: Caller, session: Session, *, query: PlacementQuery, **_: Any) -> Answer:
    """Placements by id, filtered by status, student or preschool."""
    statement = select(Placement).where(col(Placement.id) > query.after)
    if query.status:
        statement = statement.where(Placement.status == query.status)
    if query.student_id is not None:
        statement = statement.where(Placement.student_id == query.student_id)
    if query.preschool_id is not None:
        statement = statement.where(Placement.preschool_id == query.preschool_id)
    rows = list(session.exec(statement.order_by(col(Placement.id)).limit(query.limit + 1)).all())
    more = len(rows) > query.limit
    rows = rows[: query.limit]
    page = PlacementPage(
        items=[_public(r) for r in rows], next_cursor=rows[-1].id if more else None
    )
    return Answer(200, page)


@operation(bp, "GET", ONE, summary="Read a placement", tag="placements",
           response=PlacementPublic, municipality_only=True)  # fmt: skip
def read_placement(caller: Caller, session: Session, *, placement_id: int, **_: Any) -> Answer:
    """One placement."""
    return Answer(200, _public(_placement(session, placement_id)))


@operation(bp, "POST", f"{ONE}/end", summary="End a placement with a reason", tag="placements",
           response=PlacementPublic, body=BodySpec(PlacementEnd, "PlacementEnd"), write=True,
           municipality_only=True, conflicts=True)  # fmt: skip
def end_a_placement(
    caller: Caller, session: Session, *, placement_id: int, body: PlacementEnd, **_: Any
) -> Answer:
    """End a student's placement; the student is free for the next run."""
    placement = _placement(session, placement_id)
    end_placement(session, placement=placement, user=caller.owner, on=body.ended_on or today(),
                  reason=body.reason, note=body.note)  # fmt: skip
    return Answer(200, _public(placement))
