"""HiGHS through its own API (solver/placement/highs_run.py): the same answers as through
OR-Tools' model_builder, a solve stopped from another thread, and no banner on stdout."""

from __future__ import annotations

import multiprocessing
import subprocess
import sys
import threading
import time

import numpy as np
from ortools.linear_solver.python import model_builder as mb

from solver.placement.highs import solve_mip
from solver.placement.highs_run import solve_highs
from solver.status import SolveStatus


def knapsacks(n: int, seed: int, equal: bool = False) -> mb.Model:
    """A few knapsack rows over n binaries; with `equal`, a market-split problem (rows
    that must hold with equality), which branch and bound takes very long to settle."""
    rng = np.random.default_rng(seed)
    model = mb.Model()
    x = [model.new_bool_var(f"x{j}") for j in range(n)]
    weights = rng.integers(1, 100, (4, n))
    for row in weights:
        expr = mb.LinearExpr.weighted_sum(x, row.tolist())
        half = int(row.sum()) // 2
        model.add_linear_constraint(expr, lb=half if equal else -np.inf, ub=half)
    values = rng.integers(1, 60, n).tolist()
    model.maximize(mb.LinearExpr.weighted_sum(x, values))
    return model


def test_the_same_optimum_as_through_model_builder() -> None:
    for seed in range(5):
        model = knapsacks(30, seed)
        mine, theirs = solve_highs(model, 0, 30.0), solve_mip(model, 0, 30.0)
        assert mine[0] == theirs[0] == SolveStatus.OPTIMAL
        assert mine[1] == theirs[1]


def test_infeasible_is_said() -> None:
    model = mb.Model()
    x = model.new_int_var(0, 3, "x")
    model.add_linear_constraint(mb.LinearExpr.weighted_sum([x], [2]), lb=3, ub=3)  # 2x = 3
    model.maximize(x)
    assert solve_highs(model, 0, 10.0)[0] == SolveStatus.INFEASIBLE


def test_a_solve_is_stopped_from_another_thread() -> None:
    model = knapsacks(60, 1, equal=True)
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    started = time.monotonic()
    status, _, _ = solve_highs(model, 0, 120.0, stop)
    assert time.monotonic() - started < 30.0  # stopped, not run to its 120 s limit
    assert status in (SolveStatus.FEASIBLE, SolveStatus.UNKNOWN)


def test_no_banner_on_stdout() -> None:
    code = (
        "from tests.solver.placement.test_highs_run import knapsacks\n"
        "from solver.placement.highs_run import solve_highs\n"
        "solve_highs(knapsacks(10, 0), 0, 10.0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""


def _solve_in_child(seed: int) -> str:
    return solve_highs(knapsacks(30, seed), 0, 20.0)[0]


def test_a_forked_worker_solves_after_this_process_did() -> None:
    # HiGHS' thread pool, made by this process's first solve, is inherited without its
    # threads by a forked worker: the worker's solve waited for them until its limit.
    assert solve_highs(knapsacks(30, 0), 0, 20.0)[0] == SolveStatus.OPTIMAL
    with multiprocessing.get_context("fork").Pool(1) as pool:
        assert pool.apply_async(_solve_in_child, (1,)).get(timeout=60) == SolveStatus.OPTIMAL
