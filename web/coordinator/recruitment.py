"""The recruitment plan on the unmatched page and the dashboard, and its CSV for a campaign.

The plan is the one the last succeeded run made and stored with its figures
(matching/recruitment/stored.py): a page never solves anything to show it.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app, render_template
from flask.typing import ResponseReturnValue
from sqlmodel import Session

from matching.models import MatchingRun
from matching.privacy.looked import record_export
from matching.recruitment.export import plan_csv
from matching.recruitment.plan import Plan, RecruitStep
from matching.recruitment.stored import stored_plan
from matching.recruitment.students import StudentGains, student_gains
from matching.reports.unmatched import last_succeeded_run, student_names
from web.coordinator import bp
from web.coordinator.common import csv_response
from web.database import db_session
from web.labels import district_name
from web.messages import STUDENT_CHANGE_LABELS, recruiter_sentence
from web.portal.dates import today
from web.portal.users import acting_user

STUDENT_CACHE_KEY = "kansrijk.student_options"


def current_plan(session: Session) -> tuple[MatchingRun | None, Plan | None]:
    """The last succeeded run and the recruitment plan it made (None before a run)."""
    run = last_succeeded_run(session)
    if run is None:
        return None, None
    return run, stored_plan(run)


def step_sentence(plan: Plan) -> Callable[[RecruitStep], str]:
    """A function giving each step of this plan in a recruiter's words."""

    def sentence(step: RecruitStep) -> str:
        """The step's profile as a sentence in the user's language."""
        organisation = plan.organisations.get(step.profile.organisation_id, "")
        return recruiter_sentence(step.profile, organisation, district_name(step.profile.district))

    return sentence


@bp.route("/unmatched/plan.csv")
def plan_export() -> ResponseReturnValue:
    """The recruitment plan: one row per recruit, in the recruiter's words and as codes."""
    session = db_session()
    _run, plan = current_plan(session)
    if plan is None:
        plan = Plan(today(), {}, {}, (), 0, {})
    sentence = step_sentence(plan)
    chunks = "".join(plan_csv(plan, sentence))
    record_export(session, user=acting_user(), what="recruitment_plan")
    session.commit()
    return csv_response([chunks], f"kansrijk-recruitment-plan-{today().isoformat()}.csv")


def current_student_gains(session: Session) -> StudentGains | None:
    """The student options at the last succeeded run's as-of date (kept per run)."""
    run = last_succeeded_run(session)
    if run is None or run.id is None:
        return None
    cache: dict[int, StudentGains] = current_app.extensions.setdefault(STUDENT_CACHE_KEY, {})
    gains = cache.get(run.id)
    if gains is None:
        gains = student_gains(session, run.as_of, seed=run.seed)
        cache.clear()
        cache[run.id] = gains
    return gains


@bp.route("/unmatched/students")
def student_options() -> ResponseReturnValue:
    """Which one more student, or one more half-day of a student, fills most priority places."""
    session = db_session()
    gains = current_student_gains(session)
    ids = [o.student_id for o in gains.options if o.student_id] if gains else []
    return render_template(
        "coordinator/student_options.html",
        gains=gains,
        student_names=student_names(session, ids),
        change_label=lambda code: STUDENT_CHANGE_LABELS[code],
    )
