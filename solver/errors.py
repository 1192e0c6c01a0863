"""Errors raised by the solver package."""


class ProblemError(ValueError):
    """A problem is malformed or self-contradictory; the message names what is wrong."""


class SolverError(RuntimeError):
    """A solver back-end failed in a way that points to a bug, not to the data."""
