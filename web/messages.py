"""The domain's codes as sentences in the user's language: one table per kind of code.

The domain raises and stores codes with parameters (matching/errors.py, solver/unplaced.py);
this module is the only place that turns them into words. A code without a label here shows
the domain's English text, and tests/web/test_message_labels.py fails on it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Protocol

from flask_babel import LazyString, format_date, get_locale
from flask_babel import lazy_gettext as _l

from matching.errors import (
    DomainError,
    FieldProblem,
    FileProblem,
    InviteProblem,
    LifecycleProblem,
    OfferProblem,
    ProgressStep,
    ScenarioProblem,
    ScenarioRefused,
    TrajectoryProblem,
    read_progress,
)
from matching.people.scoping import NotOwned
from matching.recruitment.profiles import Profile
from matching.recruitment.students import StudentChange
from matching.reference import language_name
from matching.vocab import HALF_DAYS, ChangeKind, Gender, VolunteerKind
from solver.unplaced import UnplacedReason, from_sentence

FILE_LABELS: dict[str, LazyString] = {
    FileProblem.EMPTY: _l("The file is empty."),
    FileProblem.NOT_TEXT: _l("This is not a CSV file. In Excel choose Save as, then CSV UTF-8."),
    FileProblem.ENCODING: _l(
        "The file's characters cannot be read. Save it as CSV UTF-8 and try again."
    ),
    FileProblem.MALFORMED: _l("The file cannot be read as CSV near line %(line)s."),
    FileProblem.TOO_MANY_ROWS: _l(
        "The file has more than %(limit)s rows: split it into smaller files."
    ),
    FileProblem.MISSING_COLUMNS: _l(
        "Columns missing: %(columns)s. The template shows every column."
    ),
    FileProblem.NO_ROWS: _l("The file has a header but no rows."),
    FileProblem.TOO_LARGE: _l("The file is larger than %(size)s: split it into smaller files."),
    FileProblem.EXPIRED: _l("The checked file is no longer available. Please upload it again."),
}
NOT_A_DATE = _l("Not a date: use dd-mm-jjjj.")
YES_NO = _l("Use ja or nee.")
WHOLE_NUMBER = _l("Enter a whole number.")
NUMBER = _l("Enter a number.")
FILL_IN = _l("Please fill this in.")
FIELD_LABELS: dict[str, LazyString] = {
    # Our own checks (matching/people/validation.py, matching/tabular/).
    FieldProblem.POSTCODE_FORMAT: _l("Not a Dutch postcode like 3526 KL."),
    FieldProblem.POSTCODE_AREA: _l("%(digits)s is not a postcode area of Utrecht."),
    FieldProblem.UNKNOWN_LANGUAGE: _l("Unknown language: %(code)s."),
    FieldProblem.UNKNOWN_DISTRICT: _l("Unknown district."),
    FieldProblem.UNKNOWN_SITUATION: _l("Unknown situation."),
    FieldProblem.UNKNOWN_HALF_DAY: _l("Unknown half-day."),
    FieldProblem.PRESCHOOL_IDS: _l("Choose preschools from the list."),
    FieldProblem.TOO_MANY_PRESCHOOLS: _l("Choose at most %(n)s preschools."),
    FieldProblem.PRESCHOOL_NOT_ACTIVE: _l("This preschool is not taking students."),
    FieldProblem.NOT_A_CHOICE: _l("Choose one of the options."),
    FieldProblem.DATE_ORDER: _l("This date comes before %(start)s."),
    FieldProblem.EMAIL: _l("Not an e-mail address."),
    FieldProblem.REDUCED_GROUP: _l("A reduced group has at most %(n)s children."),
    FieldProblem.NOT_A_DATE: NOT_A_DATE,
    FieldProblem.NOT_YES_NO: YES_NO,
    FieldProblem.NOT_A_NUMBER: NUMBER,
    FieldProblem.NOT_A_WHOLE_NUMBER: WHOLE_NUMBER,
    FieldProblem.UNKNOWN_ORGANISATION: _l("Unknown organisation: use its code."),
    FieldProblem.UNKNOWN_PRESCHOOL: _l("Unknown preschool: give its name and postcode."),
    FieldProblem.TWICE_IN_FILE: _l("Also on line %(line)s."),
    # Pydantic's error types (its stable codes, not its English messages).
    "missing": FILL_IN,
    "string_too_short": FILL_IN,
    "string_too_long": _l("At most %(n)s characters."),
    "too_short": _l("Choose or enter at least one."),
    "greater_than_equal": _l("At least %(n)s."),
    "less_than_equal": _l("At most %(n)s."),
    "greater_than": _l("More than %(n)s."),
    "string_pattern_mismatch": _l("Use hours like 08:30-12:30."),
    "date_parsing": NOT_A_DATE,
    "date_from_datetime_parsing": NOT_A_DATE,
    "date_type": NOT_A_DATE,
    "bool_parsing": YES_NO,
    "bool_type": YES_NO,
    "int_parsing": WHOLE_NUMBER,
    "int_type": WHOLE_NUMBER,
    "int_from_float": WHOLE_NUMBER,
    "float_parsing": NUMBER,
    "float_type": NUMBER,
}
# Pydantic names the limit after the constraint; the labels call it n.
_LIMITS = ("max_length", "min_length", "ge", "le", "gt")
LIFECYCLE_LABELS: dict[str, LazyString] = {
    LifecycleProblem.NOT_OPEN: _l("This proposal was already decided."),
    LifecycleProblem.REASON_REQUIRED: _l("Please give a reason."),
    LifecycleProblem.FAMILY_HAS_MATCH: _l("Family %(reference)s already has a running trajectory."),
    LifecycleProblem.NO_CAPACITY: _l("%(name)s has no room for another family."),
    LifecycleProblem.PEOPLE_GONE: _l("The people of this proposal no longer exist."),
    LifecycleProblem.NOT_FOUND: _l("This proposal does not exist."),
    LifecycleProblem.MATCH_ENDED: _l("This trajectory has already ended."),
    LifecycleProblem.PLACEMENT_ENDED: _l("This placement has already ended."),
    LifecycleProblem.END_BEFORE_START: _l("The end date comes before the start."),
    LifecycleProblem.ANSWERED: _l("This placement has already been answered."),
}
TRAJECTORY_LABELS: dict[str, LazyString] = {
    TrajectoryProblem.START_OUT_OF_RANGE: _l("The start must lie within 13 weeks of today."),
    TrajectoryProblem.NOT_SUGGESTED: _l(
        "This buddy cannot be assigned to this family (any more). "
        "Please choose from the current suggestions."
    ),
    TrajectoryProblem.FAMILY_MATCHED: _l("This family already has a running trajectory."),
    TrajectoryProblem.FAMILY_NOT_WAITING: _l(
        "Only a family on the waiting list can get a buddy assigned."
    ),
    TrajectoryProblem.DATE_OUT_OF_RANGE: _l(
        "The date must lie between the start of the trajectory and today."
    ),
    TrajectoryProblem.ENDED: _l("This trajectory has already ended."),
    TrajectoryProblem.NOTE_REQUIRED: _l("Please add a note when the reason is another one."),
    TrajectoryProblem.UNKNOWN_REASON: _l("Please choose a reason."),
}
PROGRESS_LABELS: dict[str, LazyString] = {
    ProgressStep.READING: _l("Reading people and finding candidates"),
    ProgressStep.SOLVING: _l("Solving: %(n)s possible pairs"),
    ProgressStep.PLACING: _l("Placing students"),
    ProgressStep.STORING: _l("Storing the proposals"),
}
UNPLACED_LABELS: dict[str, LazyString] = {
    UnplacedReason.NO_EDGE: _l("no preschool within reach"),
    UnplacedReason.ALL_FORBIDDEN: _l("every preschool within reach was refused"),
    UnplacedReason.TOO_FEW_SESSIONS: _l("no preschool within reach runs enough half-days"),
    UnplacedReason.TAKEN: _l("the half-days that fit went to other students"),
    UnplacedReason.NOT_SOLVED: _l("the run stopped before placing this student"),
}
SCENARIO_LABELS: dict[str, LazyString] = {
    ScenarioProblem.NOT_POSITIVE: _l("Give a number of at least 1."),
    ScenarioProblem.OUT_OF_RANGE: _l("Give a number from %(low)s to %(high)s."),
    ScenarioProblem.REQUIRED: _l("Please fill this in."),
    ScenarioProblem.UNKNOWN_KIND: _l("%(value)s is not one of the choices."),
    ScenarioProblem.UNKNOWN_VOLUNTEER: _l("No active volunteer has number %(value)s."),
    ScenarioProblem.UNKNOWN_FAMILY: _l("No family in the programme has number %(value)s."),
    ScenarioProblem.UNKNOWN_GROUP: _l("No open group has number %(value)s."),
    ScenarioProblem.UNKNOWN_PRESCHOOL: _l("No open preschool has number %(value)s."),
    ScenarioProblem.UNKNOWN_ORGANISATION: _l("No organisation has number %(value)s."),
    ScenarioProblem.NOT_EDITABLE: _l(
        "The scenario is waiting or running; change it when it is done."
    ),
    ScenarioProblem.NO_CHANGES: _l("Add at least one change before running the scenario."),
    ScenarioProblem.NO_BASE_RUN: _l(
        "A scenario starts from a finished run: run the matching first."
    ),
}
# One change of a what-if scenario in words, with its fields as parameters.
CHANGE_SENTENCES: dict[str, LazyString] = {
    ChangeKind.ADD_VOLUNTEERS: _l("Add %(n)s × %(who)s"),
    ChangeKind.REMOVE_VOLUNTEER: _l("Volunteer #%(volunteer_id)s stops"),
    ChangeKind.RAISE_TRAVEL: _l("Every volunteer travels %(km)s km further"),
    ChangeKind.ORGANISATION_CAPACITY: _l(
        "%(organisation)s starts at most %(yearly_capacity)s new trajectories a year"
    ),
    ChangeKind.ADD_GROUP: _l(
        "A new group of %(children_count)s children at preschool #%(preschool_id)s on %(days)s, "
        "wanting %(students_wanted)s student(s)"
    ),
    ChangeKind.CLOSE_GROUP: _l("Group #%(group_id)s closes"),
    ChangeKind.FAMILY_PRIORITY: _l("Family #%(family_id)s gets priority %(priority)s"),
}
# The fields a scenario change names in its errors.
SCENARIO_FIELDS: dict[str, LazyString] = {
    "count": _l("Number"),
    "organisation_id": _l("Organisation"),
    "languages": _l("Languages"),
    "district": _l("District"),
    "postcode_area": _l("Postcode area"),
    "half_days": _l("Half-days"),
    "gender": _l("Gender"),
    "volunteer_kind": _l("Kind"),
    "max_travel_km": _l("Maximum travel distance (km)"),
    "volunteer_id": _l("Volunteer number"),
    "km": _l("Kilometres"),
    "yearly_capacity": _l("Yearly capacity"),
    "preschool_id": _l("Preschool"),
    "children_count": _l("Children"),
    "students_wanted": _l("Students wanted"),
    "group_id": _l("Group number"),
    "family_id": _l("Family number"),
    "priority": _l("Priority"),
    "name": _l("Name"),
    "kind": _l("Kind"),
    "index": _l("Change"),
}
STUDENT_CHANGE_LABELS: dict[str, LazyString] = {
    StudentChange.NEW_STUDENT: _l("One more student"),
    StudentChange.EXTRA_HALF_DAY: _l("One more half-day of a placed student"),
}
OFFER_LABELS: dict[str, LazyString] = {
    OfferProblem.NOT_OPEN: _l("This offer can no longer be answered."),
    OfferProblem.NOT_ACCEPTED: _l("Only an accepted offer can be reported on."),
    OfferProblem.ALREADY_REPORTED: _l("The first meeting was already reported."),
    OfferProblem.UNKNOWN_REASON: _l("Please choose a reason."),
    OfferProblem.NOTE_TOO_LONG: _l("The note is too long: at most %(limit)s characters."),
    OfferProblem.MET_BEFORE_ACCEPT: _l("The first meeting cannot be before the offer."),
    OfferProblem.MET_IN_FUTURE: _l("The first meeting cannot be in the future."),
    OfferProblem.NOT_A_GAP: _l("This family is not waiting after a declined or expired offer."),
}
INVITE_LABELS: dict[str, LazyString] = {
    InviteProblem.NO_EMAIL: _l("%(name)s has no e-mail address: add one to invite them."),
    InviteProblem.EMAIL_TAKEN: _l("%(name)s: this e-mail address already has an account."),
    InviteProblem.INACTIVE: _l("%(name)s is not active and cannot be invited."),
}
# Every table of codes, for the test that no code lacks a label.
CODE_TABLES: tuple[tuple[type, Mapping[str, LazyString]], ...] = (
    (FileProblem, FILE_LABELS),
    (FieldProblem, FIELD_LABELS),
    (LifecycleProblem, LIFECYCLE_LABELS),
    (TrajectoryProblem, TRAJECTORY_LABELS),
    (ProgressStep, PROGRESS_LABELS),
    (UnplacedReason, UNPLACED_LABELS),
    (StudentChange, STUDENT_CHANGE_LABELS),
    (ScenarioProblem, SCENARIO_LABELS),
    (ChangeKind, CHANGE_SENTENCES),
    (OfferProblem, OFFER_LABELS),
    (InviteProblem, INVITE_LABELS),
)
GENERIC = _l("This could not be saved. Please reload the page and try again.")


class Coded(Protocol):
    """Anything that carries a code, its parameters and an English fallback text."""

    @property
    def code(self) -> str:
        """The problem's code."""

    @property
    def params(self) -> dict[str, Any]:
        """The figures its label names."""

    @property
    def message(self) -> str:
        """The domain's English text, shown when a code has no label."""


def fill(template: LazyString, params: Mapping[str, Any]) -> str:
    """A label with its parameters filled in (a missing one leaves the sentence without it)."""
    text = str(template)
    try:
        return text % params if "%(" in text else text
    except (KeyError, TypeError, ValueError):
        return text.split("%(")[0].rstrip(" :")


def field_message(problem: Coded) -> str:
    """Why a field (of a form or a CSV row) was refused."""
    template = FIELD_LABELS.get(problem.code)
    if template is None:
        return problem.message
    params = dict(problem.params)
    for limit in _LIMITS:
        if limit in params:
            params.setdefault("n", params[limit])
    if "value" in params:
        params.setdefault("code", params["value"])
    if isinstance(params.get("start"), str):
        params["start"] = format_date(date.fromisoformat(params["start"]), "long")
    return fill(template, params)


def file_problem(problem: DomainError) -> str:
    """Why a file as a whole could not be read."""
    params = dict(problem.params)
    if isinstance(params.get("columns"), list):
        params["columns"] = ", ".join(params["columns"])
    return fill(FILE_LABELS.get(problem.code, FILE_LABELS[FileProblem.MALFORMED]), params)


def error_message(error: Exception) -> str:
    """Why an action was refused: a lifecycle or trajectory code, or a record not found."""
    if isinstance(error, NotOwned):
        return str(LIFECYCLE_LABELS[LifecycleProblem.NOT_FOUND])
    if not isinstance(error, DomainError):
        return str(GENERIC)
    template = (
        TRAJECTORY_LABELS.get(error.code)
        or LIFECYCLE_LABELS.get(error.code)
        or OFFER_LABELS.get(error.code)
        or INVITE_LABELS.get(error.code)
    )
    return fill(template, error.params) if template is not None else str(GENERIC)


def scenario_error(error: ScenarioRefused) -> str:
    """Why a scenario change was refused: the field's name, then why."""
    template = SCENARIO_LABELS.get(error.code)
    reason = fill(template, error.params) if template is not None else field_message(error)
    field = SCENARIO_FIELDS.get(error.field)
    return f"{field}: {reason}" if field is not None else reason


def progress_message(stored: str | None) -> str:
    """What a running run is doing (a stored step code; older free text as it is)."""
    if not stored:
        return ""
    found = read_progress(stored)
    if found is None:
        return stored
    step, params = found
    return fill(PROGRESS_LABELS[step], params)


def unplaced_message(reason: str) -> str:
    """Why a student was not placed (a code; runs stored before codes hold the sentence)."""
    code = reason if reason in UNPLACED_LABELS else from_sentence(reason)
    return str(UNPLACED_LABELS[code]) if code is not None else reason


# A recruit in a recruiter's words: "Arabic-speaking buddy living in Overvecht …".
RECRUIT_SENTENCE = _l(
    "%(language)s-speaking %(who)s living in %(district)s (postcode area %(area)s), "
    "free on %(days)s, for %(organisation)s"
)
RECRUIT_WHO: dict[tuple[str, str], LazyString] = {
    (VolunteerKind.BUDDY, Gender.UNKNOWN): _l("buddy"),
    (VolunteerKind.BUDDY, Gender.FEMALE): _l("female buddy"),
    (VolunteerKind.BUDDY, Gender.MALE): _l("male buddy"),
    (VolunteerKind.EXPERIENCE_EXPERT, Gender.UNKNOWN): _l("experience expert"),
    (VolunteerKind.EXPERIENCE_EXPERT, Gender.FEMALE): _l("female experience expert"),
    (VolunteerKind.EXPERIENCE_EXPERT, Gender.MALE): _l("male experience expert"),
}
HALF_DAY_PHRASES: dict[str, LazyString] = dict(
    zip(
        HALF_DAYS,
        (
            _l("Monday mornings"), _l("Monday afternoons"),
            _l("Tuesday mornings"), _l("Tuesday afternoons"),
            _l("Wednesday mornings"), _l("Wednesday afternoons"),
            _l("Thursday mornings"), _l("Thursday afternoons"),
            _l("Friday mornings"), _l("Friday afternoons"),
        ),
        strict=True,
    )
)  # fmt: skip
AND = _l("and")


def recruiter_sentence(profile: Profile, organisation: str, district: str) -> str:
    """A profile in a recruiter's words, in the user's language (`district`: its name)."""
    locale = str(get_locale() or "nl")
    days = [str(HALF_DAY_PHRASES[day]) for day in profile.half_days]
    joined = days[0] if len(days) == 1 else f"{', '.join(days[:-1])} {AND} {days[-1]}"
    who = (
        RECRUIT_WHO.get((profile.kind, profile.gender))
        or RECRUIT_WHO[(profile.kind, Gender.UNKNOWN)]
    )
    language = "/".join(language_name(code, locale) for code in profile.languages)
    return fill(
        RECRUIT_SENTENCE,
        {
            "language": language,
            "who": who,
            "district": district,
            "area": profile.postcode_area,
            "days": joined,
            "organisation": organisation,
        },
    )
