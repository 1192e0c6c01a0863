"""Why a student stays unplaced: a code for programs, an English sentence for the CLI's file."""

from __future__ import annotations

from enum import StrEnum


class UnplacedReason(StrEnum):
    """The reason a student has no placement in a solution."""

    NO_EDGE = "no_edge"
    ALL_FORBIDDEN = "all_forbidden"
    TOO_FEW_SESSIONS = "too_few_sessions"
    TAKEN = "taken"
    NOT_SOLVED = "not_solved"


# The solution file's words (solver/README.md); the web labels the codes in nl and en.
SENTENCES: dict[UnplacedReason, str] = {
    UnplacedReason.NO_EDGE: "no allowed location",
    UnplacedReason.ALL_FORBIDDEN: "every allowed location is forbidden",
    UnplacedReason.TOO_FEW_SESSIONS: (
        "no allowed location runs enough group sessions in the student's free half-days"
    ),
    UnplacedReason.TAKEN: "the group sessions that fit went to other students",
    UnplacedReason.NOT_SOLVED: "the solver stopped before placing this student",
}


def sentence(reason: str) -> str:
    """The English sentence of a reason code (a sentence stored before codes stays as is)."""
    try:
        return SENTENCES[UnplacedReason(reason)]
    except ValueError:
        return reason


def from_sentence(text: str) -> UnplacedReason | None:
    """The code of a sentence that runs stored before reasons were codes, or None."""
    return next((code for code, words in SENTENCES.items() if words == text), None)
