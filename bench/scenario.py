"""`python -m bench.scenario [--size utrecht]`: a what-if scenario end to end, beside the run.

Seeds the demo data into a temporary SQLite file and runs the real weekly run on it (the
reference, measured in the same run: the same data, database to stored proposals). Then each
scenario is timed end to end the way the executor runs it: take the lease, read the run's
input, apply the changes to a copy, solve the unchanged and the changed input, store the
results. Target (issue 15): a scenario on `utrecht` under 3 s.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, select

import matching.models  # noqa: F401  (registers every table)
from matching.db import make_engine, session_scope
from matching.models import Preschool, User
from matching.recruitment.plan import buddy_plan
from matching.runs import execution as runs
from matching.scenarios.compose import add_change, create_scenario, request_scenario
from matching.scenarios.execution import execute_scenario
from matching.scenarios.recruits import recruit_change
from matching.vocab import Role, RunStatus
from seed import seed_database

AS_OF = date(2026, 11, 23)


def _engine(folder: Path, size: str) -> Engine:
    """A seeded SQLite database."""
    engine = make_engine(f"sqlite:///{folder / 'bench.sqlite'}")
    SQLModel.metadata.create_all(engine)
    with session_scope(engine) as session:
        seed_database(session, size=size, seed=7, as_of=AS_OF)
    return engine


def _weekly_run(engine: Engine) -> float:
    """Seconds for the real weekly run (the reference)."""
    with session_scope(engine) as session:
        run = runs.request_run(session, trigger="cli", as_of=AS_OF)
    started = time.perf_counter()
    done = runs.execute_run(engine, run.id or 0)
    took = time.perf_counter() - started
    assert done.status == RunStatus.SUCCEEDED, done.error
    return took


def _scenario(engine: Engine, changes: list[dict[str, Any]]) -> tuple[float, dict[str, Any]]:
    """Seconds for one scenario end to end, and its stored results."""
    with session_scope(engine) as session:
        author = session.exec(select(User).where(User.role == Role.COORDINATOR)).first()
        assert author is not None
        scenario = create_scenario(session, name="bench", author=author)
        for change in changes:
            add_change(session, scenario, change)
        request_scenario(session, scenario)
    started = time.perf_counter()
    done = execute_scenario(engine, scenario.id or 0)
    took = time.perf_counter() - started
    assert done.status == RunStatus.SUCCEEDED, done.error
    return took, done.results


def _cases(engine: Engine) -> dict[str, list[dict[str, Any]]]:
    """The scenarios measured: the plan's top recruit, travel +1 km, a new preschool group."""
    with Session(engine) as session:
        plan = buddy_plan(session, AS_OF, steps=1)
        school = session.exec(select(Preschool).where(Preschool.active)).first()
    cases: dict[str, list[dict[str, Any]]] = {"travel +1 km": [{"kind": "raise_travel", "km": 1}]}
    if plan.steps:
        cases = {"plan's top recruit": [recruit_change(plan.steps[0].profile)], **cases}
    if school is not None:
        group = {
            "kind": "add_group",
            "preschool_id": school.id,
            "half_days": ["mon_am", "tue_am", "thu_am"],
            "children_count": 12,
            "reduced": True,
            "students_wanted": 1,
        }
        cases["new preschool group (placement solved again)"] = [group]
    return cases


def main() -> None:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", default="utrecht")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        engine = _engine(Path(name), args.size)
        reference = statistics.median(_weekly_run(engine) for _ in range(args.repeat))
        print(
            f"# what-if scenarios on the `{args.size}` demo data (SQLite), median of {args.repeat}"
        )
        print(f"reference: the weekly run on the same data   {reference:8.2f} s")
        for label, changes in _cases(engine).items():
            timed = [_scenario(engine, changes) for _ in range(args.repeat)]
            seconds = statistics.median(t for t, _ in timed)
            results = timed[-1][1]
            gained = results["scenario"]["covered"] - results["base"]["covered"]
            print(
                f"scenario: {label:<45} {seconds:8.2f} s  ({seconds / reference:.2f}x the run; "
                f"target 3 s: {'met' if seconds < 3 else 'NOT met'}; families {gained:+d})"
            )
        engine.dispose()


if __name__ == "__main__":
    main()
