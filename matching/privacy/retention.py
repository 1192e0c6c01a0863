"""Retention that runs itself: the register's periods applied by a daily job.

A family is anonymised when its record is closed, nothing runs, and the later of its closing
day and its last trajectory's end lies more than the family period before today; a volunteer
likewise once inactive; a student once their period ended that long ago and no placement
runs. Sent mail loses its text and recipient, uploads are deleted, audit details lose their
personal keys; the events stay. ``plan`` says what a run would do (the dry run), ``apply``
does exactly that and stores a ``RetentionRun``.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func
from sqlmodel import Session, col, select

from matching.models import AuditEvent, Family, Match, OutboxMail, Placement, Student, Volunteer
from matching.models.common import require_id
from matching.models.retention import RetentionRun
from matching.privacy.codes import PersonKind, PrivacyAction, RetentionStep
from matching.privacy.erasure import Actor, erase_person
from matching.privacy.register import retention_days
from matching.tabular import uploads
from matching.vocab import FamilyStatus, MatchStatus, OutboxStatus, PlacementStatus, RunTrigger

ACTOR = Actor("retention")
# Audit detail keys that never hold personal data; every other key goes after the period.
AUDIT_KEEP_KEYS = frozenset({"fields", "source", "proposal_id", "broken_rule", "status", "count"})


@dataclass(frozen=True)
class RetentionSettings:
    """The periods in days (the register's defaults unless the environment sets them)."""

    family_days: int
    volunteer_days: int
    student_days: int
    outbox_days: int
    upload_days: int
    audit_days: int

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> RetentionSettings:
        """The periods from the register and the environment."""
        return cls(
            family_days=retention_days("family_after_end", environ),
            volunteer_days=retention_days("volunteer_after_end", environ),
            student_days=retention_days("student_after_period", environ),
            outbox_days=retention_days("outbox_sent", environ),
            upload_days=retention_days("upload", environ),
            audit_days=retention_days("audit_detail", environ),
        )


@dataclass(frozen=True, order=True)
class Step:
    """One thing a retention run does to one record or file (never personal data)."""

    step: RetentionStep
    target: str  # a record id, or an upload's file name

    def as_dict(self) -> dict[str, str]:
        """The step as stored in the run's row."""
        return {"step": str(self.step), "target": self.target}


def _last_end(session: Session, column: object) -> dict[int, date]:
    """The last trajectory end per family or volunteer."""
    statement = select(column, func.max(col(Match.ended_on))).group_by(column)  # type: ignore[call-overload]
    return {key: ended for key, ended in session.exec(statement).all() if ended is not None}


def _running(session: Session, column: object) -> set[int]:
    """Families or volunteers with a running trajectory."""
    statement = select(column).where(Match.status == MatchStatus.ACTIVE)  # type: ignore[call-overload]
    return set(session.exec(statement).all())


def _families(session: Session, cutoff: date) -> list[Step]:
    """Closed families whose record closed and whose last trajectory ended before the cutoff."""
    ends, running = _last_end(session, Match.family_id), _running(session, Match.family_id)
    rows = session.exec(
        select(Family).where(Family.status == FamilyStatus.CLOSED, col(Family.erased_at).is_(None))
    ).all()
    steps = []
    for family in rows:
        known = [d for d in (family.closed_on, ends.get(require_id(family))) if d]
        start = max(known) if known else family.registered_on
        if family.id not in running and start < cutoff:
            steps.append(Step(RetentionStep.ANONYMISE_FAMILY, str(family.id)))
    return steps


def _volunteers(session: Session, cutoff: date) -> list[Step]:
    """Inactive volunteers who stopped, and whose last trajectory ended, before the cutoff."""
    ends, running = _last_end(session, Match.volunteer_id), _running(session, Match.volunteer_id)
    rows = session.exec(
        select(Volunteer).where(
            col(Volunteer.active).is_(False), col(Volunteer.erased_at).is_(None)
        )
    ).all()
    steps = []
    for volunteer in rows:
        known = [d for d in (volunteer.closed_on, ends.get(require_id(volunteer))) if d]
        if known and volunteer.id not in running and max(known) < cutoff:
            steps.append(Step(RetentionStep.ANONYMISE_VOLUNTEER, str(volunteer.id)))
    return steps


def _students(session: Session, cutoff: date) -> list[Step]:
    """Students whose period ended before the cutoff and who have no running placement."""
    running = select(Placement.student_id).where(Placement.status == PlacementStatus.ACTIVE)
    rows = session.exec(
        select(Student.id).where(
            Student.period_end < cutoff,
            col(Student.erased_at).is_(None),
            col(Student.id).not_in(running),
        )
    ).all()
    return [Step(RetentionStep.ANONYMISE_STUDENT, str(student_id)) for student_id in rows]


def _mail(session: Session, cutoff: datetime) -> list[Step]:
    """Sent mail older than the period that still has its text."""
    rows = session.exec(
        select(OutboxMail.id).where(
            OutboxMail.status == OutboxStatus.SENT,
            col(OutboxMail.sent_at) < cutoff,
            OutboxMail.body != "",
        )
    ).all()
    return [Step(RetentionStep.CLEAR_MAIL_BODY, str(mail_id)) for mail_id in rows]


def _uploads(folder: Path | None, cutoff: datetime) -> list[Step]:
    """Uploaded files older than the period."""
    if folder is None:
        return []
    return [
        Step(RetentionStep.DELETE_UPLOAD, path.name)
        for path in uploads.expired(folder, cutoff.timestamp())
    ]


def _audit(session: Session, cutoff: datetime) -> list[Step]:
    """Audit events older than the period whose details hold more than the kept keys."""
    rows = session.exec(
        select(AuditEvent.id, AuditEvent.detail).where(col(AuditEvent.at) < cutoff)
    ).all()
    return [
        Step(RetentionStep.THIN_AUDIT_DETAIL, str(event_id))
        for event_id, detail in rows
        if set(detail or {}) - AUDIT_KEEP_KEYS
    ]


def plan(
    session: Session,
    *,
    today: date,
    now: datetime,
    settings: RetentionSettings,
    upload_dir: Path | None,
) -> list[Step]:
    """What a retention run on this day would do, in a fixed order."""
    steps = [
        *_families(session, today - timedelta(days=settings.family_days)),
        *_volunteers(session, today - timedelta(days=settings.volunteer_days)),
        *_students(session, today - timedelta(days=settings.student_days)),
        *_mail(session, now - timedelta(days=settings.outbox_days)),
        *_uploads(upload_dir, now - timedelta(days=settings.upload_days)),
        *_audit(session, now - timedelta(days=settings.audit_days)),
    ]
    return sorted(steps)


PERSON_STEPS = {
    RetentionStep.ANONYMISE_FAMILY: PersonKind.FAMILY,
    RetentionStep.ANONYMISE_VOLUNTEER: PersonKind.VOLUNTEER,
    RetentionStep.ANONYMISE_STUDENT: PersonKind.STUDENT,
}


def _do(session: Session, step: Step, today: date, now: datetime, folder: Path | None) -> None:
    """Carry out one step (uploads go by their own steps, so the dry run lists them all)."""
    if step.step in PERSON_STEPS:
        erase_person(
            session, kind=PERSON_STEPS[step.step], person_id=int(step.target), actor=ACTOR,
            today=today, now=now, upload_dir=None, action=PrivacyAction.ANONYMISED,
        )  # fmt: skip
    elif step.step is RetentionStep.CLEAR_MAIL_BODY:
        mail = session.get(OutboxMail, int(step.target))
        if mail is not None:
            mail.body, mail.recipient = "", ""
            session.add(mail)
    elif step.step is RetentionStep.DELETE_UPLOAD and folder is not None:
        (folder / Path(step.target).name).unlink(missing_ok=True)
    elif step.step is RetentionStep.THIN_AUDIT_DETAIL:
        event = session.get(AuditEvent, int(step.target))
        if event is not None:
            event.detail = {k: v for k, v in event.detail.items() if k in AUDIT_KEEP_KEYS}
            session.add(event)


def apply(
    session: Session,
    *,
    today: date,
    now: datetime,
    settings: RetentionSettings,
    upload_dir: Path | None,
    trigger: str = RunTrigger.SCHEDULE,
) -> RetentionRun:
    """Do what ``plan`` says, in the caller's transaction, and record the run."""
    started = time.monotonic()
    steps = plan(session, today=today, now=now, settings=settings, upload_dir=upload_dir)
    for step in steps:
        _do(session, step, today, now, upload_dir)
    run = RetentionRun(
        started_at=now,
        finished_at=now + timedelta(seconds=time.monotonic() - started),
        trigger=trigger,
        counts=dict(Counter(str(step.step) for step in steps)),
        actions=[step.as_dict() for step in steps],
    )
    session.add(run)
    session.flush()
    return run


def latest_runs(session: Session, limit: int = 10) -> list[RetentionRun]:
    """The most recent retention runs, newest first."""
    statement = select(RetentionRun).order_by(col(RetentionRun.id).desc()).limit(limit)
    return list(session.exec(statement).all())


def utc_now() -> datetime:
    """Now, aware, in UTC."""
    return datetime.now(UTC)


UPLOAD_DIR_ENV = "KANSRIJK_UPLOAD_DIR"


def upload_folder(instance_path: str, environ: Mapping[str, str] | None = None) -> Path:
    """Where uploads wait: ``KANSRIJK_UPLOAD_DIR``, else ``uploads`` in the instance folder."""
    configured = (os.environ if environ is None else environ).get(UPLOAD_DIR_ENV, "").strip()
    return Path(configured) if configured else Path(instance_path) / "uploads"
