"""Erasure: nothing personal of the family remains anywhere, every statistic stays, and the
family is gone from every list, search, export and run."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from matching.buddies.problem import load_people
from matching.models import AuditEvent, CheckIn, Family, Match, MatchingRun, OutboxMail, Proposal
from matching.people.lists import PeopleFilter, list_people
from matching.people.scoping import NotOwned, families_of, get_owned
from matching.privacy.codes import ErasureRefusal, PersonKind
from matching.privacy.erasure import Actor, ErasureRefused, erase_person
from matching.reports.dashboard import district_table
from matching.reports.overview import waiting_by_priority
from matching.runs.execution import execute_run, request_run
from matching.tabular.export import matches_csv, people_csv
from matching.trajectories.capacity import waiting_list
from matching.vocab import EndReason
from tests.matching.partner_world import TODAY, partner, started
from tests.matching.privacy.erased_world import World, build, text_hits

LATER = TODAY + timedelta(days=30)
NOW = datetime(2026, 12, 26, 10, 0, tzinfo=UTC)


def _figures(session: Session) -> tuple[object, ...]:
    """Every stored run figure and the dashboard's district and priority tables."""
    runs = session.exec(select(MatchingRun).order_by(col(MatchingRun.id))).all()
    stored = [(r.id, r.stats, r.objective, r.bound, r.proposals_made) for r in runs]
    return stored, district_table(session), waiting_by_priority(session, LATER)


def _erase(session: Session, world: World) -> None:
    """Erase the mother as a coordinator would, committed."""
    erase_person(
        session, kind=PersonKind.FAMILY, person_id=world.p.mother.id or 0,
        actor=Actor("user:99"), today=LATER, now=NOW, upload_dir=world.uploads,
    )  # fmt: skip
    session.commit()


@pytest.fixture
def world(session: Session, engine: Engine, tmp_path: Path) -> World:
    """The erasable world (see erased_world.py)."""
    return build(session, engine, tmp_path)


def test_no_personal_value_of_the_family_remains_anywhere(session: Session, world: World) -> None:
    """Every text column of every table, the mail and the uploads are searched for each value."""
    assert all(text_hits(session, value) for value in world.values)  # they were there
    mails = session.exec(select(OutboxMail).where(col(OutboxMail.body).contains("AA-010"))).all()
    assert mails, "the buddy's mail named the family"
    _erase(session, world)
    session.expire_all()
    assert {value: text_hits(session, value) for value in world.values} == {
        value: [] for value in world.values
    }
    family = session.get(Family, world.p.mother.id)
    assert family is not None and family.erased_at is not None
    assert family.due_date == world.due_date.replace(day=1)
    assert family.needs == [] and family.languages == [] and family.lat is None
    checks = session.exec(select(CheckIn).where(CheckIn.match_id == world.match.id)).all()
    assert checks and all(c.note == "" and c.on.day == 1 for c in checks)
    assert [p.name for p in world.uploads.iterdir()] == ["1-families-tokenwithoutmother00000.csv"]


def test_what_statistics_need_is_kept(session: Session, world: World) -> None:
    """District, organisation, the priority level and the end reason's code stay."""
    mother = world.p.mother
    _erase(session, world)
    session.expire_all()
    family = session.get(Family, mother.id)
    match = session.get(Match, world.match.id)
    assert family is not None and match is not None
    assert (family.district, family.organisation_id) == ("overvecht", world.p.org.id)
    assert family.priority_at_erasure is not None
    assert match.end_code == EndReason.OTHER and not match.end_note and match.ended_on is not None


def test_every_run_statistic_and_dashboard_figure_is_unchanged(
    session: Session, world: World
) -> None:
    """Stored run figures and the dashboard's district and priority tables stay exactly."""
    before = _figures(session)
    assert before[0], "there was a run with statistics"
    _erase(session, world)
    session.expire_all()
    assert _figures(session) == before


def test_the_trail_records_the_erasure_without_the_data(session: Session, world: World) -> None:
    """One event says who erased the family; events about it keep no details."""
    _erase(session, world)
    events = session.exec(
        select(AuditEvent).where(AuditEvent.entity == "family", AuditEvent.action == "erased")
    ).all()
    assert [(e.entity_id, e.actor, e.detail) for e in events] == [
        (world.p.mother.id, "user:99", {})
    ]
    about_match = session.exec(
        select(AuditEvent).where(
            AuditEvent.entity == "match", AuditEvent.entity_id == world.match.id
        )
    ).all()
    assert about_match and all(e.detail == {} for e in about_match)


def test_the_family_appears_in_no_list_search_export_or_run(
    session: Session, engine: Engine, world: World
) -> None:
    """Lists, search, exports, the partner's pages and a new run all leave it out."""
    mother_id = world.p.mother.id or 0
    _erase(session, world)
    org = world.p.org.id or 0
    listed = list_people(session, "families", PeopleFilter(per_page=500), LATER).rows
    assert mother_id not in [f.id for f in listed]
    assert list_people(session, "families", PeopleFilter(q="gewist"), LATER).total == 0
    assert "gewist" not in "".join(people_csv(session, "families", PeopleFilter(), LATER))
    assert f"\r\n{world.match.id};" not in "".join(matches_csv(session, free_text=True))
    assert mother_id not in [f.id for f in families_of(session, organisation_id=org)]
    assert mother_id not in [
        w.family.id for w in waiting_list(session, organisation_id=org, as_of=LATER)
    ]
    with pytest.raises(NotOwned):
        get_owned(session, table=Family, row_id=mother_id, organisation_id=org)
    assert mother_id not in [f.id for f in load_people(session)[1]]
    run = request_run(session, trigger="cli", as_of=LATER)
    session.commit()
    execute_run(engine, run.id or 0, time_limit_s=10)
    proposed = session.exec(select(Proposal).where(Proposal.run_id == run.id)).all()
    assert mother_id not in [p.family_id for p in proposed]


def test_a_family_in_an_active_match_is_refused(session: Session) -> None:
    """The reason is the running trajectory; nothing changes."""
    p = partner(session)
    started(session, p)
    with pytest.raises(ErasureRefused) as refused:
        erase_person(
            session, kind=PersonKind.FAMILY, person_id=p.mother.id or 0,
            actor=Actor("user:1"), today=TODAY, now=NOW,
        )  # fmt: skip
    assert refused.value.code is ErasureRefusal.ACTIVE_MATCH
    session.rollback()
    family = session.get(Family, p.mother.id)
    assert family is not None and family.erased_at is None and family.reference == "AA-010"


def test_erasing_twice_is_refused_as_not_found(session: Session, world: World) -> None:
    """An erased person cannot be found again, not even to erase."""
    _erase(session, world)
    with pytest.raises(ErasureRefused) as refused:
        _erase(session, world)
    assert refused.value.code is ErasureRefusal.NOT_FOUND
