"""Exact marginal gain of one more agent, and a greedy recruitment plan, without re-solving.

A *profile* is the set of tasks one more agent (capacity 1) would have edges to, given as
an array of task positions. Its gain is the task that a full re-solve with that agent added
would newly cover: at most one, found by an alternating path in the residual network of the
optimal assignment (see `residual.py`; solver/README.md says why this is exact).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from solver.assignment.problem import AssignmentProblem
from solver.assignment.residual import NONE, Residual, residual_of
from solver.assignment.solve import AssignmentSolution
from solver.errors import ProblemError


@dataclass(frozen=True)
class Gain:
    """What one more agent of a profile adds to the optimum's coverage.

    `task` is the position of the task newly covered (None when the agent adds nothing),
    `path` the tasks of the chain: the agent takes `path[0]`, each agent then moves on, and
    `path[-1] == task` is the one no agent covered before.
    """

    task: int | None
    priority: int | None
    path: tuple[int, ...]

    @property
    def by_priority(self) -> dict[int, int]:
        """The gain per priority level: {priority: 1}, or {} when it adds nothing."""
        return {} if self.priority is None else {self.priority: 1}

    def key(self) -> int:
        """Sort key: higher is better (the priority gained, -1 for nothing)."""
        return NONE if self.priority is None else self.priority


@dataclass(frozen=True)
class PlanStep:
    """One recruit of a plan: which profile, what it covers, and the coverage after it."""

    profile: int  # index into the profiles given
    gain: Gain
    covered_by_priority: dict[int, int]  # every priority level present -> tasks covered


def marginal_gains(
    problem: AssignmentProblem, solution: AssignmentSolution, profiles: Sequence[np.ndarray]
) -> list[Gain]:
    """Per profile: the exact tier-1 gain of adding one agent of capacity 1 with those edges.

    `solution` must be an optimal solution of `problem`; neither is changed.
    """
    _check_profiles(profiles, problem.num_tasks)
    return _gains(residual_of(problem, solution), profiles)


def recruitment_plan(
    problem: AssignmentProblem,
    solution: AssignmentSolution,
    profiles: Sequence[np.ndarray],
    steps: int,
) -> list[PlanStep]:
    """Greedy: up to `steps` recruits, each the profile with the best gain given those before.

    Stops early when no profile adds anything. Ties go to the lower profile index.
    """
    _check_profiles(profiles, problem.num_tasks)
    residual = residual_of(problem, solution)
    plan: list[PlanStep] = []
    for _ in range(steps):
        gains = _gains(residual, profiles)
        if not gains:
            break
        chosen = max(range(len(gains)), key=lambda i: (gains[i].key(), -i))
        gain = gains[chosen]
        if gain.task is None:
            break
        residual.add_agent(_tasks(profiles[chosen]), list(gain.path))
        plan.append(PlanStep(chosen, gain, residual.covered_by_priority()))
    return plan


def _check_profiles(profiles: Sequence[np.ndarray], num_tasks: int) -> None:
    """Every profile is a 1-D array of task positions below `num_tasks`."""
    for k, profile in enumerate(profiles):
        tasks = np.asarray(profile)
        if tasks.size and (
            tasks.dtype.kind not in "iu" or tasks.min() < 0 or tasks.max() >= num_tasks
        ):
            raise ProblemError(f"profile {k} holds something other than task positions")


def _tasks(profile: np.ndarray) -> np.ndarray:
    """A profile's task positions as int64."""
    return np.asarray(profile, dtype=np.int64).reshape(-1)


def _gains(residual: Residual, profiles: Sequence[np.ndarray]) -> list[Gain]:
    """The gain of each profile in the residual's current state."""
    value = residual.task_value()
    out: list[Gain] = []
    for profile in profiles:
        tasks = _tasks(profile)
        if not len(tasks) or value[tasks].max() == NONE:
            out.append(Gain(task=None, priority=None, path=()))
            continue
        best = int(value[tasks].max())
        at_best = tasks[value[tasks] == best]
        # Prefer a task nobody covers (no one moves), then the lowest position.
        direct = at_best[residual.task_agent[at_best] == NONE]
        first = int(direct.min()) if len(direct) else int(at_best.min())
        path = residual.path(first)
        out.append(Gain(task=path[-1], priority=best, path=tuple(path)))
    return out
