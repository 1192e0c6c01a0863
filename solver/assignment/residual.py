"""The residual network of an optimal assignment, and what one more agent could reach in it.

An extra agent of capacity 1 gains a task by an alternating path: it takes task t1, whose
agent b1 moves to task t2, whose agent b2 moves on ... until some agent moves to a task
that nobody covered. Only free edges (not forbidden, task not pinned) can be moved along.
`Residual.best` holds, per agent, the highest priority of an uncovered task that such a
chain starting at that agent reaches (-1 when none), and `Residual.step` the next task of
one chain that reaches it; both come from one reverse breadth-first search per priority
level over the agents, never from a re-solve.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from solver.assignment.flow import free_part
from solver.assignment.problem import AssignmentProblem
from solver.assignment.solve import AssignmentSolution
from solver.errors import ProblemError
from solver.status import SolveStatus

NONE = -1  # no task (or no reachable uncovered task)
PINNED = -2  # task_agent of a pinned task: it never moves


@dataclass(eq=False)
class Residual:
    """A mutable copy of an optimal assignment: free edges, who covers each task, reach."""

    task_priority: np.ndarray
    edge_agent: np.ndarray  # free edges (existing agents, then recruits added in order)
    edge_task: np.ndarray
    task_agent: np.ndarray  # per task: covering agent, NONE when uncovered, PINNED when pinned
    num_agents: int
    best: np.ndarray = field(init=False)
    step: np.ndarray = field(init=False)

    def __post_init__(self) -> None:
        """Compute the reach of every agent."""
        self.refresh()

    def refresh(self) -> None:
        """Recompute `best` and `step` for every agent (one reverse BFS per priority level)."""
        self.best, self.step = _reach(self)

    def task_value(self) -> np.ndarray:
        """Per task: the priority an extra agent taking it would gain (-1: none)."""
        agent = self.task_agent
        value = np.full(len(agent), NONE, dtype=np.int64)
        uncovered = agent == NONE
        value[uncovered] = self.task_priority[uncovered]
        moved = agent >= 0
        value[moved] = self.best[agent[moved]]
        return value

    def path(self, first: int) -> list[int]:
        """The tasks of the alternating chain that starts by taking task `first`."""
        tasks = [first]
        while self.task_agent[tasks[-1]] >= 0:
            nxt = int(self.step[self.task_agent[tasks[-1]]])
            if nxt == NONE:
                raise ProblemError("no alternating chain leads from this task to an uncovered one")
            tasks.append(nxt)
        return tasks

    def add_agent(self, tasks: np.ndarray, path: list[int]) -> None:
        """Add a capacity-1 agent with edges to `tasks` and shift the chain `path` onto it."""
        agent = self.num_agents
        self.num_agents += 1
        usable = np.unique(tasks[self.task_agent[tasks] != PINNED])
        self.edge_agent = np.concatenate([self.edge_agent, np.full(len(usable), agent)])
        self.edge_task = np.concatenate([self.edge_task, usable])
        holders = [agent, *(int(self.task_agent[t]) for t in path[:-1])]
        for task, holder in zip(path, holders, strict=True):
            self.task_agent[task] = holder
        self.refresh()

    def covered_by_priority(self) -> dict[int, int]:
        """Tasks covered (pinned included) per priority level present."""
        levels = np.unique(self.task_priority)
        covered = self.task_agent != NONE
        return {int(p): int((covered & (self.task_priority == p)).sum()) for p in levels}


def residual_of(problem: AssignmentProblem, solution: AssignmentSolution) -> Residual:
    """The residual network of an optimal `solution` of `problem` (never changes either)."""
    if solution.status != SolveStatus.OPTIMAL:
        raise ProblemError(f"gains need an optimal assignment, not one that is {solution.status}")
    free = free_part(problem)
    task_agent = np.full(problem.num_tasks, NONE, dtype=np.int64)
    if solution.assignments:
        agents, tasks = problem.pair_positions(list(solution.assignments))
        task_agent[tasks] = agents
    if problem.pinned:
        task_agent[problem.pair_positions(list(problem.pinned))[1]] = PINNED
    return Residual(
        task_priority=problem.task_priority.astype(np.int64),
        edge_agent=problem.edge_agent[free.edges].astype(np.int64),
        edge_task=problem.edge_task[free.edges].astype(np.int64),
        task_agent=task_agent,
        num_agents=problem.num_agents,
    )


def _reach(res: Residual) -> tuple[np.ndarray, np.ndarray]:
    """Per agent: best reachable uncovered priority, and the next task towards it."""
    n = res.num_agents
    best = np.full(n, NONE, dtype=np.int64)
    step = np.full(n, NONE, dtype=np.int64)
    holder = res.task_agent[res.edge_task]
    open_edge = holder == NONE
    local, local_task = _local_best(n, res.edge_agent[open_edge], res.edge_task[open_edge], res)
    # A chain moves agent b onto task t held by c: in the reverse graph, c leads back to b.
    move = (holder >= 0) & (holder != res.edge_agent)
    graph = _csr(holder[move], res.edge_agent[move], res.edge_task[move], n)
    for level in sorted({int(p) for p in local[local >= 0].tolist()}, reverse=True):
        sources = np.flatnonzero((local == level) & (best == NONE))
        best[sources], step[sources] = level, local_task[sources]
        _spread(graph, sources, best, step, level)
    return best, step


def _local_best(
    n: int, agents: np.ndarray, tasks: np.ndarray, res: Residual
) -> tuple[np.ndarray, np.ndarray]:
    """Per agent: the highest priority among the uncovered tasks it has an edge to, and one
    such task (the lowest index at that priority)."""
    local = np.full(n, NONE, dtype=np.int64)
    local_task = np.full(n, NONE, dtype=np.int64)
    if not len(agents):
        return local, local_task
    priority = res.task_priority[tasks]
    order = np.lexsort((tasks, -priority, agents))
    first = order[np.flatnonzero(np.diff(agents[order], prepend=-1))]
    local[agents[first]] = priority[first]
    local_task[agents[first]] = tasks[first]
    return local, local_task


@dataclass(frozen=True)
class _Csr:
    """A graph by source node: `heads[ptr[u]:ptr[u+1]]` and the task of each arc."""

    ptr: np.ndarray
    heads: np.ndarray
    tasks: np.ndarray


def _csr(tails: np.ndarray, heads: np.ndarray, tasks: np.ndarray, n: int) -> _Csr:
    """Arcs grouped by tail, in a stable order."""
    order = np.argsort(tails, kind="stable")
    ptr = np.concatenate([[0], np.cumsum(np.bincount(tails, minlength=n))])
    return _Csr(ptr=ptr, heads=heads[order], tasks=tasks[order])


def _spread(
    graph: _Csr, frontier: np.ndarray, best: np.ndarray, step: np.ndarray, level: int
) -> None:
    """Breadth-first from `frontier` over the graph, giving every agent not yet reached `level`."""
    while len(frontier):
        starts, ends = graph.ptr[frontier], graph.ptr[frontier + 1]
        counts = ends - starts
        total = int(counts.sum())
        if not total:
            return
        offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(counts)[:-1]]), counts)
        arcs = offsets + np.arange(total)
        heads, tasks = graph.heads[arcs], graph.tasks[arcs]
        fresh = best[heads] == NONE
        heads, tasks = heads[fresh], tasks[fresh]
        heads, first = np.unique(heads, return_index=True)
        best[heads], step[heads] = level, tasks[first]
        frontier = heads
