"""Messages of the domain (validation, lifecycle, runs, CSV files) in the user's language."""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from matching.tabular.reading import UnreadableFile
from web.portal.record_errors import compile_patterns, first_match
from web.portal.record_errors import translate as translate_record_message

FIELD_MESSAGES = compile_patterns(
    (r"^Field required", _l("Please fill this in.")),
    (r"^is not a date", _l("Not a date: use dd-mm-jjjj.")),
    (r"^Input should be a valid date", _l("Not a date: use dd-mm-jjjj.")),
    (r"^is not yes or no", _l("Use ja or nee.")),
    (r"^Input should be a valid boolean", _l("Use ja or nee.")),
    (r"^is not a whole number", _l("Enter a whole number.")),
    (r"^Input should be a valid integer", _l("Enter a whole number.")),
    (r"^is not a number", _l("Enter a number.")),
    (r"^Input should be a valid number", _l("Enter a number.")),
    (r"^is not a known organisation", _l("Unknown organisation: use its code.")),
    (r"^is not a known preschool", _l("Unknown preschool: give its name and postcode.")),
    (r"^appears twice in this file \(line (?P<line>\d+)\)", _l("Also on line %(line)s.")),
    (r"^String should match pattern", _l("Use hours like 08:30-12:30.")),
    (r"a reduced group has at most (?P<n>\d+)", _l("A reduced group has at most %(n)s children.")),
)
LIFECYCLE_MESSAGES = compile_patterns(
    (r"^proposal \d+ is \w+, not open", _l("This proposal was already decided.")),
    (r"^reason: ", _l("Please give a reason.")),
    (
        r"^family (?P<reference>.+) already has a running trajectory",
        _l("Family %(reference)s already has a running trajectory."),
    ),
    (
        r"^volunteer (?P<name>.+) has no capacity left",
        _l("%(name)s has no room for another family."),
    ),
    (r"no longer exists", _l("The people of this proposal no longer exist.")),
    (r"^no Proposal \d+", _l("This proposal does not exist.")),
)
PROGRESS_MESSAGES = compile_patterns(
    (r"^reading people", _l("Reading people and finding candidates")),
    (r"^solving (?P<n>\d+) candidate pairs", _l("Solving: %(n)s possible pairs")),
    (r"^placing students", _l("Placing students")),
    (r"^storing proposals", _l("Storing the proposals")),
)
UNPLACED_MESSAGES = compile_patterns(
    (r"^no allowed location", _l("no preschool within reach")),
    (r"^every allowed location is forbidden", _l("every preschool within reach was refused")),
    (r"^no allowed location runs enough", _l("no preschool within reach runs enough half-days")),
    (r"^the group sessions that fit went to", _l("the half-days that fit went to other students")),
    (r"^the solver stopped", _l("the run stopped before placing this student")),
)
FILE_PROBLEMS: dict[str, LazyString] = {
    "empty": _l("The file is empty."),
    "not_text": _l("This is not a CSV file. In Excel choose Save as, then CSV UTF-8."),
    "encoding": _l("The file's characters cannot be read. Save it as CSV UTF-8 and try again."),
    "malformed": _l("The file cannot be read as CSV near line %(line)s."),
    "too_many_rows": _l("The file has more than %(limit)s rows: split it into smaller files."),
    "missing_columns": _l("Columns missing: %(columns)s. The template shows every column."),
    "no_rows": _l("The file has a header but no rows."),
    "too_large": _l("The file is larger than %(size)s: split it into smaller files."),
    "expired": _l("The checked file is no longer available. Please upload it again."),
}


def field_message(message: str) -> str:
    """A refused field's message (from a form or a CSV row)."""
    return first_match(FIELD_MESSAGES, message) or translate_record_message(message)


def lifecycle_message(message: str) -> str:
    """Why a decision on a proposal was refused."""
    return first_match(LIFECYCLE_MESSAGES, message) or message


def progress_message(message: str | None) -> str:
    """What a running run is doing."""
    if not message:
        return ""
    return first_match(PROGRESS_MESSAGES, message) or message


def unplaced_message(message: str) -> str:
    """Why a student was not placed."""
    return first_match(UNPLACED_MESSAGES, message) or message


def file_problem(problem: UnreadableFile) -> str:
    """Why a file as a whole could not be read."""
    detail = dict(problem.detail)
    if isinstance(detail.get("columns"), list):
        detail["columns"] = ", ".join(detail["columns"])
    template = FILE_PROBLEMS.get(problem.code, FILE_PROBLEMS["malformed"])
    try:
        return str(template) % detail if detail else str(template)
    except (KeyError, TypeError):
        return str(template).split("%")[0].strip()
