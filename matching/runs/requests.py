"""Runs as the coordinator sees them: ask for one (never two at once), follow it, its history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any, cast

from sqlalchemy.orm import defer
from sqlmodel import Session, col, func, select

from matching.models import MatchingRun, User
from matching.models.common import require_id
from matching.paging import Page, clamp_page
from matching.runs.execution import RunRefused, request_run, take_run_lock
from matching.vocab import BUSY_RUN_STATUSES, FINISHED_RUN_STATUSES, RunTrigger


class RunBusy(RunRefused):
    """A run is already waiting or running; ``run_id`` says which."""

    def __init__(self, run_id: int) -> None:
        self.run_id = run_id
        super().__init__(f"run {run_id} is still waiting or running")


@dataclass(frozen=True)
class RunRow:
    """A run without its large statistics, and the name of who asked for it."""

    run: MatchingRun
    requested_by: str | None


def _light() -> Any:
    """The query option that leaves a run's statistics unread."""
    return defer(cast(Any, MatchingRun.stats))


def active_run(session: Session) -> MatchingRun | None:
    """The oldest run that is waiting or running, if any."""
    statement = (
        select(MatchingRun)
        .options(_light())
        .where(col(MatchingRun.status).in_(BUSY_RUN_STATUSES))
        .order_by(col(MatchingRun.id))
    )
    return session.exec(statement.limit(1)).first()


def last_finished_run(session: Session) -> MatchingRun | None:
    """The newest run that succeeded or failed."""
    statement = (
        select(MatchingRun)
        .options(_light())
        .where(col(MatchingRun.status).in_(FINISHED_RUN_STATUSES))
        .order_by(col(MatchingRun.id).desc())
    )
    return session.exec(statement.limit(1)).first()


def request_user_run(session: Session, *, user: User, as_of: date) -> MatchingRun:
    """Ask for a run on behalf of a user; refused (RunBusy) while another waits or runs.

    The run lock comes first, so two requests at the same moment are taken one after the
    other: the second waits for the first to commit, then sees its run and is refused."""
    take_run_lock(session, f"request by user {user.id}")
    busy = active_run(session)
    if busy is not None:
        raise RunBusy(require_id(busy))
    return request_run(session, trigger=RunTrigger.USER, as_of=as_of, requested_by_id=user.id)


def run_history(session: Session, *, page: int = 1, per_page: int = 25) -> Page:
    """Runs newest first, with who asked for them; statistics left unread."""
    total = int(session.exec(select(func.count()).select_from(MatchingRun)).one())
    page = clamp_page(page, total, per_page)
    statement = (
        select(MatchingRun, User.name)
        .options(_light())
        .outerjoin(User, col(User.id) == col(MatchingRun.requested_by_id))
        .order_by(col(MatchingRun.id).desc())
        .offset((page - 1) * per_page)
        .limit(per_page)
    )
    rows = [RunRow(run, name) for run, name in session.exec(statement).all()]
    return Page(rows, total, page, per_page)


def requester_name(session: Session, run: MatchingRun) -> str | None:
    """The name of the user who asked for the run, if a user did."""
    if run.requested_by_id is None:
        return None
    user = session.get(User, run.requested_by_id)
    return user.name if user is not None else None
