"""Matches (trajectories): list, read, end with a reason."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from matching.decisions.lifecycle import end_match
from matching.models import Match
from matching.people.scoping import NotOwned, get_owned
from web.api import bp
from web.api.bodies import BodySpec
from web.api.caller import Caller
from web.api.operations import Answer, operation
from web.api.schemas import MatchEnd, MatchPage, MatchPublic, MatchQuery
from web.portal.dates import today

ONE = "/matches/<int:match_id>"


def _match(session: Session, caller: Caller, match_id: int) -> Match:
    """The match if the caller may see it; NotOwned (404) otherwise."""
    if caller.organisation_id is not None:
        return get_owned(
            session, table=Match, row_id=match_id, organisation_id=caller.organisation_id
        )
    found = session.get(Match, match_id)
    if found is None:
        raise NotOwned(Match, match_id)
    return found


@operation(bp, "GET", "/matches", summary="List matches", tag="matches", response=MatchPage,
           query=MatchQuery)  # fmt: skip
def list_matches(caller: Caller, session: Session, *, query: MatchQuery, **_: Any) -> Answer:
    """Matches by id, filtered; an organisation's token sees its own only."""
    statement = select(Match).where(col(Match.id) > query.after)
    if query.status:
        statement = statement.where(Match.status == query.status)
    if query.volunteer_id is not None:
        statement = statement.where(Match.volunteer_id == query.volunteer_id)
    if query.family_id is not None:
        statement = statement.where(Match.family_id == query.family_id)
    if caller.organisation_id is not None:
        statement = statement.where(Match.organisation_id == caller.organisation_id)
    rows = list(session.exec(statement.order_by(col(Match.id)).limit(query.limit + 1)).all())
    more = len(rows) > query.limit
    rows = rows[: query.limit]
    items = [MatchPublic.model_validate(row, from_attributes=True) for row in rows]
    return Answer(200, MatchPage(items=items, next_cursor=rows[-1].id if more else None))


@operation(bp, "GET", ONE, summary="Read a match", tag="matches", response=MatchPublic)
def read_match(caller: Caller, session: Session, *, match_id: int, **_: Any) -> Answer:
    """One match."""
    return Answer(200, MatchPublic.model_validate(_match(session, caller, match_id),
                                                  from_attributes=True))  # fmt: skip


@operation(bp, "POST", f"{ONE}/end", summary="End a match with a reason", tag="matches",
           response=MatchPublic, body=BodySpec(MatchEnd, "MatchEnd"), write=True,
           conflicts=True)  # fmt: skip
def end(caller: Caller, session: Session, *, match_id: int, body: MatchEnd, **_: Any) -> Answer:
    """End a trajectory; the family goes back to waiting."""
    match = _match(session, caller, match_id)
    end_match(session, match=match, user=caller.owner, on=body.ended_on or today(),
              reason=body.reason, note=body.note)  # fmt: skip
    return Answer(200, MatchPublic.model_validate(match, from_attributes=True))
