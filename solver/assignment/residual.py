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
    by_task: np.ndarray = field(init=False)  # the free edges by task, each task's in order
    sorted_task: np.ndarray = field(init=False)  # edge_task[by_task]

    def __post_init__(self) -> None:
        """Sort the edges by task once; compute the reach of every agent."""
        self.by_task = np.argsort(self.edge_task, kind="stable")
        self.sorted_task = self.edge_task[self.by_task]
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
        added = np.arange(len(self.edge_task), len(self.edge_task) + len(usable))
        self.edge_agent = np.concatenate([self.edge_agent, np.full(len(usable), agent)])
        self.edge_task = np.concatenate([self.edge_task, usable])
        # Each new edge goes after its task's others: a copy, not a sort of every edge.
        at = np.searchsorted(self.sorted_task, usable, side="right")
        self.by_task = np.insert(self.by_task, at, added)
        self.sorted_task = np.insert(self.sorted_task, at, usable)
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
    graph = _graph(res)
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
class _Graph:
    """The reverse graph in two steps: an agent's held tasks (`held[agent_ptr[c]:
    agent_ptr[c + 1]]`), then each task's free edges (`by_task[task_ptr[t]:task_ptr[t + 1]]`);
    an arc c -> b for each edge (b, t) of a task t held by c, b not c."""

    agent_ptr: np.ndarray
    held: np.ndarray
    task_ptr: np.ndarray
    by_task: np.ndarray
    edge_agent: np.ndarray
    edge_task: np.ndarray
    task_agent: np.ndarray


def _graph(res: Residual) -> _Graph:
    """The reverse graph of the residual network, from the edges sorted by task once:
    grouping the tasks by agent sorts tasks, not edges."""
    held = np.flatnonzero(res.task_agent >= 0)
    held = held[np.argsort(res.task_agent[held], kind="stable")]
    agent_ptr = np.concatenate(
        [[0], np.cumsum(np.bincount(res.task_agent[held], minlength=res.num_agents))]
    )
    counts = np.bincount(res.sorted_task, minlength=len(res.task_agent))
    task_ptr = np.concatenate([[0], np.cumsum(counts)])
    return _Graph(
        agent_ptr, held, task_ptr, res.by_task, res.edge_agent, res.edge_task, res.task_agent
    )


def _segments(ptr: np.ndarray, items: np.ndarray, nodes: np.ndarray) -> np.ndarray:
    """The items of every node's segment `items[ptr[u]:ptr[u + 1]]`, nodes in order."""
    starts = ptr[nodes]
    counts = ptr[nodes + 1] - starts
    total = int(counts.sum())
    offsets = np.repeat(starts - np.concatenate([[0], np.cumsum(counts)[:-1]]), counts)
    return items[offsets + np.arange(total)]


def _spread(
    graph: _Graph, frontier: np.ndarray, best: np.ndarray, step: np.ndarray, level: int
) -> None:
    """Breadth-first from `frontier` over the graph, giving every agent not yet reached `level`."""
    while len(frontier):
        tasks = _segments(graph.agent_ptr, graph.held, frontier)
        edges = _segments(graph.task_ptr, graph.by_task, tasks)
        if not len(edges):
            return
        heads, tasks = graph.edge_agent[edges], graph.edge_task[edges]
        fresh = (best[heads] == NONE) & (heads != graph.task_agent[tasks])
        heads, tasks = heads[fresh], tasks[fresh]
        heads, first = np.unique(heads, return_index=True)
        best[heads], step[heads] = level, tasks[first]
        frontier = heads
