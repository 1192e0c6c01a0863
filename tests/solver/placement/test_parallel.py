"""Independent components (cities) solved apart, in worker processes
(solver/placement/parallel.py): the same optimum as one model over all, and a city out of
time keeps its best answer without discarding the others'."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bench.placement_instances import cities_instance, merge_cities
from solver import PlacementProblem, placement_objective, placement_violations, solve_placement
from solver.placement import parallel
from solver.placement.greedy import greedy_placement
from solver.placement.objective import tier_vector
from solver.placement.options import placement_options
from solver.placement.parallel import Share, shares, solve_parts
from solver.placement.solve import _solve_part
from solver.problem_file import parse_problem, placement_to_json
from solver.status import SolveStatus
from tests.solver.placement.test_solve import tiny_problems


def only(p: PlacementProblem, city: str) -> PlacementProblem:
    """The part of a merged problem that belongs to one city (ids prefixed `city`)."""
    return dataclasses.replace(
        p,
        students=tuple(s for s in p.students if s.id.startswith(city)),
        locations=tuple(loc for loc in p.locations if loc.startswith(city)),
        groups=tuple(g for g in p.groups if g.id.startswith(city)),
        edges=tuple(e for e in p.edges if e[0].startswith(city)),
        previous=tuple(t for t in p.previous if t[0].startswith(city)),
    )


@settings(deadline=None, max_examples=60)
@given(st.lists(tiny_problems(), min_size=2, max_size=3))
def test_decomposed_and_undecomposed_give_the_same_optimum(cities: list) -> None:
    p = merge_cities(cities, time_limit_s=10.0, seed=0)
    options = placement_options(p)
    everyone = [s.id for s in p.students if options.locations[s.id]]
    whole = _solve_part(p, options, everyone, 10.0) if everyone else None
    apart = solve_placement(p)
    assert apart.status == SolveStatus.OPTIMAL
    rows = whole.placements if whole is not None else []
    assert whole is None or whole.status == SolveStatus.OPTIMAL
    assert tier_vector(apart.objective) == tier_vector(placement_objective(p, rows))


def test_shares_follow_size_spread_over_the_workers() -> None:
    work = shares([["a"], ["b", "c"]], [100, 300], limit=10.0, workers=2)
    assert [w.seconds for w in work] == [5.0, 10.0]


@pytest.mark.slow
def test_a_worker_not_back_by_the_deadline_gives_none_and_the_others_stand() -> None:
    def solve(students: list[str], seconds: float, in_worker: bool) -> str:
        if students == ["slow"]:
            time.sleep(30)
        return f"{students[0]} in a worker" if in_worker else "here"

    work = [Share(["slow"], parallel.IN_PROCESS_SIZE, 1.0), Share(["fast"], 10, 1.0)]
    started = time.monotonic()
    assert solve_parts(solve, work, time.monotonic() + 0.5) == [None, "fast in a worker"]
    assert time.monotonic() - started < 0.5 + parallel.LATE_S + 2.0  # terminated, not waited


@pytest.mark.slow
def test_cities_are_solved_apart_and_the_combined_answer_is_proven() -> None:
    p = parse_problem(placement_to_json(cities_instance(3, seed=1, n_students=16)))
    assert isinstance(p, PlacementProblem)  # read as from a problem file
    solution = solve_placement(p)
    assert solution.status == SolveStatus.OPTIMAL
    assert solution.bound == solution.objective
    assert placement_violations(p, solution.placements) == []
    total = [0, 0, 0, 0]
    for city in ("c0:", "c1:", "c2:"):
        alone = solve_placement(only(p, city))
        assert alone.status == SolveStatus.OPTIMAL
        mine = [row for row in solution.placements if row[0].startswith(city)]
        assert placement_objective(only(p, city), mine) == alone.objective
        total = [a + b for a, b in zip(total, tier_vector(alone.objective), strict=True)]
    assert tier_vector(solution.objective) == tuple(total)


@pytest.mark.slow
def test_a_city_out_of_time_keeps_its_best_answer_and_the_others_theirs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # City c1's exact solve never answers (its worker is terminated at the deadline).
    p = cities_instance(3, seed=2, n_students=16, time_limit_s=10.0)
    solve_part = _solve_part

    def stuck_in_c1(problem, options, students, seconds, *rest):
        if students[0].startswith("c1:"):
            time.sleep(60)
        return solve_part(problem, options, students, seconds, *rest)

    monkeypatch.setattr("solver.placement.solve._solve_part", stuck_in_c1)
    monkeypatch.setattr(parallel, "IN_PROCESS_SIZE", 0)
    solution = solve_placement(p)
    assert solution.status == SolveStatus.FEASIBLE
    assert placement_violations(p, solution.placements) == []
    for city in ("c0:", "c1:", "c2:"):
        mine = [row for row in solution.placements if row[0].startswith(city)]
        assert mine, f"{city} lost its answer"
        if city != "c1:":
            alone = solve_placement(only(p, city)).objective
            assert placement_objective(only(p, city), mine) == alone
    c1 = only(p, "c1:")
    mine = [row for row in solution.placements if row[0].startswith("c1:")]
    options = placement_options(c1)
    greedy = greedy_placement(c1, options, [s.id for s in c1.students if options.locations[s.id]])
    assert greedy is not None
    assert tier_vector(placement_objective(c1, mine)) >= tier_vector(
        placement_objective(c1, greedy)
    )


def test_a_daemon_process_solves_in_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    # A daemonic process may not start children: the components are solved in it.
    class Daemon:
        daemon = True

    monkeypatch.setattr(parallel.multiprocessing, "current_process", lambda: Daemon())
    work = [Share(["a"], parallel.IN_PROCESS_SIZE, 1.0), Share(["b"], 10, 1.0)]
    answers = solve_parts(lambda s, t, in_worker: (s[0], in_worker), work, time.monotonic() + 5)
    assert answers == [("a", False), ("b", False)]


# The scheduler process handles SIGTERM itself; its forked workers inherited that handler,
# so `terminate` could not end a worker stuck in native code and the run never returned.
STUCK_WORKER = """
import signal, time
from solver.placement import parallel
from solver.placement.parallel import Share, solve_parts
signal.signal(signal.SIGTERM, lambda *_: None)  # the caller's own handler: it ignores SIGTERM

def solve(students, seconds, in_worker):
    while True:  # stuck for good, as a worker blocked on a lock copied while held
        time.sleep(1)

work = [Share(["a"], parallel.IN_PROCESS_SIZE, 1.0), Share(["b"], parallel.IN_PROCESS_SIZE, 1.0)]
print(solve_parts(solve, work, time.monotonic() + 0.2))
"""


@pytest.mark.slow
def test_stuck_workers_are_ended_whatever_the_callers_sigterm_handler() -> None:
    done = subprocess.run(
        [sys.executable, "-c", STUCK_WORKER], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[None, None]"  # no answer in time: the callers keep greedy's


@pytest.mark.slow
def test_an_unproven_component_gets_a_second_round_with_the_time_left() -> None:
    # Five components of one size, 3 s to solve in (4 s less the reserve): "hard" starts
    # first with 2 workers x 1/5 of it (1.2 s) and needs 2 s; the others need nothing.
    def solve(students: list[str], seconds: float, in_worker: bool) -> tuple[str, float]:
        if students == ["hard"] and seconds < 2.0:
            return ("unproven", seconds)
        return ("proven", seconds)

    work = [Share([name], 1_000, 1.0) for name in ("hard", "a", "b", "c", "d")]
    kept: list[tuple[object, object]] = []

    def keep(first: tuple[str, float], second: tuple[str, float]) -> tuple[str, float]:
        kept.append((first[0], second[0]))
        return second

    answers = solve_parts(solve, work, time.monotonic() + 4.0, lambda a: a[0] == "unproven", keep)
    assert [a[0] for a in answers] == ["proven"] * 5
    assert answers[0][1] >= 2.0  # the second round had the time the others left
    assert kept == [("unproven", "proven")]


def test_no_second_round_without_clearly_more_time(monkeypatch: pytest.MonkeyPatch) -> None:
    rounds: list[float] = []

    def solve(students: list[str], seconds: float, in_worker: bool) -> str:
        rounds.append(seconds)
        return "unproven"

    monkeypatch.setattr(parallel, "SECOND_ROUND_GAIN", 1_000.0)
    work = [
        Share(["a"], parallel.IN_PROCESS_SIZE, 1.0),
        Share(["b"], parallel.IN_PROCESS_SIZE, 1.0),
    ]
    answers = solve_parts(solve, work, time.monotonic() + 1.0, lambda a: True)
    assert answers == ["unproven", "unproven"]  # each first round's answer stands
