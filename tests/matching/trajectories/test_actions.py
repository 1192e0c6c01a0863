"""Following a partner's trajectories: check-ins, the overdue rule, ending one, scoping."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlmodel import Session, select

from matching.buddies.suggestions import suggest_buddies
from matching.decisions.lifecycle import LifecycleError
from matching.models import CheckIn, Match
from matching.people.scoping import NotOwned
from matching.people.validation import InvalidRecord
from matching.trajectories.actions import (
    TrajectoryError,
    add_check_in,
    end_trajectory,
    is_overdue,
    next_check_in_due,
)
from matching.trajectories.views import TrajectoryRow, running_trajectories, trajectory_detail
from matching.vocab import MatchStatus
from tests.matching import stored as make
from tests.matching.partner_world import TODAY, Partner, partner, started


def _row(session: Session, p: Partner, match: Match, today: date) -> TrajectoryRow:
    """The match's row among the running trajectories (the overdue ones come first)."""
    rows = running_trajectories(session, organisation_id=p.org.id, today=today)
    assert rows == sorted(rows, key=lambda r: not r.overdue)
    return next(r for r in rows if r.id == match.id)


def _check_in(session: Session, p: Partner, match: Match, on: date, note: str, **kw: object):
    """Add a check-in as the partner's user (``organisation_id`` and ``today`` may be given)."""
    return add_check_in(
        session,
        organisation_id=kw.get("organisation_id", p.org.id),
        match_id=match.id,
        user=p.user,
        on=on,
        note=note,
        today=kw.get("today", on),
    )


def _end(session: Session, p: Partner, match: Match, reason: str, **kw: object) -> Match:
    """End the trajectory today as the partner's user (``note``, ``organisation_id`` optional)."""
    return end_trajectory(
        session,
        organisation_id=kw.get("organisation_id", p.org.id),
        match_id=match.id,
        user=p.user,
        on=TODAY,
        reason=reason,
        note=str(kw.get("note", "")),
        today=TODAY,
    )


def test_check_ins_and_the_overdue_rule(session: Session) -> None:
    """First check-in due 4 weeks after the start, then every 13 weeks; overdue after."""
    p = partner(session)
    match = started(session, p)
    assert next_check_in_due(TODAY, None) == TODAY + timedelta(weeks=4)
    later = TODAY + timedelta(weeks=5)
    row = _row(session, p, match, later)
    assert row.overdue and row.last_check_in is None
    _check_in(session, p, match, later, "Kennismaking gehad.")
    session.commit()
    row = _row(session, p, match, later)
    assert not row.overdue and row.next_due == later + timedelta(weeks=13)
    assert is_overdue(TODAY, later, later + timedelta(weeks=13, days=1))
    detail = trajectory_detail(session, organisation_id=p.org.id, match_id=match.id, today=later)
    assert [c.note for c in detail.check_ins] == ["Kennismaking gehad."]


def test_check_ins_refused(session: Session) -> None:
    """Before the start, after today, or with an empty note: refused."""
    p = partner(session)
    match = started(session, p)
    for bad_day in (TODAY - timedelta(days=1), TODAY + timedelta(days=1)):
        with pytest.raises(TrajectoryError) as refused:
            _check_in(session, p, match, bad_day, "x", today=TODAY)
        assert refused.value.code == "date_out_of_range"
    with pytest.raises(InvalidRecord):
        _check_in(session, p, match, TODAY, "   ")


def test_ending_frees_the_buddy(session: Session) -> None:
    """Ending with a reason closes or re-opens the family; the buddy is suggested again."""
    p = partner(session)
    match = started(session, p)
    second = make.family(
        session, p.org, "AA-012", "overvecht", languages=["ar"], availability=["mon_am"]
    )
    session.commit()

    def names() -> list[str]:
        """The buddies suggested for the second mother."""
        found = suggest_buddies(session, organisation_id=p.org.id, family_id=second.id, as_of=TODAY)
        return [s.name for s in found.ranked]

    assert "Fatima" not in names()
    with pytest.raises(TrajectoryError) as refused:
        _end(session, p, match, "other")
    assert refused.value.code == "note_required"
    _end(session, p, match, "moved", note="Naar Amersfoort")
    session.commit()
    assert match.status == MatchStatus.ENDED and (match.end_code, match.end_note) == (
        "moved",
        "Naar Amersfoort",
    )
    assert p.mother.status == "closed"
    assert "Fatima" in names()
    with pytest.raises(LifecycleError):
        _end(session, p, match, "moved")


def test_another_organisations_trajectory_is_not_found(session: Session) -> None:
    """Check-ins and ending on another organisation's match are NotOwned; nothing changes."""
    p = partner(session)
    match = started(session, p)
    with pytest.raises(NotOwned):
        _check_in(session, p, match, TODAY, "x", organisation_id=p.other.id)
    with pytest.raises(NotOwned):
        _end(session, p, match, "moved", organisation_id=p.other.id)
    with pytest.raises(NotOwned):
        trajectory_detail(session, organisation_id=p.other.id, match_id=match.id, today=TODAY)
    assert match.status == "active" and session.exec(select(CheckIn)).all() == []
