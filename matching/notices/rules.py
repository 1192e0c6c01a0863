"""One named function per notice rule: given a session, ``now`` and the settings, what is due.

Each event has a stable key, so the tick mails it at most once per recipient; a new event
(a later check-in gone quiet again, a changed end date, a renewed VOG) has a new key.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, func, select

from matching import clock, reference
from matching.models import (
    CheckIn,
    Family,
    Match,
    MatchingRun,
    Offer,
    Placement,
    Preschool,
    Volunteer,
)
from matching.models.common import require_id
from matching.notices.due import Due
from matching.notices.links import NoticePage
from matching.notices.recipients import (
    coordinators,
    organisation_users,
    student_users,
    volunteer_users,
)
from matching.notices.settings import NoticeSettings
from matching.privacy.visible import not_erased
from matching.runs.stats import read_stats
from matching.vocab import (
    MatchStatus,
    NoticeKind,
    OfferStatus,
    PlacementAnswer,
    PlacementStatus,
    RunStatus,
    RunTrigger,
)

Rule = Callable[[Session, datetime, NoticeSettings], Iterator[Due]]
SUMMARY_WITHIN = timedelta(days=2)  # a run older than this gets no summary (e.g. at roll-out)


def vog_expiring(session: Session, now: datetime, settings: NoticeSettings) -> Iterator[Due]:
    """A volunteer's VOG ends within the weeks set: the coordinators are told (and the
    volunteer, where they have an account)."""
    today = clock.today(now)
    horizon = today + timedelta(weeks=settings.vog_weeks)
    volunteers = session.exec(
        select(Volunteer)
        .where(col(Volunteer.active), not_erased(Volunteer))
        .where(col(Volunteer.vog_valid_until) >= today, col(Volunteer.vog_valid_until) <= horizon)
        .order_by(col(Volunteer.id))
    ).all()
    staff = coordinators(session)
    accounts = volunteer_users(session)
    for volunteer in volunteers:
        until = volunteer.vog_valid_until.isoformat() if volunteer.vog_valid_until else ""
        key, vid = f"volunteer:{volunteer.id}:vog:{until}", require_id(volunteer)
        params = {"name": volunteer.name, "until": until}
        for user in staff:
            yield Due(NoticeKind.VOG_EXPIRING, key, user, NoticePage.VOLUNTEER, vid, params)
        own = accounts.get(vid)
        if own is not None:
            page = NoticePage.VOLUNTEER_PROFILE
            yield Due(NoticeKind.VOG_EXPIRING, key, own, page, vid, params)


def check_in_overdue(session: Session, now: datetime, settings: NoticeSettings) -> Iterator[Due]:
    """A running trajectory without a check-in for the weeks set (counted from its start when
    it has none): the organisation's users are told."""
    cutoff = clock.today(now) - timedelta(weeks=settings.check_in_weeks)
    last = (
        select(CheckIn.match_id, func.max(CheckIn.on).label("last_on"))
        .group_by(col(CheckIn.match_id))
        .subquery()
    )
    rows = session.exec(
        select(Match, last.c.last_on, col(Family.reference))
        .join(last, last.c.match_id == Match.id, isouter=True)
        .join(Family, col(Family.id) == Match.family_id)
        .where(Match.status == MatchStatus.ACTIVE)
        .order_by(col(Match.id))
    ).all()
    users = organisation_users(session)
    for match, last_on, family_ref in rows:
        since = last_on or match.start_date
        if since > cutoff:
            continue
        key = f"match:{match.id}:since:{since.isoformat()}"
        params = {"family": family_ref, "since": since.isoformat()}
        for user in users.get(match.organisation_id, []):
            mid = require_id(match)
            yield Due(NoticeKind.CHECK_IN_OVERDUE, key, user, NoticePage.TRAJECTORY, mid, params)


def trajectory_ending(session: Session, now: datetime, settings: NoticeSettings) -> Iterator[Due]:
    """A running trajectory's expected end lies within the weeks set: the organisation's users
    are told."""
    today = clock.today(now)
    horizon = today + timedelta(weeks=settings.end_weeks)
    rows = session.exec(
        select(Match, col(Family.reference))
        .join(Family, col(Family.id) == Match.family_id)
        .where(Match.status == MatchStatus.ACTIVE)
        .where(col(Match.expected_end) >= today, col(Match.expected_end) <= horizon)
        .order_by(col(Match.id))
    ).all()
    users = organisation_users(session)
    for match, family_ref in rows:
        end = match.expected_end.isoformat() if match.expected_end else ""
        key, params = f"match:{match.id}:end:{end}", {"family": family_ref, "end": end}
        for user in users.get(match.organisation_id, []):
            mid = require_id(match)
            yield Due(NoticeKind.TRAJECTORY_ENDING, key, user, NoticePage.TRAJECTORY, mid, params)


def placement_starting(session: Session, now: datetime, settings: NoticeSettings) -> Iterator[Due]:
    """A student's confirmed placement starts within the next seven days: the student is told,
    with the page where their calendar link is made."""
    today = clock.today(now)
    rows = session.exec(
        select(Placement, col(Preschool.name))
        .join(Preschool, col(Preschool.id) == Placement.preschool_id)
        .where(Placement.status == PlacementStatus.ACTIVE)
        .where(Placement.answer == PlacementAnswer.CONFIRMED)  # a pending one is reminded
        .where(col(Placement.period_start) > today)
        .where(col(Placement.period_start) <= today + timedelta(days=7))
        .order_by(col(Placement.id))
    ).all()
    users = student_users(session)
    for placement, school in rows:
        user = users.get(placement.student_id)
        if user is None:
            continue
        start = placement.period_start.isoformat()
        key, pid = f"placement:{placement.id}:start:{start}", require_id(placement)
        params = {"preschool": school, "start": start}
        yield Due(NoticeKind.PLACEMENT_STARTING, key, user, NoticePage.STUDENT_HOME, pid, params)


def placement_answer_waiting(
    session: Session, now: datetime, settings: NoticeSettings
) -> Iterator[Due]:
    """An approved placement still waits for the student's answer some days on: the student
    is reminded, with the date it expires. Nothing once they answered."""
    made_before = now - timedelta(days=settings.remind_after_days)
    rows = session.exec(
        select(Placement, col(Preschool.name))
        .join(Preschool, col(Preschool.id) == Placement.preschool_id)
        .where(Placement.status == PlacementStatus.ACTIVE)
        .where(Placement.answer == PlacementAnswer.PENDING)
        .where(col(Placement.created_at) <= made_before, col(Placement.answer_due) > now)
        .order_by(col(Placement.id))
    ).all()
    users = student_users(session)
    for placement, school in rows:
        user = users.get(placement.student_id)
        if user is None or placement.answer_due is None:
            continue
        due = clock.today(_aware(placement.answer_due))
        key, pid = f"placement:{placement.id}:answer", require_id(placement)
        params = {"preschool": school, "due": due.isoformat()}
        yield Due(NoticeKind.PLACEMENT_ANSWER, key, user, NoticePage.STUDENT_HOME, pid, params)


def offer_waiting(session: Session, now: datetime, settings: NoticeSettings) -> Iterator[Due]:
    """An offer is still open some days after it was made: the volunteer (with an account)
    is reminded, with the family's district and the date it lapses. Nothing once answered."""
    made_before = now - timedelta(days=settings.remind_after_days)
    rows = session.exec(
        select(Offer, col(Family.district))
        .join(Family, col(Family.id) == Offer.family_id)
        .where(Offer.status == OfferStatus.OPEN)
        .where(col(Offer.offered_at) <= made_before, col(Offer.expires_at) > now)
        .order_by(col(Offer.id))
    ).all()
    accounts = volunteer_users(session)
    for offer, district in rows:
        user = accounts.get(offer.volunteer_id)
        if user is None:
            continue
        lapses = clock.today(_aware(offer.expires_at)).isoformat()
        key, oid = f"offer:{offer.id}", require_id(offer)
        params = {"district": district_name(district), "due": lapses}
        yield Due(NoticeKind.OFFER_WAITING, key, user, NoticePage.OFFER, oid, params)


def run_summary(session: Session, now: datetime, settings: NoticeSettings) -> Iterator[Due]:
    """The weekly (scheduled) run succeeded: the coordinators get its summary once (only for a
    recent run; runs started by hand, such as a "fill now" repair, send none)."""
    run = session.exec(
        select(MatchingRun)
        .where(
            MatchingRun.status == RunStatus.SUCCEEDED, MatchingRun.trigger == RunTrigger.SCHEDULE
        )
        .order_by(col(MatchingRun.finished_at).desc(), col(MatchingRun.id).desc())
    ).first()
    if run is None or run.finished_at is None or _aware(run.finished_at) < now - SUMMARY_WITHIN:
        return
    stats = read_stats(run)
    placed = stats.placement.placed if stats.placement is not None else 0
    params = {
        "run": str(run.id),
        "as_of": run.as_of.isoformat(),
        "proposals": str(run.proposals_made),
        "covered": str(stats.covered),
        "families": str(stats.families),
        "placed": str(placed),
    }
    for user in coordinators(session):
        rid = require_id(run)
        yield Due(NoticeKind.RUN_SUMMARY, f"run:{run.id}", user, NoticePage.RUN, rid, params)


def district_name(code: str) -> str:
    """A district's name (the mail says where, never the address)."""
    found = reference.districts().get(code)
    return found.name if found is not None else code


def _aware(moment: datetime) -> datetime:
    """A timestamp read back from SQLite (naive) as UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


# Every rule, in the order the tick runs them.
RULES: tuple[Rule, ...] = (
    offer_waiting,
    vog_expiring,
    check_in_overdue,
    trajectory_ending,
    placement_starting,
    placement_answer_waiting,
    run_summary,
)
