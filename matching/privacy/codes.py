"""The privacy sub-package's vocabularies: what can be erased, why not, what retention does."""

from __future__ import annotations

from enum import StrEnum


class PersonKind(StrEnum):
    """The kinds of person that access and erasure work on (the audit trail's entity names)."""

    FAMILY = "family"
    VOLUNTEER = "volunteer"
    STUDENT = "student"


class ErasureRefusal(StrEnum):
    """Why a person cannot be erased now."""

    NOT_FOUND = "not_found"
    ACTIVE_MATCH = "active_match"
    ACTIVE_PLACEMENT = "active_placement"


class PrivacyAction(StrEnum):
    """Audit actions of this sub-package."""

    VIEWED = "viewed"
    EXPORTED = "exported"
    ACCESS_DOWNLOAD = "access_download"
    ERASED = "erased"
    ANONYMISED = "anonymised"
    RETENTION_RUN = "retention_run"


class RetentionStep(StrEnum):
    """What one retention action does."""

    ANONYMISE_FAMILY = "anonymise_family"
    ANONYMISE_VOLUNTEER = "anonymise_volunteer"
    ANONYMISE_STUDENT = "anonymise_student"
    CLEAR_MAIL_BODY = "clear_mail_body"
    DELETE_UPLOAD = "delete_upload"
    THIN_AUDIT_DETAIL = "thin_audit_detail"


ERASED_WORD = "[gewist]"
