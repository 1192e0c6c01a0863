"""Independent components of the buddy assignment: found in numpy, solved apart, same optimum."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from solver import assignment_violations, solve_assignment
from solver.assignment import flow
from solver.components import component_of_edges
from tests.solver.assignment.test_solve import small_problems
from tests.solver.helpers import brute_force_assignment


def union_find_labels(left: list[int], right: list[int], num_left: int) -> list[int]:
    """Reference: the root of each edge's component by a plain union-find."""
    parent = list(range(num_left + max(right, default=0) + 1))

    def root(node: int) -> int:
        """Root of `node`."""
        while parent[node] != node:
            node = parent[node]
        return node

    for a, t in zip(left, right, strict=True):
        parent[root(a)] = root(num_left + t)
    return [root(a) for a in left]


@settings(deadline=None, max_examples=200)
@given(
    st.integers(1, 12).flatmap(
        lambda n: st.tuples(
            st.just(n), st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, 12)), max_size=30)
        )
    )
)
def test_components_partition_edges_as_union_find_does(case: tuple) -> None:
    num_left, pairs = case
    left = [a for a, _ in pairs]
    right = [t for _, t in pairs]
    ours = component_of_edges(np.asarray(left), np.asarray(right), num_left).tolist()
    reference = union_find_labels(left, right, num_left)
    # the same partition: equal labels exactly where the reference's are equal
    for i in range(len(pairs)):
        for j in range(len(pairs)):
            assert (ours[i] == ours[j]) == (reference[i] == reference[j])


def test_a_long_chain_is_one_component() -> None:
    n = 200  # agent i knows task i and task i + 1: one path through every node
    left = np.repeat(np.arange(n), 2)[:-1]
    right = np.minimum(np.tile([0, 1], n)[:-1] + left, n - 1)
    assert len(set(component_of_edges(left, right, n).tolist())) == 1


@settings(deadline=None, max_examples=150)
@given(small_problems())
def test_each_component_apart_gives_the_brute_force_optimum(problem) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(flow, "PART_EDGES", 1)  # every component its own flow
        apart = solve_assignment(problem)
    assert assignment_violations(problem, apart.assignments) == []
    assert apart.objective() == brute_force_assignment(problem)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(flow, "PART_EDGES", 10**9)  # all in one flow
        assert solve_assignment(problem).objective() == apart.objective()


def test_components_are_really_split(monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.solver.helpers import assignment

    cities = [(f"a{c}{i}", f"t{c}{j}") for c in range(3) for i in range(3) for j in range(3)]
    problem = assignment(
        {a: 1 for a, _ in cities},
        {t: c % 2 for c, (_, t) in enumerate(cities)},
        [(a, t, len(a + t) + k % 5) for k, (a, t) in enumerate(cities)],
    )
    sizes: list[int] = []
    real = flow._max_weight_flow

    def counting(problem, free, weight, levels=None):
        sizes.append(len(free.edges))
        return real(problem, free, weight, levels)

    monkeypatch.setattr(flow, "_max_weight_flow", counting)
    monkeypatch.setattr(flow, "PART_EDGES", 1)
    solution = solve_assignment(problem)
    assert sizes == [9, 9, 9]
    assert solution.objective() == brute_force_assignment(problem)
