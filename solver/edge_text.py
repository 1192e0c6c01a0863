"""An assignment file's `edges` array read into numpy arrays by msgspec, without dicts.

msgspec decodes the array into small typed structs in C (several times faster than dicts
from `json`), which are turned into arrays at once and dropped. Anything out of the
ordinary (a missing or extra key, a float, a negative score, an unknown id) gives None,
and the caller reads the file the ordinary way, which words every error message.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from operator import attrgetter

import msgspec
import numpy as np

Columns = tuple[np.ndarray, np.ndarray, np.ndarray]
AGENT, TASK = attrgetter("agent"), attrgetter("task")


class Edge(msgspec.Struct, forbid_unknown_fields=True, gc=False):
    """One edge as the file writes it."""

    agent: str
    task: str
    score: int


@dataclass(frozen=True)
class EdgeText:
    """The raw JSON text of an assignment problem's `edges` array."""

    text: bytes

    def columns(self, agents: Mapping[str, int], tasks: Mapping[str, int]) -> Columns | None:
        """Return (agent position, task position, score) per edge, or None if unusual."""
        return edge_columns(self.text, agents, tasks)


def edge_columns(
    text: bytes, agents: Mapping[str, int], tasks: Mapping[str, int]
) -> Columns | None:
    """Return the edges' agent and task positions (int32) and scores (int64), or None."""
    try:
        edges = msgspec.json.decode(text, type=list[Edge])
        count = len(edges)
        scores = np.fromiter(map(attrgetter("score"), edges), np.int64, count)
        agent = np.fromiter(map(agents.__getitem__, map(AGENT, edges)), np.int32, count)
        task = np.fromiter(map(tasks.__getitem__, map(TASK, edges)), np.int32, count)
    except (msgspec.DecodeError, KeyError, OverflowError):
        return None
    if count and scores.min() < 0:
        return None
    return agent, task, scores
