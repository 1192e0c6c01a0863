"""What-if scenarios: the list, composing one (with the plan's top recruits in one click),
running it through the executor, and the side-by-side comparison with the base."""

from __future__ import annotations

from typing import Any

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _

from matching.errors import ScenarioRefused
from matching.models import Scenario
from matching.scenarios.compose import (
    add_change,
    create_scenario,
    remove_change,
    request_scenario,
    scenarios,
)
from matching.scenarios.recruits import recruit_change
from web.coordinator import bp
from web.coordinator.common import wake_executor
from web.coordinator.forms import ActionForm
from web.coordinator.recruitment import current_plan, step_sentence
from web.coordinator.scenario_view import compose_context, result_context
from web.database import db_session
from web.messages import scenario_error
from web.portal.users import acting_user

LIST_FIELDS = ("languages", "half_days")
TOP_RECRUITS = 3


def _csrf() -> None:
    """Refuse a post without a valid CSRF token."""
    if not ActionForm().validate_on_submit():
        abort(400)


def _scenario(scenario_id: int) -> Scenario:
    """The scenario, or 404."""
    found = db_session().get(Scenario, scenario_id)
    if found is None:
        abort(404)
    return found


@bp.route("/scenarios/")
def scenario_list() -> ResponseReturnValue:
    """Every scenario, newest first, and the form to start one."""
    return render_template(
        "coordinator/scenarios.html", scenarios=scenarios(db_session()), form=ActionForm()
    )


@bp.route("/scenarios/", methods=["POST"])
def scenario_create() -> ResponseReturnValue:
    """Start a scenario on the last succeeded run."""
    _csrf()
    session = db_session()
    try:
        scenario = create_scenario(session, name=request.form.get("name", ""), author=acting_user())
    except ScenarioRefused as refused:
        session.rollback()
        flash(scenario_error(refused), "error")
        return redirect(url_for(".scenario_list"))
    session.commit()
    return redirect(url_for(".scenario", scenario_id=scenario.id))


@bp.route("/scenarios/from-plan/<int:step>", methods=["POST"])
def scenario_from_plan(step: int) -> ResponseReturnValue:
    """A new scenario that adds the plan's recruit of this step (from the unmatched page)."""
    _csrf()
    session = db_session()
    _run, plan = current_plan(session)
    chosen = next((s for s in plan.steps if s.number == step), None) if plan else None
    if plan is None or chosen is None:
        abort(404)
    name = _("Recruit %(n)s: %(who)s", n=step, who=step_sentence(plan)(chosen))
    try:
        scenario = create_scenario(session, name=name, author=acting_user())
        add_change(session, scenario, recruit_change(chosen.profile))
    except ScenarioRefused as refused:
        session.rollback()
        flash(scenario_error(refused), "error")
        return redirect(url_for(".unmatched"))
    session.commit()
    return redirect(url_for(".scenario", scenario_id=scenario.id))


@bp.route("/scenarios/<id:scenario_id>")
def scenario(scenario_id: int) -> ResponseReturnValue:
    """Compose a scenario; while it runs, follow it; when done, compare it with the base."""
    return _scenario_page(_scenario(scenario_id))


def _scenario_page(found: Scenario, status: int = 200) -> ResponseReturnValue:
    """The scenario page (422 after a refused change)."""
    session = db_session()
    context: dict[str, Any] = compose_context(session, found, TOP_RECRUITS)
    context.update(result_context(session, found))
    session.commit()  # the family reads of the comparison are audited
    return render_template("coordinator/scenario.html", form=ActionForm(), **context), status


@bp.route("/scenarios/<id:scenario_id>/changes", methods=["POST"])
def scenario_add_change(scenario_id: int) -> ResponseReturnValue:
    """Add one change, checked; refused with the field that is wrong."""
    _csrf()
    found = _scenario(scenario_id)
    data: dict[str, Any] = {key: request.form.get(key) for key in request.form}
    for key in LIST_FIELDS:
        data[key] = request.form.getlist(key)
        if len(data[key]) == 1:  # one text field of codes separated by commas or spaces
            data[key] = data[key][0]
    return _changed(found, lambda session: add_change(session, found, data))


@bp.route("/scenarios/<id:scenario_id>/recruits/<int:step>", methods=["POST"])
def scenario_add_recruit(scenario_id: int, step: int) -> ResponseReturnValue:
    """Add the recruitment plan's recruit of this step (one click)."""
    _csrf()
    found = _scenario(scenario_id)
    _run, plan = current_plan(db_session())
    chosen = next((s for s in plan.steps if s.number == step), None) if plan else None
    if chosen is None:
        abort(404)
    return _changed(
        found, lambda session: add_change(session, found, recruit_change(chosen.profile))
    )


@bp.route("/scenarios/<id:scenario_id>/changes/<int:index>/delete", methods=["POST"])
def scenario_remove_change(scenario_id: int, index: int) -> ResponseReturnValue:
    """Drop one change."""
    _csrf()
    found = _scenario(scenario_id)
    return _changed(found, lambda session: remove_change(session, found, index))


@bp.route("/scenarios/<id:scenario_id>/run", methods=["POST"])
def scenario_run(scenario_id: int) -> ResponseReturnValue:
    """Ask the executor to run it (it waits while a run or another scenario runs)."""
    _csrf()
    found = _scenario(scenario_id)
    response = _changed(found, lambda session: request_scenario(session, found), "run")
    wake_executor()
    return response


def _changed(found: Scenario, action: Any, what: str = "change") -> ResponseReturnValue:
    """Do the action and commit; a refusal is shown on the page with its field."""
    session = db_session()
    try:
        action(session)
    except ScenarioRefused as refused:
        session.rollback()
        flash(scenario_error(refused), "error")
        return _scenario_page(_scenario(found.id or 0), 422)
    session.commit()
    if what == "run":
        flash(
            _("The scenario waits for the executor; this page shows its result when done."),
            "success",
        )
    return redirect(url_for(".scenario", scenario_id=found.id))
