"""What stage B's answers prove about stage A's optimum, target by target (the pattern MIP,
solver/placement/mip.py).

Stage A's objective is `placed * (top + 1) + coverage`; its LP bound rounded down, the
first target T, is at least the optimum. Stage B for a target t asks for an answer, with
integral columns, that places at least t // (top + 1) students and covers at least
t % (top + 1), within bounds that hold every answer worth t. For targets that place as
many students as T, no answer can place more (it would be worth more than T), so stage B
for t has an answer exactly when the optimum is at least t. Going down one target at a
time from T, the first stage B with an answer is the one for the optimum, and proves it:
the target above had none (or is T). Stage A, meanwhile, may be slow to prove the same
(a benchmark-shaped city: stage A out of time after 25 s, stage B's descent done in 7.5 s),
so the descent stops it (`stop`).
"""

from __future__ import annotations

import math
import threading
from dataclasses import dataclass, field

from solver.status import SolveStatus


@dataclass
class Descent:
    """Stage B's targets heard so far; `optimum` once they prove it, `stop` set then."""

    first: int  # stage A's first target: no answer is worth more
    top: int  # the coverage's upper bound: placed weighs top + 1
    floor: float = -math.inf  # the value of an answer known: the optimum is not below it
    stop: threading.Event = field(default_factory=threading.Event)
    optimum: int | None = None
    lowest_without: int | None = None  # the lowest target stage B found no answer for
    highest_with: int | None = None  # the highest target stage B found an answer for

    def heard(self, target: int, status: str) -> int | None:
        """Note stage B's end for `target`; the next target to try, or None."""
        if target // (self.top + 1) != self.first // (self.top + 1):
            return None  # another number placed: stage B's end proves nothing about stage A
        if status == SolveStatus.INFEASIBLE:
            known = self.lowest_without
            self.lowest_without = target if known is None else min(target, known)
        elif status in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE):
            known = self.highest_with
            self.highest_with = target if known is None else max(target, known)
        else:
            return None  # out of time: nothing learnt
        ceiling = self.first + 1 if self.lowest_without is None else self.lowest_without
        if self.highest_with is not None and self.highest_with == ceiling - 1:
            self.optimum = self.highest_with
            self.stop.set()
            return None
        below = ceiling - 1
        if below < self.floor or (self.highest_with is not None and below <= self.highest_with):
            return None
        return below
