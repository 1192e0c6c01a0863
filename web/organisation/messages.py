"""Why a trajectory action was refused, in the user's language."""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from matching.decisions.lifecycle import LifecycleError

REFUSALS: dict[str, LazyString] = {
    "start_out_of_range": _l("The start must lie within 13 weeks of today."),
    "not_suggested": _l(
        "This buddy cannot be assigned to this family (any more). "
        "Please choose from the current suggestions."
    ),
    "family_matched": _l("This family already has a running trajectory."),
    "family_not_waiting": _l("Only a family on the waiting list can get a buddy assigned."),
    "date_out_of_range": _l("The date must lie between the start of the trajectory and today."),
    "ended": _l("This trajectory has already ended."),
    "note_required": _l("Please add a note when the reason is another one."),
    "unknown_reason": _l("Please choose a reason."),
}
GENERIC = _l("This could not be saved. Please reload the page and try again.")


def refusal(error: LifecycleError) -> str:
    """The message for a refused action: by its code, else a general one."""
    code = getattr(error, "code", None)
    return str(REFUSALS.get(code, GENERIC)) if isinstance(code, str) else str(GENERIC)
