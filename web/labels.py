"""Words for the codes of the domain, in the user's language (English in code, Dutch in UI)."""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from matching import reference
from matching.vocab import FamilyStatus, Role, VolunteerKind

DAY_LABELS: dict[str, LazyString] = {
    "mon": _l("Mon"),
    "tue": _l("Tue"),
    "wed": _l("Wed"),
    "thu": _l("Thu"),
    "fri": _l("Fri"),
}
PART_LABELS: dict[str, LazyString] = {"am": _l("Morning"), "pm": _l("Afternoon")}
ROLE_LABELS: dict[str, LazyString] = {
    Role.COORDINATOR: _l("Coordinator"),
    Role.STUDENT: _l("Student"),
    Role.ORGANISATION: _l("Organisation"),
}
FAMILY_STATUS_LABELS: dict[str, LazyString] = {
    FamilyStatus.WAITING: _l("Waiting"),
    FamilyStatus.MATCHED: _l("Matched"),
    FamilyStatus.CLOSED: _l("Closed"),
}
VOLUNTEER_KIND_LABELS: dict[str, LazyString] = {
    VolunteerKind.BUDDY: _l("Buddy"),
    VolunteerKind.EXPERIENCE_EXPERT: _l("Experience expert"),
}
SITUATION_LABELS: dict[str, LazyString] = {
    "pregnancy": _l("Pregnancy"),
    "single_parent": _l("Single parent"),
    "young_parent": _l("Young parent"),
    "newcomer": _l("Newcomer"),
    "language_barrier": _l("Language barrier"),
    "debt": _l("Debt"),
    "housing": _l("Housing"),
    "postnatal_mental_health": _l("Postnatal mental health"),
    "isolation": _l("Isolation"),
    "disability": _l("Disability"),
}


def label(labels: dict[str, LazyString], code: str) -> str:
    """The word for a code, or the code itself when there is none yet."""
    found = labels.get(code)
    return str(found) if found is not None else code


def district_name(code: str) -> str:
    """The district's own (Dutch) name, or the code when unknown."""
    district = reference.districts().get(code)
    return district.name if district is not None else code
