"""Retention with a frozen clock: just inside the period keeps, just outside anonymises; the
dry run lists exactly what the real run then does."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import Session, select

from matching.audit.trail import record_event
from matching.models import AuditEvent, Family, OutboxMail
from matching.privacy.codes import RetentionStep
from matching.privacy.retention import RetentionSettings, Step, apply, latest_runs, plan
from tests.matching import stored as make

TODAY = date(2029, 3, 1)
NOW = datetime(2029, 3, 1, 3, 30, tzinfo=UTC)
SETTINGS = RetentionSettings(
    family_days=730, volunteer_days=365, student_days=365, outbox_days=30, upload_days=1,
    audit_days=1095,
)  # fmt: skip


def _ended_family(session: Session, org: object, reference: str, ended: date) -> Family:
    """A closed family whose only trajectory ended on the day."""
    buddy = make.volunteer(session, org, f"Buddy {reference}", "overvecht")  # type: ignore[arg-type]
    family = make.family(session, org, reference, "overvecht", status="closed")  # type: ignore[arg-type]
    match = make.match(session, buddy, family, status="ended")
    match.ended_on, family.closed_on = ended, ended
    session.add_all([match, family])
    return family


@pytest.fixture
def world(session: Session, tmp_path: Path) -> dict[str, object]:
    """Two families either side of the period, mail, uploads and audit events either side."""
    org = make.organisation(session, "al-amal", "Stichting Al Amal", "partner")
    cutoff = TODAY - timedelta(days=SETTINGS.family_days)
    kept = _ended_family(session, org, "AA-KEEP", cutoff)
    gone = _ended_family(session, org, "AA-GONE", cutoff - timedelta(days=1))
    old_mail = OutboxMail(recipient="a@b.nl", subject="s", body="oud", status="sent",
                          sent_at=NOW - timedelta(days=31))  # fmt: skip
    new_mail = OutboxMail(recipient="a@b.nl", subject="s", body="nieuw", status="sent",
                          sent_at=NOW - timedelta(days=29))  # fmt: skip
    session.add_all([old_mail, new_mail])
    old_event = record_event(session, actor="user:1", entity="match", entity_id=98,
                             action="ended", detail={"reason": "other: notitie"})  # fmt: skip
    old_event.at = NOW - timedelta(days=1096)
    record_event(session, actor="user:1", entity="match", entity_id=99, action="ended",
                 detail={"reason": "other: recent"})  # fmt: skip
    session.commit()
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    for name, age in (("1-families-old.csv", 2), ("1-families-new.csv", 0.5)):
        (uploads / name).write_text("reference\nX\n")
        stamp = (NOW - timedelta(days=age)).timestamp()
        os.utime(uploads / name, (stamp, stamp))
    return {"kept": kept, "gone": gone, "old_mail": old_mail, "new_mail": new_mail,
            "old_event": old_event, "uploads": uploads}  # fmt: skip


def test_dry_run_lists_exactly_what_the_run_does(session: Session, world: dict) -> None:
    """Each step either side of its period, and the stored run equals the plan."""
    uploads: Path = world["uploads"]
    planned = plan(session, today=TODAY, now=NOW, settings=SETTINGS, upload_dir=uploads)
    assert planned == sorted([
        Step(RetentionStep.ANONYMISE_FAMILY, str(world["gone"].id)),
        Step(RetentionStep.CLEAR_MAIL_BODY, str(world["old_mail"].id)),
        Step(RetentionStep.DELETE_UPLOAD, "1-families-old.csv"),
        Step(RetentionStep.THIN_AUDIT_DETAIL, str(world["old_event"].id)),
    ])  # fmt: skip
    run = apply(session, today=TODAY, now=NOW, settings=SETTINGS, upload_dir=uploads)
    session.commit()
    assert [Step(RetentionStep(a["step"]), a["target"]) for a in run.actions] == planned
    assert latest_runs(session)[0].counts[RetentionStep.ANONYMISE_FAMILY] == 1
    assert plan(session, today=TODAY, now=NOW, settings=SETTINGS, upload_dir=uploads) == []


def test_the_family_just_inside_the_period_keeps_its_data(session: Session, world: dict) -> None:
    """Ended exactly the period ago: kept; a day longer ago: anonymised."""
    apply(session, today=TODAY, now=NOW, settings=SETTINGS, upload_dir=world["uploads"])
    session.commit()
    session.expire_all()
    kept, gone = session.get(Family, world["kept"].id), session.get(Family, world["gone"].id)
    assert kept is not None and kept.reference == "AA-KEEP" and kept.erased_at is None
    assert gone is not None and gone.reference != "AA-GONE" and gone.erased_at is not None
    assert gone.district == "overvecht"


def test_mail_uploads_and_audit_details_age_out(session: Session, world: dict) -> None:
    """Old sent mail loses its text, old uploads go, old audit details lose personal keys."""
    apply(session, today=TODAY, now=NOW, settings=SETTINGS, upload_dir=world["uploads"])
    session.commit()
    session.expire_all()
    assert session.get(OutboxMail, world["old_mail"].id).body == ""
    assert session.get(OutboxMail, world["new_mail"].id).body == "nieuw"
    assert [p.name for p in world["uploads"].iterdir()] == ["1-families-new.csv"]
    details = {e.entity_id: e.detail for e in session.exec(select(AuditEvent)).all()
               if e.entity == "match"}  # fmt: skip
    assert details == {98: {}, 99: {"reason": "other: recent"}}
