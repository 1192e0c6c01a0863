"""Buddy assignment: agents (volunteers) to tasks (families).

`problem` validates the input, `flow` is the exact min-cost flow over every tier, `solve`
turns its answer into an `AssignmentSolution`, and `baselines` holds the greedy and the
plain CP-SAT model that the tests and benchmarks compare it with. `gain` answers what one
more agent would add, exactly and without a re-solve, from the `residual` network of the
optimum, and chains such agents into a recruitment plan.
"""
