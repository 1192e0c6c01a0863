"""The domain's tables (and UserCreate, the fields to create a user), split by concern."""

from matching.models.api import ApiExternalReference, ApiIdempotency, ApiToken
from matching.models.audit import AuditEvent
from matching.models.family import Family
from matching.models.lease import RunLock
from matching.models.match import CheckIn, Match
from matching.models.notice import Notice
from matching.models.offer import Offer
from matching.models.organisation import Organisation
from matching.models.outbox import OutboxMail
from matching.models.placement import Placement
from matching.models.preschool import Group, Preschool
from matching.models.proposal import Proposal
from matching.models.retention import RetentionRun
from matching.models.run import MatchingRun
from matching.models.scenario import Scenario
from matching.models.schedule import ScheduleSetting
from matching.models.signin import (
    LoginThrottle,
    PasswordReset,
    RecoveryCode,
    TwoFactor,
    UserSession,
)
from matching.models.student import Student
from matching.models.user import User
from matching.models.volunteer import Volunteer

__all__ = [
    "ApiExternalReference",
    "ApiIdempotency",
    "ApiToken",
    "AuditEvent",
    "CheckIn",
    "Family",
    "Group",
    "LoginThrottle",
    "Match",
    "MatchingRun",
    "Notice",
    "Offer",
    "Organisation",
    "OutboxMail",
    "PasswordReset",
    "Placement",
    "Preschool",
    "Proposal",
    "RecoveryCode",
    "RetentionRun",
    "RunLock",
    "Scenario",
    "ScheduleSetting",
    "Student",
    "TwoFactor",
    "User",
    "UserSession",
    "Volunteer",
]
