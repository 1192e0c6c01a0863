"""The coordinator's dashboard: who waits, who is free, the runs, the map and the trend."""

from __future__ import annotations

from datetime import datetime

from flask import current_app, render_template
from flask.typing import ResponseReturnValue

from matching.decisions.review import open_counts
from matching.offers.fill import open_gaps
from matching.offers.funnel import funnel
from matching.placement.answers import placement_gaps
from matching.reports.coverage_history import CoveragePoint, coverage_series
from matching.reports.dashboard import district_table
from matching.reports.overview import (
    PRIORITIES,
    free_students,
    latest_coverage,
    mail_problems,
    waiting_by_priority,
)
from matching.runs.requests import active_run, last_finished_run
from matching.runs.schedule import current_schedule
from scheduler.jobs import TIMEZONE, weekly_trigger
from web.coordinator import bp
from web.coordinator.forms import ActionForm
from web.coordinator.loop import loop_urls
from web.coordinator.recruitment import current_plan, step_sentence
from web.database import db_session
from web.drawing.charts import line_chart
from web.drawing.svgmap import coverage_map
from web.portal.dates import today
from web.portal.labels import DECLINE_REASON_LABELS, PLACEMENT_ANSWER_LABELS

COVERAGE_CACHE_KEY = "kansrijk.coverage_figures"


def next_scheduled_run() -> datetime | None:
    """When the weekly run fires next (Europe/Amsterdam), or None while it is paused."""
    settings = current_app.config["KANSRIJK_SETTINGS"]
    schedule = current_schedule(db_session(), default_cron=settings.schedule)
    if schedule.paused:
        return None
    try:
        trigger = weekly_trigger(schedule.cron)
    except ValueError:
        return None
    found: datetime | None = trigger.get_next_fire_time(None, datetime.now(TIMEZONE))
    return found


def _coverage_cache() -> dict[int, CoveragePoint]:
    """This app's figures of succeeded runs, which never change once stored."""
    cache: dict[int, CoveragePoint] = current_app.extensions.setdefault(COVERAGE_CACHE_KEY, {})
    return cache


@bp.route("/")
def home() -> ResponseReturnValue:
    """Waiting families by priority and district, free people, runs, proposals, map, trend."""
    session = db_session()
    map_run, by_district = latest_coverage(session)
    _run, plan = current_plan(session)
    return render_template(
        "coordinator/home.html",
        table=district_table(session),
        priorities=waiting_by_priority(session, today()),
        levels=PRIORITIES,
        free_students=free_students(session),
        last_run=last_finished_run(session),
        busy=active_run(session),
        next_run=next_scheduled_run(),
        proposals=open_counts(session),
        district_map=coverage_map(by_district),
        map_run=map_run,
        chart=line_chart(coverage_series(session, known=_coverage_cache())),
        mail_problems=mail_problems(session),
        form=ActionForm(),
        plan=plan,
        sentence=step_sentence(plan) if plan is not None else None,
        placement_gaps=placement_gaps(session),
        answer_labels=PLACEMENT_ANSWER_LABELS,
        decline_labels=DECLINE_REASON_LABELS,
        funnel=funnel(session),
        gaps=open_gaps(session),
        **loop_urls(),
    )
