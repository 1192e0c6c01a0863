"""The notices job with a frozen clock across several days: one mail per event, none after the
answer, none for people who turned the kind off; the summary after a run; real SMTP delivery."""

from __future__ import annotations

import re
import socket
import threading
from collections import Counter
from datetime import datetime, timedelta

from aiosmtpd.controller import Controller
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from matching.models import MatchingRun, Notice, Offer, OutboxMail, Placement
from matching.notices.links import LinkTarget, NoticePage, read_link
from matching.notices.preferences import save_preferences
from matching.notices.settings import NoticeSettings
from matching.offers.answers import accept_offer
from matching.outbox.queue import MailSettings, send_pending
from matching.placement.answers import confirm_placement
from matching.vocab import (
    NoticeKind,
    OfferStatus,
    OutboxStatus,
    PlacementAnswer,
    RunStatus,
    RunTrigger,
)
from scheduler.jobs import TIMEZONE, WEEKLY_JOB_ID
from scheduler.notices_job import NOTICES_JOB_ID, notices_round
from scheduler.service import SchedulerService
from tests.browser.mail import Inbox
from tests.matching.notices.world import NOW, SECRET, TODAY, World, build, mails
from tests.scheduler.test_service import coordinator, service_factory  # noqa: F401
from tests.support import wait_until

SETTINGS = NoticeSettings(base_url="https://kansrijk.example")


def _days(engine: Engine, first: int, last: int) -> None:
    """Run the job once an hour from 07:05 to 21:05 (Utrecht) on each day, as the cron does."""
    for day in range(first, last + 1):
        for hour in range(7, 22, 7):
            local = datetime.combine(TODAY + timedelta(days=day), datetime.min.time())
            moment = local.replace(hour=hour, minute=5, tzinfo=TIMEZONE)
            notices_round(engine, secret_key=SECRET, settings=SETTINGS, now=moment)


def _notices(session: Session) -> Counter[tuple[str, int]]:
    """How many notices of each (kind, recipient) were mailed."""
    rows = session.exec(select(Notice.kind, Notice.recipient_id)).all()
    return Counter((kind, user_id) for kind, user_id in rows)


def _world(engine: Engine) -> World:
    with Session(engine, expire_on_commit=False) as session:
        return build(session)


def test_each_event_is_mailed_once_across_ten_days(engine: Engine) -> None:
    w = _world(engine)
    _days(engine, 0, 9)
    with Session(engine) as session:
        sent = _notices(session)
        assert sent == Counter(
            {
                (NoticeKind.VOG_EXPIRING, w.coordinator.id): 1,
                (NoticeKind.VOG_EXPIRING, w.anna.id): 1,
                (NoticeKind.OFFER_WAITING, w.anna.id): 1,
                (NoticeKind.PLACEMENT_ANSWER, w.sanne.id): 1,
                (NoticeKind.CHECK_IN_OVERDUE, w.partner_user.id): 1,
                (NoticeKind.TRAJECTORY_ENDING, w.partner_user.id): 1,
                # the placement starts on day 12; it lapsed unanswered on day 7, so no notice
            }
        )
        # The reminders fell due on the third day, not before.
        first = session.exec(
            select(Notice.created_at).where(Notice.kind == NoticeKind.OFFER_WAITING)
        ).one()
        assert first.date() == (NOW + timedelta(days=3)).date()
        assert len(mails(session, "anna@example.nl", "aanbod wacht")) == 1
        assert len(mails(session, "sanne@student.example.nl", "wacht op je antwoord")) == 1
        # Nobody answered within 7 days: both lapsed, by the same job.
        assert session.get(Offer, w.offer.id).status == OfferStatus.EXPIRED
        assert session.get(Placement, w.placement.id).answer == PlacementAnswer.EXPIRED


def test_no_reminder_after_the_answer(engine: Engine) -> None:
    w = _world(engine)
    _days(engine, 0, 1)
    with Session(engine, expire_on_commit=False) as session:
        anna = session.merge(w.anna)
        sanne = session.merge(w.sanne)
        accept_offer(session, offer_id=w.offer.id, user=anna, now=NOW + timedelta(days=2))
        confirm_placement(
            session,
            student_id=sanne.student_id,
            user=sanne,
            now=NOW + timedelta(days=2),
        )
        session.commit()
    _days(engine, 2, 13)
    with Session(engine) as session:
        sent = _notices(session)
        assert sent[NoticeKind.OFFER_WAITING, w.anna.id] == 0
        assert sent[NoticeKind.PLACEMENT_ANSWER, w.sanne.id] == 0
        # Confirmed, the placement starts on day 12: one notice in the week before, with the
        # link to the page where the calendar link is made.
        assert sent[NoticeKind.PLACEMENT_STARTING, w.sanne.id] == 1
        (starting,) = mails(session, "sanne@student.example.nl", "begint volgende week")
        assert "https://kansrijk.example/n/" in starting.body
        assert session.get(Offer, w.offer.id).status == OfferStatus.ACCEPTED


def test_nobody_gets_a_kind_they_turned_off(engine: Engine) -> None:
    w = _world(engine)
    with Session(engine, expire_on_commit=False) as session:
        amal = session.merge(w.partner_user)
        save_preferences(session, user=amal, language="en", wanted=[NoticeKind.TRAJECTORY_ENDING])
        anna = session.merge(w.anna)
        save_preferences(session, user=anna, language="nl", wanted=[])
        session.commit()
    _days(engine, 0, 9)
    with Session(engine) as session:
        sent = _notices(session)
        assert sent[NoticeKind.CHECK_IN_OVERDUE, w.partner_user.id] == 0
        assert sent[NoticeKind.TRAJECTORY_ENDING, w.partner_user.id] == 1
        assert sent[NoticeKind.OFFER_WAITING, w.anna.id] == 0
        assert sent[NoticeKind.VOG_EXPIRING, w.anna.id] == 0
        assert sent[NoticeKind.VOG_EXPIRING, w.coordinator.id] == 1  # Carla kept it on
        # Amal chose English: the one mail she got is in English.
        (ending,) = mails(session, "amal@alamal.nl", "")
        assert ending.subject == "Kansrijk Match: a trajectory ends soon"
        assert "family AA-0007" in ending.body and "Turn these reminders off" in ending.body


def test_the_weekly_summary_goes_once_after_a_successful_run(engine: Engine) -> None:
    w = _world(engine)
    _days(engine, 0, 0)
    with Session(engine) as session:
        assert mails(session, "carla@utrecht.nl", "samenvatting") == []
        finished = NOW + timedelta(hours=1)
        session.add(MatchingRun(as_of=TODAY, status=RunStatus.FAILED, finished_at=finished))
        session.add(  # a run started by hand (e.g. "fill now"): no summary
            MatchingRun(as_of=TODAY, status=RunStatus.SUCCEEDED, finished_at=finished)
        )
        session.add(
            MatchingRun(
                as_of=TODAY,
                trigger=RunTrigger.SCHEDULE,
                status=RunStatus.SUCCEEDED,
                finished_at=finished,
                proposals_made=12,
                stats={"families": 40, "covered": 31},
            )
        )
        session.commit()
    _days(engine, 0, 4)
    with Session(engine) as session:
        (summary,) = mails(session, "carla@utrecht.nl", "samenvatting")
        assert "12 nieuwe voorstellen, 31 van 40 gezinnen gedekt" in summary.body
        assert _notices(session)[NoticeKind.RUN_SUMMARY, w.coordinator.id] == 1


def test_the_mails_carry_no_address_and_no_situation(engine: Engine) -> None:
    _world(engine)
    _days(engine, 0, 9)
    with Session(engine) as session:
        bodies = " ".join(m.body for m in session.exec(select(OutboxMail)).all())
        notice_mails = session.exec(
            select(OutboxMail).where(col(OutboxMail.id).in_(select(Notice.mail_id)))
        ).all()
    assert notice_mails
    for mail in notice_mails:
        assert "3562" not in mail.body  # no postcode of anyone
    assert "Overvecht" in bodies  # the offer reminder names the district, not the address


def test_the_scheduler_runs_the_job_hourly_in_the_day(engine, tmp_path) -> None:
    service = SchedulerService(
        engine, str(tmp_path), "0 6 * * mon", secret_key=SECRET, notices=SETTINGS
    )
    service.start()
    try:
        job = service.scheduler.get_job(NOTICES_JOB_ID)
        assert job is not None and job.max_instances == 1 and job.coalesce
        late = datetime(2026, 12, 5, 21, 30, tzinfo=TIMEZONE)
        assert job.trigger.get_next_fire_time(None, late) == datetime(
            2026, 12, 6, 7, 5, tzinfo=TIMEZONE
        )
    finally:
        service.shutdown()
        with engine.begin() as conn:  # the job store's table is not one of ours
            conn.exec_driver_sql("DROP TABLE IF EXISTS apscheduler_jobs")


def test_without_a_key_to_sign_links_no_notices_job(service_factory) -> None:  # noqa: F811
    assert service_factory().scheduler.get_job(NOTICES_JOB_ID) is None


def test_a_notice_is_delivered_over_smtp_with_a_signed_link(engine: Engine) -> None:
    """The real outbox sends the job's mail to a real SMTP server (aiosmtpd)."""
    w = _world(engine)
    handler = Inbox()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        _days(engine, 0, 0)
        sent = send_pending(engine, MailSettings(host="127.0.0.1", port=port, timeout_s=5))
        assert sent >= 3  # the approval mails and today's notices
        vog = handler.wait_for("carla@utrecht.nl")
    finally:
        controller.stop()
    assert vog["Subject"] == "Kansrijk Match: VOG loopt binnenkort af"
    body = vog.get_content()
    assert "Anna de Wit: geldig tot 2026-12-31" in body
    token = re.search(r"https://kansrijk\.example/n/(\S+)", body)
    assert token is not None
    target = read_link(SECRET, token.group(1))
    assert target == LinkTarget(NoticePage.VOLUNTEER, target.record_id, w.coordinator.id)
    with Session(engine) as session:
        queued = select(OutboxMail).where(OutboxMail.status == OutboxStatus.QUEUED)
        assert session.exec(queued).all() == []


def test_the_summary_follows_the_weekly_job_at_once(engine, database_url, tmp_path, monkeypatch):
    """When the weekly job has run, a notices round runs straight away: the summary is out
    without waiting for the next hourly round."""
    monkeypatch.setenv("DATABASE_URL", database_url)  # what the stored weekly job reads
    coordinator(engine)
    service = SchedulerService(
        engine, str(tmp_path), "0 6 * * mon", secret_key=SECRET, notices=SETTINGS
    )
    service.start()
    try:
        service.scheduler.modify_job(WEEKLY_JOB_ID, next_run_time=datetime.now(TIMEZONE))

        def summary() -> OutboxMail | None:
            with Session(engine) as session:
                found = mails(session, "c@example.org", "samenvatting")
                return found[0] if found else None

        mail = wait_until(summary, what="the run summary mail", timeout=60)
        assert "Run 1 (peildatum" in mail.body
    finally:
        service.shutdown()
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE IF EXISTS apscheduler_jobs")


def test_two_rounds_at_the_same_moment_mail_each_event_once(engine: Engine) -> None:
    """Two schedulers (or a restart overlapping a round) tick at once: the unique key lets
    exactly one of them mail each event; neither fails."""
    _world(engine)
    moment = NOW + timedelta(days=3, hours=1)
    start = threading.Barrier(2)
    counts: list[int] = []
    errors: list[BaseException] = []

    def tick() -> None:
        start.wait()
        try:
            counts.append(notices_round(engine, secret_key=SECRET, settings=SETTINGS, now=moment))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=tick) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert errors == []
    with Session(engine) as session:
        notices = session.exec(select(Notice)).all()
        mailed = session.exec(
            select(OutboxMail).where(col(OutboxMail.id).in_(select(Notice.mail_id)))
        ).all()
    assert sum(counts) == len(notices) == 6  # every event of day 3, once
    assert len({(n.kind, n.event_key, n.recipient_id) for n in notices}) == len(notices)
    assert len(mailed) == len({n.mail_id for n in notices})
