"""Words for the codes the coordinator's pages show, in the user's language."""

from __future__ import annotations

from flask_babel import LazyString
from flask_babel import lazy_gettext as _l

from matching.signin.events import SigninAction, SigninEntity
from matching.vocab import (
    ActivityFilter,
    AuditAction,
    AuditEntity,
    ChangeKind,
    OutboxStatus,
    ProposalStatus,
    RunStatus,
    RunTrigger,
    ScenarioStatus,
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
SCENARIO_STATUS_LABELS: dict[str, LazyString] = {
    ScenarioStatus.DRAFT: _l("Draft"),
    ScenarioStatus.REQUESTED: _l("Waiting to start"),
    ScenarioStatus.RUNNING: _l("Running"),
    ScenarioStatus.SUCCEEDED: _l("Done"),
    ScenarioStatus.FAILED: _l("Failed"),
}
CHANGE_KIND_LABELS: dict[str, LazyString] = {
    ChangeKind.ADD_VOLUNTEERS: _l("Add volunteers of a profile"),
    ChangeKind.REMOVE_VOLUNTEER: _l("A volunteer stops"),
    ChangeKind.RAISE_TRAVEL: _l("Everyone travels further"),
    ChangeKind.ORGANISATION_CAPACITY: _l("A partner's yearly capacity"),
    ChangeKind.ADD_GROUP: _l("Add a preschool group"),
    ChangeKind.CLOSE_GROUP: _l("Close a preschool group"),
    ChangeKind.FAMILY_PRIORITY: _l("A family's priority"),
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
    ProposalStatus.DECLINED: _l("Declined after approval"),
    ProposalStatus.EXPIRED: _l("Not answered in time"),
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
    SigninEntity.USER: _l("Account"),
    SigninEntity.LOGIN_THROTTLE: _l("Sign-in lock"),
    AuditEntity.CHECK_IN: _l("Check-in"),
    AuditEntity.EXPORT: _l("Export"),
    AuditEntity.NOTICES: _l("Reminder settings"),
    AuditEntity.OFFER: _l("Offer"),
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
    AuditAction.ACCEPTED: _l("accepted"),
    AuditAction.DECLINED: _l("declined"),
    AuditAction.EXPIRED: _l("expired: not answered in time"),
    AuditAction.CONFIRMED: _l("confirmed by the student"),
    AuditAction.STARTED: _l("first meeting confirmed"),
    AuditAction.NOT_STARTED: _l("reported as not started"),
    AuditAction.INVITED: _l("invited to sign in"),
    AuditAction.VOLUNTEER_CHANGED: _l("changed by the volunteer"),
    SigninAction.LOCK_LIFTED: _l("lifted"),
    SigninAction.PASSWORD_CHANGED: _l("password changed"),
    SigninAction.PASSWORD_RESET: _l("password set with a reset link"),
    SigninAction.TWO_FACTOR_ON: _l("two-factor sign-in turned on"),
    SigninAction.TWO_FACTOR_OFF: _l("two-factor sign-in turned off"),
    "viewed": _l("viewed"),
    "exported": _l("exported"),
    "access_download": _l("all data downloaded (access request)"),
    "erased": _l("erased"),
    "anonymised": _l("anonymised (retention)"),
}
RETENTION_STEP_LABELS: dict[str, LazyString] = {
    "anonymise_family": _l("families anonymised"),
    "anonymise_volunteer": _l("volunteers anonymised"),
    "anonymise_student": _l("students anonymised"),
    "clear_mail_body": _l("texts of sent e-mail removed"),
    "delete_upload": _l("uploaded files deleted"),
    "thin_audit_detail": _l("audit details thinned"),
}
AUDIENCE_LABELS: dict[str, LazyString] = {
    "coordinator": _l("coordinators"),
    "organisation": _l("the partner organisation (own people only)"),
    "student": _l("the student themselves"),
}
ERASE_LABELS: dict[str, LazyString] = {
    "keep": _l("kept (needed for statistics)"),
    "code": _l("only the reason code kept"),
    "null": _l("removed"),
    "blank": _l("removed"),
    "empty": _l("removed"),
    "month": _l("coarsened to the month"),
    "false": _l("set to no"),
    "zero": _l("set to zero"),
    "any": _l("set to no wish"),
    "unknown": _l("set to unknown"),
    "placeholder": _l("replaced by a placeholder"),
    "scrub": _l("the person's values removed"),
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
        "SCENARIO_STATUS_LABELS": SCENARIO_STATUS_LABELS,
        "CHANGE_KIND_LABELS": CHANGE_KIND_LABELS,
        "TRIGGER_LABELS": TRIGGER_LABELS,
        "PROPOSAL_STATUS_LABELS": PROPOSAL_STATUS_LABELS,
        "PLACEMENT_PART_LABELS": PLACEMENT_PART_LABELS,
        "SESSION_FUNNEL_LABELS": SESSION_FUNNEL_LABELS,
        "ENTITY_LABELS": ENTITY_LABELS,
        "RETENTION_STEP_LABELS": RETENTION_STEP_LABELS,
        "AUDIENCE_LABELS": AUDIENCE_LABELS,
        "ERASE_LABELS": ERASE_LABELS,
        "ACTION_LABELS": ACTION_LABELS,
        "MAIL_STATUS_LABELS": MAIL_STATUS_LABELS,
        "RULE_LABELS": RULE_LABELS,
        "SCORE_PART_LABELS": SCORE_PART_LABELS,
        "GENDER_LABELS": GENDER_LABELS,
        "WISH_LABELS": WISH_LABELS,
    }
