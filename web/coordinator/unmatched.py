"""Who stays unmatched and why, the recruitment gap, and the group half-days without a student."""

from __future__ import annotations

from typing import Any

from flask import render_template
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from matching.buddies.rules import RULE_NAMES
from matching.paging import Page, slice_page
from matching.privacy.looked import record_export
from matching.reports.unmatched import (
    gap_csv,
    last_succeeded_run,
    open_sessions,
    sessions_csv,
    student_names,
    uncovered_families,
    uncovered_families_csv,
)
from matching.runs.stats import PlacementStats, RunStats, WaitingFamily, read_stats
from web.coordinator import bp
from web.coordinator.common import csv_response, page_arg
from web.coordinator.forms import ActionForm
from web.coordinator.recruitment import current_plan, step_sentence
from web.database import db_session
from web.drawing.curve import coverage_curve
from web.messages import unplaced_message
from web.portal.dates import today
from web.portal.labels import RULE_LABELS
from web.portal.users import acting_user

PER_PAGE = 50


def family_reason(row: WaitingFamily) -> str:
    """Why a family waits, in words: volunteers each rule left out, then those taken."""
    words = [
        f"{row.funnel[rule]} {RULE_LABELS.get(rule, rule)}"
        for rule in RULE_NAMES
        if row.funnel.get(rule)
    ]
    taken = row.eligible_taken
    if taken:
        words.append(_("%(count)s meet every rule but help more urgent families", count=taken))
    else:
        words.append(_("no volunteer meets every rule"))
    return "; ".join(words)


def _slice(rows: list[Any], param: str) -> Page:
    """One page of a list held in memory."""
    return slice_page(rows, page_arg(param), PER_PAGE)


@bp.route("/unmatched")
def unmatched() -> ResponseReturnValue:
    """The last run's waiting families with their funnels, the gap, and open half-days."""
    session = db_session()
    run = last_succeeded_run(session)
    stats = read_stats(run) if run is not None else RunStats()
    families = _slice(stats.uncovered, "page")
    placement = stats.placement or PlacementStats()
    unplaced = placement.unplaced
    _run, plan = current_plan(session)
    return render_template(
        "coordinator/unmatched.html",
        run=run,
        action_form=ActionForm(),
        families=Page(
            uncovered_families(session, families.rows),
            families.total,
            families.page,
            PER_PAGE,
        ),
        rules=RULE_NAMES,
        funnel_totals=stats.funnel_totals,
        gap=stats.recruitment_gap,
        plan=plan,
        curve=coverage_curve(plan.curve()) if plan is not None else None,
        sentence=step_sentence(plan) if plan is not None else None,
        placement=placement,
        unplaced=unplaced,
        student_names=student_names(session, [u.student_id for u in unplaced]),
        sessions=_slice(open_sessions(session), "sessions_page"),
        family_reason=family_reason,
        unplaced_message=unplaced_message,
    )


@bp.route("/unmatched/families.csv")
def unmatched_families_export() -> ResponseReturnValue:
    """The last run's waiting families, one rule per column, with the reason in words."""
    session = db_session()
    run = last_succeeded_run(session)
    rows = read_stats(run).uncovered if run is not None else []
    chunks = "".join(uncovered_families_csv(session, rows, family_reason))
    record_export(session, user=acting_user(), what="unmatched_families")
    session.commit()
    return csv_response([chunks], f"kansrijk-unmatched-families-{today().isoformat()}.csv")


@bp.route("/unmatched/gap.csv")
def gap_export() -> ResponseReturnValue:
    """The recruitment gap of the last run."""
    run = last_succeeded_run(db_session())
    rows = read_stats(run).recruitment_gap if run is not None else []
    return csv_response(gap_csv(rows), f"kansrijk-recruitment-gap-{today().isoformat()}.csv")


@bp.route("/unmatched/sessions.csv")
def sessions_export() -> ResponseReturnValue:
    """Group half-days still short of students, with the funnel of each."""
    chunks = sessions_csv(open_sessions(db_session()))
    return csv_response(chunks, f"kansrijk-open-half-days-{today().isoformat()}.csv")
