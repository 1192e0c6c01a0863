"""Words for the codes the coordinator's pages show, in the user's language."""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from matching.vocab import (
    ActivityFilter,
    AuditAction,
    AuditEntity,
    OutboxStatus,
    ProposalStatus,
    RunStatus,
    RunTrigger,
)
from web.labels import FAMILY_STATUS_LABELS
from web.portal.labels import GENDER_LABELS, RULE_LABELS, SCORE_PART_LABELS, WISH_LABELS

KIND_TITLES: dict[str, LazyString] = {
    "volunteers": _l("Volunteers"),
    "experts": _l("Experience experts"),
    "students": _l("Students"),
    "families": _l("Families"),
    "preschools": _l("Preschools"),
    "groups": _l("Groups"),
}
NEW_LABELS: dict[str, LazyString] = {
    "volunteers": _l("New volunteer"),
    "experts": _l("New experience expert"),
    "students": _l("New student"),
    "families": _l("New family"),
    "preschools": _l("New preschool"),
    "groups": _l("New group"),
}
STATUS_LABELS: dict[str, LazyString] = {
    ActivityFilter.ACTIVE: _l("Active"),
    ActivityFilter.INACTIVE: _l("Inactive"),
    ActivityFilter.FREE: _l("Free for a new match"),
    **FAMILY_STATUS_LABELS,
}
RUN_STATUS_LABELS: dict[str, LazyString] = {
    RunStatus.REQUESTED: _l("Waiting to start"),
    RunStatus.RUNNING: _l("Running"),
    RunStatus.SUCCEEDED: _l("Done"),
    RunStatus.FAILED: _l("Failed"),
}
TRIGGER_LABELS: dict[str, LazyString] = {
    RunTrigger.USER: _l("Coordinator"),
    RunTrigger.SCHEDULE: _l("Weekly schedule"),
    RunTrigger.CLI: _l("Command line"),
}
PROPOSAL_STATUS_LABELS: dict[str, LazyString] = {
    ProposalStatus.PROPOSED: _l("Open"),
    ProposalStatus.APPROVED: _l("Approved"),
    ProposalStatus.REJECTED: _l("Rejected"),
    ProposalStatus.SUPERSEDED: _l("Replaced by a later run"),
}
PLACEMENT_PART_LABELS: dict[str, LazyString] = {
    "home_languages": _l("Children's home languages"),
    "district": _l("Preferred district"),
    "preschool": _l("Preferred preschool"),
    "distance": _l("Distance"),
}
SESSION_FUNNEL_LABELS: dict[str, LazyString] = {
    "distance": _l("live beyond their travel distance"),
    "half_day": _l("are not free on this half-day"),
    "taken": _l("are placed or proposed elsewhere"),
}
ENTITY_LABELS: dict[str, LazyString] = {
    AuditEntity.PROPOSAL: _l("Proposal"),
    AuditEntity.MATCH: _l("Trajectory"),
    AuditEntity.PLACEMENT: _l("Placement"),
    AuditEntity.VOLUNTEER: _l("Volunteer"),
    AuditEntity.FAMILY: _l("Family"),
    AuditEntity.STUDENT: _l("Student"),
    AuditEntity.PRESCHOOL: _l("Preschool"),
    AuditEntity.GROUP: _l("Group"),
    AuditEntity.SCHEDULE: _l("Schedule"),
    AuditEntity.MAIL: _l("E-mail"),
}
ACTION_LABELS: dict[str, LazyString] = {
    AuditAction.APPROVED: _l("approved"),
    AuditAction.REJECTED: _l("rejected"),
    AuditAction.PINNED: _l("pinned"),
    AuditAction.UNPINNED: _l("unpinned"),
    AuditAction.CREATED: _l("created"),
    AuditAction.UPDATED: _l("changed"),
    AuditAction.DEACTIVATED: _l("deactivated"),
    AuditAction.ENDED: _l("ended"),
    AuditAction.FLAGGED: _l("flagged: a rule broke"),
    AuditAction.RETRY: _l("sent again"),
    AuditAction.SAVED: _l("saved"),
    AuditAction.PAUSED: _l("paused"),
    AuditAction.UNCHANGED: _l("unchanged"),
    AuditAction.STUDENT_CHANGED: _l("changed by the student"),
    AuditAction.CALENDAR_ISSUED: _l("calendar link made"),
    AuditAction.CALENDAR_RENEWED: _l("calendar link renewed"),
    AuditAction.CALENDAR_REVOKED: _l("calendar link revoked"),
}
MAIL_STATUS_LABELS: dict[str, LazyString] = {
    OutboxStatus.QUEUED: _l("Waiting to be sent"),
    OutboxStatus.SENT: _l("Sent"),
    OutboxStatus.FAILED: _l("Failed"),
}


def coordinator_labels() -> dict[str, object]:
    """The word lists as template globals of the coordinator's pages."""
    return {
        "KIND_TITLES": KIND_TITLES,
        "NEW_LABELS": NEW_LABELS,
        "STATUS_LABELS": STATUS_LABELS,
        "RUN_STATUS_LABELS": RUN_STATUS_LABELS,
        "TRIGGER_LABELS": TRIGGER_LABELS,
        "PROPOSAL_STATUS_LABELS": PROPOSAL_STATUS_LABELS,
        "PLACEMENT_PART_LABELS": PLACEMENT_PART_LABELS,
        "SESSION_FUNNEL_LABELS": SESSION_FUNNEL_LABELS,
        "ENTITY_LABELS": ENTITY_LABELS,
        "ACTION_LABELS": ACTION_LABELS,
        "MAIL_STATUS_LABELS": MAIL_STATUS_LABELS,
        "RULE_LABELS": RULE_LABELS,
        "SCORE_PART_LABELS": SCORE_PART_LABELS,
        "GENDER_LABELS": GENDER_LABELS,
        "WISH_LABELS": WISH_LABELS,
    }
