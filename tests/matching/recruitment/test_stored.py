"""The plan a run makes from its own problem, stored with it and read back by the pages."""

from __future__ import annotations

from datetime import date

from sqlalchemy.engine import Engine
from sqlmodel import Session

from matching.db import session_scope
from matching.models import MatchingRun
from matching.recruitment.plan import buddy_plan
from matching.recruitment.stored import stored_plan
from matching.runs.execution import execute_run, request_run
from matching.runs.stats import read_stats
from seed import seed_database

AS_OF = date(2026, 11, 26)


def test_a_run_stores_the_plan_a_separate_solve_would_make(engine: Engine) -> None:
    """The run plans from its problem in memory: the same plan as building it anew."""
    with session_scope(engine) as session:
        seed_database(session, size="small", seed=7, as_of=AS_OF)
    with session_scope(engine) as session:
        run_id = request_run(session, trigger="user", as_of=AS_OF).id
    assert run_id is not None
    run = execute_run(engine, run_id)
    kept = stored_plan(run)
    with Session(engine) as session:
        fresh = buddy_plan(session, AS_OF, seed=run.seed)
        again = session.get(MatchingRun, run_id)
        assert again is not None and stored_plan(again) == kept
    assert kept is not None and kept.steps, "the small demo leaves families a recruit can help"
    assert kept == fresh
    assert kept.covered_by_priority == {
        int(level): figure.covered for level, figure in read_stats(run).by_priority.items()
    }


def test_a_run_from_before_plans_has_none() -> None:
    """Figures stored before runs planned read back without a plan, never a made-up one."""
    old = MatchingRun(as_of=AS_OF, stats={"families": 3, "covered": 2})
    assert stored_plan(old) is None
