"""A seeded `small` database with one succeeded run: the base of the scenario tests."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import pytest
from sqlalchemy import select as sa_select
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

from matching.db import session_scope
from matching.models import MatchingRun, Scenario, User
from matching.runs import execution as runs
from matching.scenarios.compose import add_change, create_scenario, request_scenario
from matching.vocab import Role, RunStatus
from seed import seed_database

AS_OF = date(2026, 11, 26)
# Tables a scenario may write: its own row, and the lock row every lease-taker updates.
OWN_TABLES = {"scenario", "run_lock"}


@dataclass
class Seeded:
    """The engine and the id of the succeeded base run."""

    engine: Engine
    run_id: int


@pytest.fixture
def seeded(engine: Engine) -> Seeded:
    """The `small` demo data and one real run on it."""
    with session_scope(engine) as session:
        seed_database(session, size="small", seed=7, as_of=AS_OF)
        run_id = runs.request_run(session, trigger="cli", as_of=AS_OF).id
    assert run_id is not None
    run = runs.execute_run(engine, run_id, time_limit_s=10)
    assert run.status == RunStatus.SUCCEEDED, run.error
    return Seeded(engine, run_id)


def snapshot(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table but the scenario's own, to compare before and after."""
    out: dict[str, list[tuple[Any, ...]]] = {}
    with engine.connect() as connection:
        for name, table in SQLModel.metadata.tables.items():
            if name in OWN_TABLES:
                continue
            rows = connection.execute(sa_select(table)).all()
            out[name] = sorted((tuple(row) for row in rows), key=repr)
    return out


def coordinator(session: Session) -> User:
    """A coordinator of the seeded data."""
    user = session.exec(select(User).where(User.role == Role.COORDINATOR)).first()
    assert user is not None
    return user


def requested(engine: Engine, *changes: dict[str, Any]) -> int:
    """A scenario with these changes, asked to run; its id."""
    with session_scope(engine) as session:
        scenario = create_scenario(session, name="test", author=coordinator(session))
        for change in changes:
            add_change(session, scenario, change)
        request_scenario(session, scenario)
        assert scenario.id is not None
        return scenario.id


def base_run(engine: Engine, run_id: int) -> MatchingRun:
    """The base run row."""
    with Session(engine) as session:
        run = session.get(MatchingRun, run_id)
        assert run is not None
        return run


def stored(engine: Engine, scenario_id: int) -> Scenario:
    """The scenario row as stored."""
    with Session(engine) as session:
        scenario = session.get(Scenario, scenario_id)
        assert scenario is not None
        return scenario
