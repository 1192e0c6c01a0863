"""Matching runs from the UI: ask for one, follow its progress, read the result and history."""

from __future__ import annotations

from flask import abort, current_app, flash, jsonify, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from matching.models import MatchingRun
from matching.runs.requests import (
    RunBusy,
    active_run,
    request_user_run,
    requester_name,
    run_history,
)
from matching.runs.schedule import current_schedule, save_schedule
from matching.vocab import BUSY_RUN_STATUSES, FINISHED_RUN_STATUSES
from scheduler.jobs import check_cron
from web.coordinator import bp
from web.coordinator.common import page_arg, wake_executor
from web.coordinator.dashboard import next_scheduled_run
from web.coordinator.forms import ActionForm, ScheduleForm
from web.coordinator.labels import RUN_STATUS_LABELS
from web.database import db_session
from web.messages import progress_message
from web.portal.dates import today
from web.portal.users import acting_user


def _runs_page(schedule_form: ScheduleForm | None = None, status: int = 200) -> ResponseReturnValue:
    """The run history, the button to start a run and the weekly schedule."""
    session = db_session()
    if schedule_form is None:
        settings = current_app.config["KANSRIJK_SETTINGS"]
        stored = current_schedule(session, default_cron=settings.schedule)
        schedule_form = ScheduleForm(formdata=None, cron=stored.cron, paused=stored.paused)
    return render_template(
        "coordinator/runs.html",
        page=run_history(session, page=page_arg()),
        busy=active_run(session),
        form=ActionForm(),
        schedule_form=schedule_form,
        next_run=next_scheduled_run(),
    ), status


@bp.route("/runs/")
def runs() -> ResponseReturnValue:
    """The run history, newest first, the button to start a run, the weekly schedule."""
    return _runs_page()


@bp.route("/schedule", methods=["POST"])
def schedule() -> ResponseReturnValue:
    """Change or pause the weekly run; the scheduler applies it within a minute."""
    form = ScheduleForm()
    if not form.validate_on_submit():
        return _runs_page(form, 422)
    try:
        cron = check_cron(form.cron.data or "")
    except ValueError:
        form.cron.errors = [*form.cron.errors, _("Give five fields, such as 0 6 * * mon.")]
        return _runs_page(form, 422)
    session = db_session()
    save_schedule(session, cron=cron, paused=form.paused.data, user=acting_user())
    session.commit()
    flash(_("Schedule saved: it applies within a minute."), "success")
    return redirect(url_for(".runs"))


@bp.route("/runs/", methods=["POST"])
def request_matching() -> ResponseReturnValue:
    """Ask for a run now; refused while another run waits or runs."""
    if not ActionForm().validate_on_submit():
        abort(400)
    session = db_session()
    try:
        run = request_user_run(session, user=acting_user(), as_of=today())
    except RunBusy as busy:
        session.rollback()
        flash(_("A run is already waiting or running; wait until it is done."), "error")
        return redirect(url_for(".run", run_id=busy.run_id))
    session.commit()
    wake_executor()
    flash(_("The run has started."), "success")
    return redirect(url_for(".run", run_id=run.id))


def _run(run_id: int) -> MatchingRun:
    """The run, or 404."""
    found = db_session().get(MatchingRun, run_id)
    if found is None:
        abort(404)
    return found


@bp.route("/runs/<id:run_id>")
def run(run_id: int) -> ResponseReturnValue:
    """One run: its progress while it works, its result when done."""
    found = _run(run_id)
    session = db_session()
    return render_template(
        "coordinator/run.html",
        run=found,
        busy=found.status in BUSY_RUN_STATUSES,
        requested_by=requester_name(session, found),
        progress=progress_message(found.progress),
    )


@bp.route("/runs/<id:run_id>/status")
def run_status(run_id: int) -> ResponseReturnValue:
    """A run's state as JSON, for the run page to poll."""
    found = _run(run_id)
    return jsonify(
        id=found.id,
        status=found.status,
        status_label=str(RUN_STATUS_LABELS.get(found.status, found.status)),
        progress=progress_message(found.progress),
        done=found.status in FINISHED_RUN_STATUSES,
        proposals_made=found.proposals_made,
    )
