"""Settled vocabularies of the domain (DESIGN.md, "Settled details")."""

from enum import StrEnum
from typing import Final

DAYS: Final = ("mon", "tue", "wed", "thu", "fri")
PARTS: Final = ("am", "pm")
HALF_DAYS: Final = tuple(f"{day}_{part}" for day in DAYS for part in PARTS)

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

INSTITUTIONS: Final = ("HU", "UU")

MAX_PRIORITY: Final = 5
MAX_GROUP_SIZE: Final = 16
MAX_REDUCED_GROUP_SIZE: Final = 12


class Role(StrEnum):
    """Who signs in: the municipality's coordinators, students, organisations' users."""

    COORDINATOR = "coordinator"
    STUDENT = "student"
    ORGANISATION = "organisation"
    VOLUNTEER = "volunteer"  # a buddy or experience expert, once invited


class OrganisationKind(StrEnum):
    """What an organisation is in the programme."""

    MUNICIPALITY = "municipality"
    NETWORK = "network"
    PARTNER = "partner"
    UNIVERSITY = "university"
    PRESCHOOL_PROVIDER = "preschool_provider"


class VolunteerKind(StrEnum):
    """A buddy (maatje) or an experience expert (ervaringsdeskundige)."""

    BUDDY = "buddy"
    EXPERIENCE_EXPERT = "experience_expert"


class Gender(StrEnum):
    """A volunteer's gender as they gave it."""

    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNKNOWN = "unknown"


class GenderWish(StrEnum):
    """A family's wish on its buddy's gender."""

    ANY = "any"
    FEMALE = "female"
    MALE = "male"


class FamilyStatus(StrEnum):
    """A family waits for a buddy, has one, or has left the programme."""

    WAITING = "waiting"
    MATCHED = "matched"
    CLOSED = "closed"


class ProposalStatus(StrEnum):
    """A proposal: proposed → approved | rejected | superseded; an approved one → declined
    or expired when the volunteer (or student) says no or does not answer in time."""

    PROPOSED = "proposed"
    APPROVED = "approved"
    REJECTED = "rejected"
    SUPERSEDED = "superseded"
    DECLINED = "declined"
    EXPIRED = "expired"


class ProposalKind(StrEnum):
    """What a proposal pairs: a volunteer with a family, or a student with a preschool."""

    BUDDY = "buddy"
    PLACEMENT = "placement"


class RunStatus(StrEnum):
    """A matching run: requested → running → succeeded | failed."""

    REQUESTED = "requested"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class RunTrigger(StrEnum):
    """Who or what requested a run."""

    USER = "user"
    SCHEDULE = "schedule"
    CLI = "cli"


class MatchStatus(StrEnum):
    """A trajectory between a volunteer and a family: active → ended."""

    ACTIVE = "active"
    ENDED = "ended"


class PlacementStatus(StrEnum):
    """A student's placement: active → ended."""

    ACTIVE = "active"
    ENDED = "ended"


class PlacementStage(StrEnum):
    """How a student sees a placement of theirs: confirmed, or still a proposal."""

    CONFIRMED = "confirmed"
    PROPOSED = "proposed"


class EndReason(StrEnum):
    """Why a trajectory ended; the family's status after it follows from the reason."""

    COMPLETED = "completed"
    MOVED = "moved"
    FAMILY_STOPPED = "family_stopped"
    BUDDY_STOPPED = "buddy_stopped"
    NO_CLICK = "no_click"
    OTHER = "other"
    REPAIRED = "repaired"  # a repair proposal replaced it after a hard rule broke (note: rule)
    REPLACED = "replaced"  # a student's placement gave way to a new one (note: why)
    DECLINED = "declined"  # the volunteer declined the offer (note: the decline reason)
    OFFER_EXPIRED = "offer_expired"  # the offer was not answered in time
    NOT_STARTED = "not_started"  # accepted, but the first meeting never happened


class OutboxStatus(StrEnum):
    """A mail in the outbox: queued → sent, or failed after its last attempt."""

    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"


BUSY_RUN_STATUSES: Final = (RunStatus.REQUESTED, RunStatus.RUNNING)
FINISHED_RUN_STATUSES: Final = (RunStatus.SUCCEEDED, RunStatus.FAILED)

# The choices of the validated fields, in the order the forms list them.
GENDERS: Final = tuple(Gender)
GENDER_WISHES: Final = tuple(GenderWish)
VOLUNTEER_KINDS: Final = tuple(VolunteerKind)
ROLES: Final = tuple(Role)
ORGANISATION_KINDS: Final = tuple(OrganisationKind)
FAMILY_STATUSES: Final = tuple(FamilyStatus)
# The organisations whose volunteers and families the buddy matching serves.
VOLUNTEER_ORGANISATION_KINDS: Final = (
    OrganisationKind.MUNICIPALITY,
    OrganisationKind.PARTNER,
    OrganisationKind.NETWORK,
)


class ActivityFilter(StrEnum):
    """The status filter of the people lists for rows without a status of their own."""

    ACTIVE = "active"
    INACTIVE = "inactive"
    FREE = "free"  # active and with room for a new match or placement


class AuditEntity(StrEnum):
    """What an audit event is about."""

    PROPOSAL = "proposal"
    MATCH = "match"
    PLACEMENT = "placement"
    VOLUNTEER = "volunteer"
    FAMILY = "family"
    STUDENT = "student"
    PRESCHOOL = "preschool"
    GROUP = "group"
    SCHEDULE = "schedule"
    MAIL = "mail"
    CHECK_IN = "check_in"
    EXPORT = "export"  # a download or export, by what was downloaded
    NOTICES = "notices"  # a user's notice preferences
    OFFER = "offer"


class AuditAction(StrEnum):
    """What was done; a record's save also says created, updated or unchanged."""

    APPROVED = "approved"
    REJECTED = "rejected"
    PINNED = "pinned"
    UNPINNED = "unpinned"
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"  # a save that changed nothing (never an audit event)
    DEACTIVATED = "deactivated"
    ENDED = "ended"
    FLAGGED = "flagged"
    RETRY = "retry"
    SAVED = "saved"
    PAUSED = "paused"
    STUDENT_CHANGED = "student_changed"
    CALENDAR_ISSUED = "calendar_issued"
    CALENDAR_RENEWED = "calendar_renewed"
    CALENDAR_REVOKED = "calendar_revoked"
    ACCEPTED = "accepted"
    DECLINED = "declined"  # a volunteer declined an offer, or a student a placement
    EXPIRED = "expired"  # nobody answered in time
    CONFIRMED = "confirmed"  # a student confirmed their placement
    STARTED = "started"
    NOT_STARTED = "not_started"
    INVITED = "invited"
    VOLUNTEER_CHANGED = "volunteer_changed"


class OfferStatus(StrEnum):
    """An offer to a volunteer: open → accepted | declined | expired."""

    OPEN = "open"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"


class DeclineReason(StrEnum):
    """Why a volunteer declined an offer (with free text beside it)."""

    NO_TIME = "no_time"
    TOO_FAR = "too_far"
    NOT_A_GOOD_FIT = "not_a_good_fit"
    PERSONAL = "personal"
    OTHER = "other"


class StartStage(StrEnum):
    """Where an accepted match stands on its first meeting."""

    WAITING = "waiting"  # accepted, the first meeting not yet confirmed
    STARTED = "started"  # "we have met" confirmed
    NOT_STARTED = "not_started"  # reported as never started: the match ended


# Proposals whose pair the next runs never propose again: a coordinator's rejection, a
# volunteer's (or student's) decline, and an offer left unanswered until it expired.
FORBIDDING_PROPOSAL_STATUSES: Final = (
    ProposalStatus.REJECTED,
    ProposalStatus.DECLINED,
    ProposalStatus.EXPIRED,
)


def enums() -> dict[str, type[StrEnum]]:
    """Every vocabulary enum of this module by name (templates compare with these)."""
    return {
        name: value
        for name, value in globals().items()
        if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum
    }


class ScenarioStatus(StrEnum):
    """A what-if scenario: draft (being composed) → requested → running → succeeded | failed."""

    DRAFT = "draft"
    REQUESTED = "requested"
    RUNNING = "running"
    SUCCEEDED = "succeeded"
    FAILED = "failed"


class ChangeKind(StrEnum):
    """What one change of a what-if scenario does to the copy of a run's input."""

    ADD_VOLUNTEERS = "add_volunteers"
    REMOVE_VOLUNTEER = "remove_volunteer"
    RAISE_TRAVEL = "raise_travel"
    ORGANISATION_CAPACITY = "organisation_capacity"
    ADD_GROUP = "add_group"
    CLOSE_GROUP = "close_group"
    FAMILY_PRIORITY = "family_priority"


class PlacementAnswer(StrEnum):
    """The student's answer to an approved placement: pending → confirmed | declined | expired."""

    PENDING = "pending"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    EXPIRED = "expired"


class PlacementDeclineReason(StrEnum):
    """Why a student declines a placement (with a free-text note beside it)."""

    TOO_FAR = "too_far"
    HALF_DAYS = "half_days"  # the half-days no longer fit
    OTHER_PLACEMENT = "other_placement"  # found a placement elsewhere
    STOPPED = "stopped"  # stopped or postponed the study
    OTHER = "other"


class NoticeKind(StrEnum):
    """Reminders and notices mailed by the scheduler, each at most once per event."""

    OFFER_WAITING = "offer_waiting"  # a volunteer's offer still open after 3 days
    VOG_EXPIRING = "vog_expiring"  # a VOG ends within 6 weeks
    CHECK_IN_OVERDUE = "check_in_overdue"  # no check-in on a running trajectory for weeks
    PLACEMENT_STARTING = "placement_starting"  # a student's placement starts next week
    TRAJECTORY_ENDING = "trajectory_ending"  # a trajectory's expected end is near
    RUN_SUMMARY = "run_summary"  # coordinators: what the weekly run proposed
    PLACEMENT_ANSWER = "placement_answer"  # a student's placement waits for their answer
