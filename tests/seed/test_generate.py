"""seed_database: every size seeds valid, deterministic data; the small size on both databases."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from matching.accounts import authenticate
from matching.models import (
    AuditEvent,
    CheckIn,
    Family,
    Group,
    Match,
    Organisation,
    Preschool,
    Proposal,
    Student,
    User,
    Volunteer,
)
from matching.people.records import validated
from matching.vocab import MatchStatus
from seed import SeedError, seed_database
from seed.generate import count_rows
from seed.sizes import SMALL
from tests.seed.content import AS_OF, content, fresh_sqlite, seed_engine

UTRECHT_ACCOUNTS = ("coordinator", "alamal", "taaldoetmeer", "student", "maatje")
TABLES: tuple[type[SQLModel], ...] = (
    Organisation,
    User,
    Student,
    Preschool,
    Group,
    Volunteer,
    Family,
    Proposal,
    Match,
    AuditEvent,
    CheckIn,
)


def assert_every_record_valid(session: Session) -> None:
    """Each stored row passes the same validation as a new record would."""
    for table in TABLES:
        for row in session.exec(select(table)).all():
            validated(table, row.model_dump())
    for match in session.exec(select(Match)).all():
        match.check_dates()


def test_small_seeds_valid_data_on_every_database(engine: Engine) -> None:
    report = seed_engine(engine, "small")
    with Session(engine) as session:
        assert_every_record_valid(session)
        assert count_rows(session) == report.counts
    assert report.counts["students"] == SMALL.students
    assert report.counts["matches"] == (
        SMALL.partner_active + SMALL.municipal_active + SMALL.language_active
    )
    assert {role for role, _, _ in report.accounts} == {
        "coordinator",
        "organisation",
        "student",
        "volunteer",
    }


def test_the_demo_accounts_sign_in(engine: Engine) -> None:
    report = seed_engine(engine, "small")
    with Session(engine) as session:
        for role, email, password in report.accounts:
            user = authenticate(session, email=email, password=password)
            assert user is not None and user.role == role
            assert len(password) >= 8
        student_user = session.exec(select(User).where(User.role == "student")).one()
        assert student_user.student_id is not None
        assert session.get(Student, student_user.student_id) is not None
        buddy_user = session.exec(select(User).where(User.role == "volunteer")).one()
        buddy = session.get(Volunteer, buddy_user.volunteer_id)
        assert buddy is not None and buddy.email == buddy_user.email
        assert buddy.organisation_id == buddy_user.organisation_id
        running = select(Match).where(
            Match.volunteer_id == buddy.id, Match.status == MatchStatus.ACTIVE
        )
        assert session.exec(running).first() is not None, "the portal has a match to show"


def test_same_seed_gives_the_same_content(engine: Engine, tmp_path: Path) -> None:
    other = fresh_sqlite(tmp_path / "other.sqlite")
    seed_engine(engine, "small", seed=11)
    seed_engine(other, "small", seed=11)
    assert content(engine) == content(other)
    other.dispose()


def test_another_seed_gives_other_content(tmp_path: Path) -> None:
    first, second = fresh_sqlite(tmp_path / "a.sqlite"), fresh_sqlite(tmp_path / "b.sqlite")
    seed_engine(first, "small", seed=1)
    seed_engine(second, "small", seed=2)
    assert content(first)["volunteer"] != content(second)["volunteer"]
    assert content(first)["family"] != content(second)["family"]
    first.dispose()
    second.dispose()


def test_dates_follow_the_as_of_date(tmp_path: Path) -> None:
    engine = fresh_sqlite(tmp_path / "later.sqlite")
    seed_engine(engine, "small", as_of=AS_OF.replace(year=AS_OF.year + 1))
    with Session(engine) as session:
        registered = [family.registered_on for family in session.exec(select(Family)).all()]
        starts = [match.start_date for match in session.exec(select(Match)).all()]
    assert max(registered) <= AS_OF.replace(year=AS_OF.year + 1)
    assert min(starts) > AS_OF.replace(year=AS_OF.year - 2)
    engine.dispose()


def test_refuses_a_database_that_has_organisations(engine: Engine) -> None:
    seed_engine(engine, "small")
    with Session(engine) as session, pytest.raises(SeedError, match="already has organisations"):
        seed_database(session, size="small", seed=7, as_of=AS_OF)


def test_refuses_an_unknown_size(session: Session) -> None:
    with pytest.raises(ValueError, match="small, utrecht, large"):
        seed_database(session, size="huge", seed=7, as_of=AS_OF)


@pytest.mark.slow
def test_large_has_five_cities_far_apart(tmp_path: Path) -> None:
    engine = fresh_sqlite(tmp_path / "large.sqlite")
    report = seed_engine(engine, "large")
    assert report.counts["volunteers"] >= 10_000
    assert report.counts["families"] >= 8_000
    emails = [email for _, email, _ in report.accounts]
    assert len(emails) == 5 + 3 * 4  # Utrecht's five, three for each copy
    assert emails[:5] == [f"{who}@kansrijk.demo" for who in UTRECHT_ACCOUNTS]
    with Session(engine) as session:
        spans = _latitude_span_per_municipality(session)
    assert len(spans) == 5
    ordered = sorted(spans.values())
    assert all(low[1] + 0.3 < high[0] for low, high in pairwise(ordered))
    engine.dispose()


def _latitude_span_per_municipality(session: Session) -> dict[int, tuple[float, float]]:
    """(lowest, highest) latitude of each municipality's families."""
    spans: dict[int, Any] = {}
    for family in session.exec(select(Family)).all():
        assert family.lat is not None
        low, high = spans.get(family.organisation_id, (family.lat, family.lat))
        spans[family.organisation_id] = (min(low, family.lat), max(high, family.lat))
    municipalities = session.exec(select(Organisation).where(Organisation.kind == "municipality"))
    return {org.id: spans[org.id] for org in municipalities.all() if org.id is not None}
