"""Looking up edges by (agent, task) positions through one sorted key array."""

import numpy as np


class EdgeIndex:
    """Sorted keys `agent * num_tasks + task` of a set of edges, for vectorised look-ups."""

    def __init__(self, edge_agent: np.ndarray, edge_task: np.ndarray, num_tasks: int) -> None:
        """Index edges given as parallel position arrays."""
        self._num_tasks = max(num_tasks, 1)
        keys = edge_agent.astype(np.int64) * self._num_tasks + edge_task
        self._order = np.argsort(keys, kind="stable")
        self._sorted = keys[self._order]

    def first_duplicate(self) -> int:
        """Return the index of an edge that repeats an earlier (agent, task) pair, or -1."""
        repeats = np.flatnonzero(self._sorted[1:] == self._sorted[:-1])
        return int(self._order[repeats[0] + 1]) if repeats.size else -1

    def find(self, agents: np.ndarray, tasks: np.ndarray) -> np.ndarray:
        """Return the edge index of each (agent, task) position pair, -1 where there is none."""
        keys = agents.astype(np.int64) * self._num_tasks + tasks
        where = np.searchsorted(self._sorted, keys)
        where = np.minimum(where, max(len(self._sorted) - 1, 0))
        found = (
            self._sorted[where] == keys if len(self._sorted) else np.zeros(len(keys), dtype=bool)
        )
        return np.where(found, self._order[where] if len(self._order) else -1, -1).astype(np.int64)
