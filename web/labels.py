"""Words for the codes of the domain, in the user's language (English in code, Dutch in UI)."""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from matching import reference
from matching.vocab import (
    FamilyStatus,
    MatchStatus,
    OrganisationKind,
    PlacementStatus,
    ProposalKind,
    Role,
    VolunteerKind,
)
from solver.status import SolveStatus

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
    Role.VOLUNTEER: _l("Volunteer"),
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
ORGANISATION_KIND_LABELS: dict[str, LazyString] = {
    OrganisationKind.MUNICIPALITY: _l("Municipality"),
    OrganisationKind.NETWORK: _l("Birth-care network"),
    OrganisationKind.PARTNER: _l("Partner organisation"),
    OrganisationKind.UNIVERSITY: _l("University"),
    OrganisationKind.PRESCHOOL_PROVIDER: _l("Preschool provider"),
}
PROPOSAL_KIND_LABELS: dict[str, LazyString] = {
    ProposalKind.BUDDY: _l("Buddy"),
    ProposalKind.PLACEMENT: _l("Placement"),
}
MATCH_STATUS_LABELS: dict[str, LazyString] = {
    MatchStatus.ACTIVE: _l("Running"),
    MatchStatus.ENDED: _l("Ended"),
}
PLACEMENT_STATUS_LABELS: dict[str, LazyString] = {
    PlacementStatus.ACTIVE: _l("Running"),
    PlacementStatus.ENDED: _l("Ended"),
}
SOLVE_STATUS_LABELS: dict[str, LazyString] = {
    SolveStatus.OPTIMAL: _l("Best possible"),
    SolveStatus.FEASIBLE: _l("Good, not proven best"),
    SolveStatus.INFEASIBLE: _l("No solution"),
    SolveStatus.UNKNOWN: _l("No answer in time"),
    SolveStatus.NOT_REACHED: _l("Not reached"),
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
