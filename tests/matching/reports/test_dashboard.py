"""The coordinator's counts per district."""

from __future__ import annotations

from sqlmodel import Session

from matching import reference
from matching.reports.dashboard import district_table
from tests.matching import stored as make


def _populate(session: Session) -> None:
    """Two partners with people in Overvecht, Zuid, Zuidwest, West and Leidsche Rijn."""
    a = make.organisation(session, "a", "Partner A", "partner")
    b = make.organisation(session, "b", "Partner B", "partner")
    uni = make.organisation(session, "hu", "Hogeschool Utrecht", "university")
    full = make.volunteer(session, a, "Full", "overvecht")
    roomy = make.volunteer(session, a, "Roomy", "overvecht", capacity=2)
    make.volunteer(session, a, "Resting", "overvecht", active=False)
    ended = make.volunteer(session, b, "Ended", "zuidwest")
    make.volunteer(session, b, "Idle", "west")
    make.family(session, a, "A-1", "overvecht")
    make.match(session, full, make.family(session, a, "A-2", "overvecht", status="matched"))
    make.match(session, roomy, make.family(session, a, "A-3", "overvecht", status="matched"))
    make.match(
        session, roomy, make.family(session, a, "A-4", "zuid", status="closed"), status="ended"
    )
    make.family(session, a, "A-5", "zuid")
    make.match(
        session, ended, make.family(session, b, "B-1", "zuidwest", status="closed"), status="ended"
    )
    make.family(session, b, "B-2", "zuidwest")
    make.student(session, uni, "Sanne Smit", "overvecht")
    make.student(session, uni, "Sem Jong", "overvecht", active=False)
    make.student(session, uni, "Lisa Berg", "leidsche-rijn")
    session.commit()


def test_counts_per_district(session: Session) -> None:
    """Waiting families, free volunteers and active students land in their districts."""
    _populate(session)
    table = district_table(session)
    counts = {
        row.code: (row.waiting_families, row.free_volunteers, row.active_students)
        for row in table.rows
    }
    assert counts["overvecht"] == (1, 1, 1)
    assert counts["zuid"] == (1, 0, 0)
    assert counts["zuidwest"] == (1, 1, 0)
    assert counts["west"] == (0, 1, 0)
    assert counts["leidsche-rijn"] == (0, 0, 1)
    assert counts["binnenstad"] == (0, 0, 0)


def test_totals_and_all_ten_districts(session: Session) -> None:
    """Every district has a row, in reference order, and the totals add them up."""
    _populate(session)
    table = district_table(session)
    assert [row.code for row in table.rows] == list(reference.districts())
    assert [row.name for row in table.rows][7] == "Zuidwest"
    total = table.total
    assert (total.waiting_families, total.free_volunteers, total.active_students) == (3, 3, 2)


def test_empty_database_gives_zeros(session: Session) -> None:
    """Without people every count is zero, and the table still lists all districts."""
    table = district_table(session)
    assert len(table.rows) == 10
    assert all(
        (row.waiting_families, row.free_volunteers, row.active_students) == (0, 0, 0)
        for row in table.rows
    )


def test_volunteer_at_capacity_is_not_free(session: Session) -> None:
    """A volunteer with as many active matches as their capacity is not counted free."""
    org = make.organisation(session, "a", "Partner A", "partner")
    buddy = make.volunteer(session, org, "Busy", "oost", capacity=2)
    make.match(session, buddy, make.family(session, org, "A-1", "oost", status="matched"))
    session.commit()
    assert district_table(session).total.free_volunteers == 1
    make.match(session, buddy, make.family(session, org, "A-2", "oost", status="matched"))
    session.commit()
    assert district_table(session).total.free_volunteers == 0
