"""The buddy assignment problem: agents with a capacity, tasks with a priority, scored edges."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from solver.edge_index import EdgeIndex
from solver.edge_text import EdgeText
from solver.errors import ProblemError
from solver.records import (
    column,
    id_tuples,
    index_ids,
    int_array,
    map_ids,
    require_int,
    require_list,
    require_number,
)

Pair = tuple[str, str]

ARRAY_DTYPES = {
    "agent_capacity": np.int64,
    "task_priority": np.int64,
    "edge_agent": np.int32,
    "edge_task": np.int32,
    "edge_score": np.int64,
}


@dataclass(frozen=True, eq=False)
class AssignmentProblem:
    """Agents to tasks (at most one agent each) over scored edges; validated, arrays read-only.

    Edges are parallel arrays: edge `e` joins agent `agent_ids[edge_agent[e]]` to task
    `task_ids[edge_task[e]]` with score `edge_score[e]`. Pinned pairs are always kept,
    forbidden pairs never chosen, previous pairs earn the last objective tier.
    """

    agent_ids: tuple[str, ...]
    agent_capacity: np.ndarray
    task_ids: tuple[str, ...]
    task_priority: np.ndarray
    edge_agent: np.ndarray
    edge_task: np.ndarray
    edge_score: np.ndarray
    pinned: tuple[Pair, ...] = ()
    forbidden: tuple[Pair, ...] = ()
    previous: tuple[Pair, ...] = ()
    time_limit_s: float = 30.0
    seed: int = 0
    edges: EdgeIndex = field(init=False, repr=False)
    agent_index: dict[str, int] = field(init=False, repr=False)
    task_index: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        """Copy the arrays read-only and validate the whole problem."""
        for name, dtype in ARRAY_DTYPES.items():
            object.__setattr__(self, name, _frozen_array(getattr(self, name), dtype, name))
        for name in ("agent_ids", "task_ids", "pinned", "forbidden", "previous"):
            object.__setattr__(self, name, tuple(getattr(self, name)))
        object.__setattr__(self, "agent_index", index_ids(self.agent_ids, "agents"))
        object.__setattr__(self, "task_index", index_ids(self.task_ids, "tasks"))
        _check_arrays(self)
        object.__setattr__(
            self, "edges", EdgeIndex(self.edge_agent, self.edge_task, self.num_tasks)
        )
        _check_no_duplicate_edges(self)
        _check_pairs(self)
        _check_pins(self)
        require_number(self.time_limit_s, "time_limit_s", 0.0)
        require_int(self.seed, "seed", 0)

    @classmethod
    def from_records(
        cls,
        agents: Sequence[Any],
        tasks: Sequence[Any],
        edges: Sequence[Any],
        pinned: Sequence[Any] = (),
        forbidden: Sequence[Any] = (),
        previous: Sequence[Any] = (),
        time_limit_s: float = 30.0,
        seed: int = 0,
    ) -> AssignmentProblem:
        """Build a problem from dict records as in the problem file; pairs as dicts or tuples.

        `edges` may also be an `EdgeText` (the file's raw edges array): it is read straight
        into arrays, and a ProblemError says when it is not in the documented form.
        """
        agents, tasks = (require_list(x, n) for x, n in ((agents, "agents"), (tasks, "tasks")))
        if not isinstance(edges, EdgeText):
            edges = require_list(edges, "edges")
        agent_ids = column(agents, "id", "agents")
        task_ids = column(tasks, "id", "tasks")
        agent_index = index_ids(agent_ids, "agents")
        task_index = index_ids(task_ids, "tasks")
        return cls(
            agent_ids=tuple(agent_ids),
            agent_capacity=int_array(
                column(agents, "capacity", "agents", 1), "agents", "capacity", 1
            ),
            task_ids=tuple(task_ids),
            task_priority=int_array(column(tasks, "priority", "tasks"), "tasks", "priority", 0),
            **_edge_arrays(edges, agent_ids, task_ids, agent_index, task_index),
            pinned=_pairs(pinned, "pinned"),
            forbidden=_pairs(forbidden, "forbidden"),
            previous=_pairs(previous, "previous"),
            time_limit_s=time_limit_s,
            seed=seed,
        )

    @property
    def num_agents(self) -> int:
        """Number of agents."""
        return len(self.agent_ids)

    @property
    def num_tasks(self) -> int:
        """Number of tasks."""
        return len(self.task_ids)

    def pair_positions(self, pairs: Sequence[Pair]) -> tuple[np.ndarray, np.ndarray]:
        """Return the agent and task positions of (agent_id, task_id) pairs of known ids."""
        agents = np.fromiter((self.agent_index[a] for a, _ in pairs), np.int32, len(pairs))
        tasks = np.fromiter((self.task_index[t] for _, t in pairs), np.int32, len(pairs))
        return agents, tasks

    def pair_edges(self, pairs: Sequence[Pair]) -> np.ndarray:
        """Return the edge index of each (agent_id, task_id) pair, -1 where it is no edge."""
        return self.edges.find(*self.pair_positions(pairs))


def _edge_arrays(
    edges: list[Any] | EdgeText,
    agent_ids: list[str],
    task_ids: list[str],
    agent_index: dict[str, int],
    task_index: dict[str, int],
) -> dict[str, np.ndarray]:
    """Return the edge_agent, edge_task and edge_score arrays of records or raw edge text."""
    if isinstance(edges, EdgeText):
        columns = edges.columns(agent_index, task_index)
        if columns is None:
            raise ProblemError("edges are not in the documented form (read them as records)")
        return dict(zip(("edge_agent", "edge_task", "edge_score"), columns, strict=True))
    return {
        "edge_agent": map_ids(column(edges, "agent", "edges"), agent_index, "edges", "agent"),
        "edge_task": map_ids(column(edges, "task", "edges"), task_index, "edges", "task"),
        "edge_score": int_array(column(edges, "score", "edges"), "edges", "score", 0),
    }


def _pairs(pairs: Sequence[Any], where: str) -> tuple[Pair, ...]:
    """Read (agent, task) pairs given as dicts or 2-tuples."""
    return tuple((a, t) for a, t in id_tuples(pairs, ("agent", "task"), where))


def _frozen_array(value: Any, dtype: type, name: str) -> np.ndarray:
    """Return a read-only copy of `value` as a 1-D array of `dtype`, refusing non-integers."""
    array = np.asarray(value)
    if array.size and (array.ndim != 1 or array.dtype.kind not in "iu"):
        raise ProblemError(f"{name} must be a 1-D array of integers")
    if array.size and (array.min() < np.iinfo(dtype).min or array.max() > np.iinfo(dtype).max):
        raise ProblemError(f"{name} holds a value out of range for {np.dtype(dtype).name}")
    copy: np.ndarray = np.array(array.reshape(-1), dtype=dtype, copy=True)
    copy.flags.writeable = False
    return copy


def _check_arrays(problem: AssignmentProblem) -> None:
    """Array lengths match their ids, capacities >= 1, priorities and scores >= 0."""
    checks = [
        (len(problem.agent_capacity) == problem.num_agents, "agent_capacity needs one per agent"),
        (len(problem.task_priority) == problem.num_tasks, "task_priority needs one per task"),
        (
            len(problem.edge_task) == len(problem.edge_agent) == len(problem.edge_score),
            "edge_agent, edge_task and edge_score must have the same length",
        ),
        (not (problem.agent_capacity < 1).any(), "every agent capacity must be at least 1"),
        (not (problem.task_priority < 0).any(), "every task priority must be at least 0"),
        (not (problem.edge_score < 0).any(), "every edge score must be at least 0"),
        (
            not ((problem.edge_agent < 0) | (problem.edge_agent >= problem.num_agents)).any(),
            "edge_agent holds a position outside agent_ids",
        ),
        (
            not ((problem.edge_task < 0) | (problem.edge_task >= problem.num_tasks)).any(),
            "edge_task holds a position outside task_ids",
        ),
    ]
    for ok, message in checks:
        if not ok:
            raise ProblemError(message)


def _check_no_duplicate_edges(problem: AssignmentProblem) -> None:
    """Each (agent, task) pair is at most one edge."""
    duplicate = problem.edges.first_duplicate()
    if duplicate >= 0:
        agent = problem.agent_ids[problem.edge_agent[duplicate]]
        task = problem.task_ids[problem.edge_task[duplicate]]
        raise ProblemError(f"duplicate edge ({agent!r}, {task!r})")


def _check_pairs(problem: AssignmentProblem) -> None:
    """Pinned, forbidden and previous pairs name known ids, each pair listed once."""
    for name in ("pinned", "forbidden", "previous"):
        pairs: tuple[Pair, ...] = getattr(problem, name)
        for agent, task in pairs:
            if agent not in problem.agent_index:
                raise ProblemError(f"{name} pair ({agent!r}, {task!r}) names an unknown agent")
            if task not in problem.task_index:
                raise ProblemError(f"{name} pair ({agent!r}, {task!r}) names an unknown task")
        repeated = [pair for pair, n in Counter(pairs).items() if n > 1]
        if repeated:
            raise ProblemError(f"{name} pair {repeated[0]!r} is listed twice")


def _check_pins(problem: AssignmentProblem) -> None:
    """A pin is an edge, not forbidden; a task is pinned once; pins fit the agent's capacity."""
    forbidden = set(problem.forbidden)
    edges = problem.pair_edges(problem.pinned)
    for (agent, task), edge in zip(problem.pinned, edges, strict=True):
        if edge < 0:
            raise ProblemError(f"pinned pair ({agent!r}, {task!r}) is not an edge")
        if (agent, task) in forbidden:
            raise ProblemError(f"pair ({agent!r}, {task!r}) is both pinned and forbidden")
    for task, n in Counter(task for _, task in problem.pinned).items():
        if n > 1:
            raise ProblemError(f"task {task!r} is pinned to {n} agents")
    for agent, n in Counter(agent for agent, _ in problem.pinned).items():
        capacity = int(problem.agent_capacity[problem.agent_index[agent]])
        if n > capacity:
            raise ProblemError(f"agent {agent!r} has {n} pins but capacity {capacity}")
