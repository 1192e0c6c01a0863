"""A MIP solve by HiGHS through its own Python API (highspy), which another thread can stop:
OR-Tools' model_builder back-end for HiGHS cannot be interrupted (it ignores
`stop_search`). The model is still built with model_builder, one model for GLOP's LP and
for the MIP, and handed to HiGHS as arrays, row by row.
"""

from __future__ import annotations

import os
import threading

import highspy
import numpy as np
from ortools.linear_solver.python import model_builder as mb

from solver.native_stdout import native_banner_silenced, stdout_to_stderr
from solver.status import SolveStatus

# Options that are not HiGHS' defaults. RINS and RENS sub-MIPs took half of stage B's time
# on the slow demo-shaped instances; without them the same optima were found and proven,
# faster. Demo-shaped seeds 0-9: 9 proven within 5 s instead of 7 (32 s in all instead of
# 35); the `large` weekly run's five cities 13.9 s instead of 15.0; benchmark seeds 0-13
# the same.
OPTIONS: dict[str, bool | float] = {
    "output_flag": False,
    "mip_rel_gap": 0.0,
    "mip_heuristic_run_rins": False,
    "mip_heuristic_run_rens": False,
}

_STATUS = highspy.HighsModelStatus
_STOPPED = (_STATUS.kTimeLimit, _STATUS.kInterrupt)
_banner = threading.Lock()
_quiet = False


def _forget_workers_after_fork() -> None:
    """HiGHS keeps one pool of worker threads per process, made at its first solve; a
    forked child (solver/placement/parallel.py) inherits the pool but not the threads, and
    its first solve waited for them until its time limit. Let the child make its own."""
    highspy.Highs.resetGlobalScheduler(False)


os.register_at_fork(after_in_child=_forget_workers_after_fork)


def solve_highs(
    model: mb.Model, seed: int, seconds: float, stop: threading.Event | None = None
) -> tuple[str, int, list[float]]:
    """Solve the MIP with HiGHS, gap 0, seeded, within `seconds` or until `stop` is set:
    the status (OPTIMAL, FEASIBLE when stopped with an answer, INFEASIBLE or UNKNOWN), the
    objective value and the variables' values."""
    h = _highs()
    for name, value in OPTIONS.items():
        h.setOptionValue(name, value)
    h.setOptionValue("random_seed", seed % 2_147_483_647)
    h.setOptionValue("time_limit", max(seconds, 0.001))
    h.passModel(highs_lp(model))
    done = threading.Event()
    if stop is not None:
        h.HandleUserInterrupt = True  # `cancelSolve` stops the search at its next check
        threading.Thread(target=_cancel_on, args=(h, stop, done), daemon=True).start()
    try:
        with stdout_to_stderr():
            h.run()
    finally:
        done.set()
    status = h.getModelStatus()
    if status == _STATUS.kInfeasible:
        return SolveStatus.INFEASIBLE, 0, []
    answered = h.getInfo().primal_solution_status == highspy.SolutionStatus.kSolutionStatusFeasible
    if not answered or (status != _STATUS.kOptimal and status not in _STOPPED):
        return SolveStatus.UNKNOWN, 0, []
    name = SolveStatus.OPTIMAL if status == _STATUS.kOptimal else SolveStatus.FEASIBLE
    return name, round(h.getInfo().objective_function_value), list(h.getSolution().col_value)


def highs_lp(model: mb.Model) -> highspy.HighsLp:
    """The model as HiGHS' arrays: bounds, costs, integrality and the rows' nonzeros."""
    helper = model.helper
    n, m = helper.num_variables(), helper.num_constraints()
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = n, m
    lp.col_cost_ = np.array([helper.var_objective_coefficient(j) for j in range(n)])
    lp.col_lower_ = np.array([helper.var_lower_bound(j) for j in range(n)])
    lp.col_upper_ = np.array([helper.var_upper_bound(j) for j in range(n)])
    lp.row_lower_ = np.array([helper.constraint_lower_bound(i) for i in range(m)])
    lp.row_upper_ = np.array([helper.constraint_upper_bound(i) for i in range(m)])
    starts, indices, values = [0], [], []
    for i in range(m):
        indices += helper.constraint_var_indices(i)
        values += helper.constraint_coefficients(i)
        starts.append(len(indices))
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.num_col_, lp.a_matrix_.num_row_ = n, m
    lp.a_matrix_.start_ = np.array(starts, dtype=np.int32)
    lp.a_matrix_.index_ = np.array(indices, dtype=np.int32)
    lp.a_matrix_.value_ = np.array(values, dtype=float)
    integer, continuous = highspy.HighsVarType.kInteger, highspy.HighsVarType.kContinuous
    lp.integrality_ = [integer if helper.var_is_integral(j) else continuous for j in range(n)]
    lp.sense_ = highspy.ObjSense.kMaximize if helper.maximize() else highspy.ObjSense.kMinimize
    lp.offset_ = helper.objective_offset()
    return lp


def _highs() -> highspy.Highs:
    """A solver object; the process's first is made with its banner kept off stdout."""
    global _quiet
    with _banner:
        if not _quiet:
            native_banner_silenced(highspy.Highs)
            _quiet = True
    return highspy.Highs()


def _cancel_on(h: highspy.Highs, stop: threading.Event, done: threading.Event) -> None:
    """Cancel the solve once `stop` is set, unless it is `done` first."""
    while not done.is_set():
        if stop.wait(0.05):
            h.cancelSolve()
            return
