"""Coded messages of the domain: every refusal, field problem and run step has a code.

The domain speaks in codes and parameters; the web layer labels each code in the user's
language (web/messages.py, Babel catalogues nl and en). The English text kept beside a code
is for logs, the CLI and the API, never translated back.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class DomainError(ValueError):
    """A refusal of the domain: a ``code`` the web labels and the ``params`` the label needs."""

    def __init__(self, code: str, message: str = "", **params: Any) -> None:
        self.code = code
        self.params = params
        super().__init__(message or (f"{code}: {params}" if params else code))

    @property
    def detail(self) -> dict[str, Any]:
        """The parameters (the name ``UnreadableFile`` used before the codes were unified)."""
        return self.params


class FileProblem(StrEnum):
    """Why an uploaded file as a whole cannot be read."""

    EMPTY = "empty"
    NOT_TEXT = "not_text"
    ENCODING = "encoding"
    MALFORMED = "malformed"  # params: line
    TOO_MANY_ROWS = "too_many_rows"  # params: limit
    MISSING_COLUMNS = "missing_columns"  # params: columns
    NO_ROWS = "no_rows"
    TOO_LARGE = "too_large"  # params: size
    EXPIRED = "expired"


class FieldProblem(StrEnum):
    """Why one value of a record or a CSV cell was refused (our own checks)."""

    POSTCODE_FORMAT = "postcode_format"
    POSTCODE_AREA = "postcode_area"  # params: digits
    UNKNOWN_LANGUAGE = "unknown_language"  # params: value
    UNKNOWN_DISTRICT = "unknown_district"  # params: value
    UNKNOWN_SITUATION = "unknown_situation"  # params: value
    UNKNOWN_HALF_DAY = "unknown_half_day"  # params: value
    PRESCHOOL_IDS = "preschool_ids"
    TOO_MANY_PRESCHOOLS = "too_many_preschools"  # params: n
    PRESCHOOL_NOT_ACTIVE = "preschool_not_active"
    NOT_A_CHOICE = "not_a_choice"  # params: options
    DATE_ORDER = "date_order"  # params: field, start
    EMAIL = "email"
    REDUCED_GROUP = "reduced_group"  # params: n
    NOT_A_DATE = "not_a_date"
    NOT_YES_NO = "not_yes_no"
    NOT_A_NUMBER = "not_a_number"
    NOT_A_WHOLE_NUMBER = "not_a_whole_number"
    UNKNOWN_ORGANISATION = "unknown_organisation"
    UNKNOWN_PRESCHOOL = "unknown_preschool"
    TWICE_IN_FILE = "twice_in_file"  # params: line


class LifecycleProblem(StrEnum):
    """Why a decision on a proposal, match or placement was refused."""

    NOT_OPEN = "not_open"  # params: status
    REASON_REQUIRED = "reason_required"
    FAMILY_HAS_MATCH = "family_has_match"  # params: reference
    NO_CAPACITY = "no_capacity"  # params: name
    PEOPLE_GONE = "people_gone"
    NOT_FOUND = "not_found"
    MATCH_ENDED = "match_ended"
    PLACEMENT_ENDED = "placement_ended"
    END_BEFORE_START = "end_before_start"  # params: on
    ANSWERED = "answered"  # a placement the student already answered (or that expired)


class TrajectoryProblem(StrEnum):
    """Why a partner organisation's action on a trajectory was refused."""

    START_OUT_OF_RANGE = "start_out_of_range"
    NOT_SUGGESTED = "not_suggested"
    FAMILY_MATCHED = "family_matched"
    FAMILY_NOT_WAITING = "family_not_waiting"
    DATE_OUT_OF_RANGE = "date_out_of_range"
    ENDED = "ended"
    NOTE_REQUIRED = "note_required"
    UNKNOWN_REASON = "unknown_reason"


class OfferProblem(StrEnum):
    """Why an answer to an offer, or a report on its first meeting, was refused."""

    NOT_OPEN = "offer_not_open"  # params: status
    NOT_ACCEPTED = "offer_not_accepted"  # params: status
    ALREADY_REPORTED = "start_already_reported"
    UNKNOWN_REASON = "unknown_decline_reason"
    NOTE_TOO_LONG = "decline_note_too_long"  # params: limit
    MET_BEFORE_ACCEPT = "met_before_accept"
    MET_IN_FUTURE = "met_in_future"
    NOT_A_GAP = "not_a_gap"


class InviteProblem(StrEnum):
    """Why a volunteer could not be invited to sign in."""

    NO_EMAIL = "invite_no_email"  # params: name
    EMAIL_TAKEN = "invite_email_taken"  # params: name
    INACTIVE = "invite_inactive"  # params: name


class ProgressStep(StrEnum):
    """What a running run is doing; stored on the run row as ``code`` or ``code:n``."""

    READING = "reading"
    SOLVING = "solving"  # params: n (candidate pairs)
    PLACING = "placing"
    STORING = "storing"


def progress_text(step: ProgressStep, n: int | None = None) -> str:
    """The stored form of a progress step: its code, with its one figure if it has one."""
    return f"{step}:{n}" if n is not None else str(step)


# The steps in English, for the command line's display.
STEP_SENTENCES: dict[ProgressStep, str] = {
    ProgressStep.READING: "reading people and finding candidates",
    ProgressStep.SOLVING: "solving {n} candidate pairs",
    ProgressStep.PLACING: "placing students",
    ProgressStep.STORING: "storing proposals",
}


def progress_sentence(step: ProgressStep, n: int | None = None) -> str:
    """A progress step in English words."""
    return STEP_SENTENCES[step].format(n=n)


def read_progress(stored: str) -> tuple[ProgressStep, dict[str, Any]] | None:
    """The step and its parameters of a stored progress text, or None for older free text."""
    code, _, figure = stored.partition(":")
    try:
        step = ProgressStep(code)
    except ValueError:
        return None
    return step, ({"n": int(figure)} if figure.isdigit() else {})


class FieldRefused(DomainError):
    """A value refused by one of our checks: a FieldProblem and the figures it names."""


class ScenarioProblem(StrEnum):
    """Why a change of a what-if scenario, or the scenario itself, was refused."""

    NOT_POSITIVE = "not_positive"  # params: field
    OUT_OF_RANGE = "out_of_range"  # params: field, low, high
    REQUIRED = "required"  # params: field
    UNKNOWN_KIND = "unknown_kind"  # params: field, value
    UNKNOWN_VOLUNTEER = "unknown_volunteer"  # params: field, value
    UNKNOWN_FAMILY = "unknown_family"  # params: field, value
    UNKNOWN_GROUP = "unknown_group"  # params: field, value
    UNKNOWN_PRESCHOOL = "unknown_preschool"  # params: field, value
    UNKNOWN_ORGANISATION = "unknown_organisation"  # params: field, value
    NOT_EDITABLE = "not_editable"  # params: status
    NO_CHANGES = "no_changes"
    NO_BASE_RUN = "no_base_run"


class ScenarioRefused(DomainError):
    """A scenario change refused: the field it names, a ScenarioProblem or FieldProblem code."""

    def __init__(self, code: str, field: str = "", message: str = "", **params: Any) -> None:
        self.field = field
        super().__init__(code, message or f"{field}: {code} {params}", field=field, **params)

    @property
    def message(self) -> str:
        """The English text, for logs and where a code has no label."""
        return str(self)
