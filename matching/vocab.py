"""Settled vocabularies of the domain (DESIGN.md, "Settled details")."""

from typing import Final

DAYS: Final = ("mon", "tue", "wed", "thu", "fri")
PARTS: Final = ("am", "pm")
HALF_DAYS: Final = tuple(f"{day}_{part}" for day in DAYS for part in PARTS)

GENDERS: Final = ("female", "male", "other", "unknown")
GENDER_WISHES: Final = ("any", "female", "male")

SITUATION_TAGS: Final = (
    "pregnancy",
    "single_parent",
    "young_parent",
    "newcomer",
    "language_barrier",
    "debt",
    "housing",
    "postnatal_mental_health",
    "isolation",
    "disability",
)

VOLUNTEER_KINDS: Final = ("buddy", "experience_expert")
ROLES: Final = ("coordinator", "student", "organisation")
ORGANISATION_KINDS: Final = (
    "municipality",
    "network",
    "partner",
    "university",
    "preschool_provider",
)
FAMILY_STATUSES: Final = ("waiting", "matched", "closed")
INSTITUTIONS: Final = ("HU", "UU")

MAX_PRIORITY: Final = 5
MAX_GROUP_SIZE: Final = 16
MAX_REDUCED_GROUP_SIZE: Final = 12
