"""Runs from the UI: one at a time, progress while it works, the result and the history."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from flask import Flask
from flask.testing import FlaskClient
from sqlmodel import Session, select

from matching.errors import ProgressStep, progress_text
from matching.models import AuditEvent, MatchingRun, ScheduleSetting, User
from matching.runs.execution import mark_failed, request_run, take_lease
from matching.vocab import RunStatus
from scheduler.background import EXECUTOR_KEY
from scheduler.executor import execute_pending
from tests.support import wait_until
from tests.web.conftest import built_app
from tests.web.coordinator.conftest import config, engine_of
from tests.web.dataset import COORDINATOR, PASSWORD, World


def runs(app: Flask) -> list[MatchingRun]:
    with Session(engine_of(app)) as session:
        return list(session.exec(select(MatchingRun).order_by(MatchingRun.id)).all())


def test_one_run_at_a_time_then_its_result(coordinator: FlaskClient, app: Flask) -> None:
    first = coordinator.post("/coordinator/runs/")
    assert first.status_code == 302 and first.headers["Location"] == "/coordinator/runs/1"
    [run] = runs(app)
    with Session(engine_of(app)) as session:
        carla = session.exec(select(User).where(User.email == COORDINATOR.email)).one()
    assert (run.status, run.trigger, run.requested_by_id) == ("requested", "user", carla.id)
    page = coordinator.get("/coordinator/runs/1").text
    assert "Wacht op start" in page and 'data-status-url="/coordinator/runs/1/status"' in page
    assert "coordinator-run.js" in page and 'http-equiv="refresh"' in page
    assert coordinator.get("/coordinator/runs/1/status").json == {
        "id": 1, "status": "requested", "status_label": "Wacht op start", "progress": "",
        "done": False, "proposals_made": 0,
    }  # fmt: skip
    assert 'id="start-run" disabled' in coordinator.get("/coordinator/runs/").text
    second = coordinator.post("/coordinator/runs/", follow_redirects=True)
    assert "Er wacht of loopt al een ronde" in second.text
    assert len(runs(app)) == 1
    assert execute_pending(engine_of(app)) == [1]
    status = coordinator.get("/coordinator/runs/1/status").json
    assert status is not None and (status["status"], status["done"]) == ("succeeded", True)
    page = coordinator.get("/coordinator/runs/1").text
    assert 'id="run-result"' in page and "coordinator-run.js" not in page
    history = coordinator.get("/coordinator/runs/").text
    assert 'data-run="1"' in history and "Carla" in history and "OPTIMAL" in history
    assert 'id="start-run" disabled' not in history


def test_a_running_run_shows_its_progress_in_dutch(coordinator: FlaskClient, app: Flask) -> None:
    engine = engine_of(app)
    with Session(engine) as session:
        run = request_run(session, trigger="schedule", as_of=date(2026, 11, 26))
        session.commit()
        run_id = run.id or 0
    take_lease(engine, run_id)
    with Session(engine) as session:
        stored = session.get(MatchingRun, run_id)
        assert stored is not None
        stored.progress = progress_text(ProgressStep.SOLVING, 1234)
        session.add(stored)
        session.commit()
    status = coordinator.get(f"/coordinator/runs/{run_id}/status").json
    assert status is not None and status["progress"] == "Rekenen: 1234 mogelijke tweetallen"
    assert (
        coordinator.post("/coordinator/runs/").headers["Location"] == f"/coordinator/runs/{run_id}"
    )
    history = coordinator.get("/coordinator/runs/").text
    assert "Wekelijkse planning" in history and "Lopend" in history


def test_a_failed_run_says_why(coordinator: FlaskClient, app: Flask) -> None:
    engine = engine_of(app)
    with Session(engine) as session:
        run = request_run(session, trigger="cli", as_of=date(2026, 11, 26))
        session.commit()
        run_id = run.id or 0
    mark_failed(engine, run_id, RuntimeError("the placement solver answered UNKNOWN"))
    page = coordinator.get(f"/coordinator/runs/{run_id}").text
    assert "De ronde is mislukt; er is niets veranderd." in page
    assert "the placement solver answered UNKNOWN" in page
    assert "Mislukt" in coordinator.get("/coordinator/runs/").text
    assert coordinator.get("/coordinator/runs/987").status_code == 404


def test_the_executor_is_started_once_and_runs_the_request(
    database_url: str, world: World, tmp_path: Path
) -> None:
    with built_app(database_url, **config(tmp_path, KANSRIJK_EXECUTOR_AUTOSTART=True)) as app:
        client = app.test_client()
        client.post("/auth/login", data={"email": COORDINATOR.email, "password": PASSWORD})
        assert EXECUTOR_KEY not in app.extensions
        client.post("/coordinator/runs/")
        executor = app.extensions[EXECUTOR_KEY]
        try:
            wait_until(
                lambda: runs(app)[0].status == RunStatus.SUCCEEDED, what="the run to succeed"
            )
            client.post("/coordinator/runs/")
            assert app.extensions[EXECUTOR_KEY] is executor
        finally:
            executor.stop()
            executor.join(10)


def test_the_weekly_schedule_can_be_changed_and_paused(
    coordinator: FlaskClient, app: Flask
) -> None:
    page = coordinator.get("/coordinator/runs/").text
    assert 'value="0 6 * * mon"' in page and "Volgende geplande ronde" in page
    refused = coordinator.post("/coordinator/schedule", data={"cron": "elke maandag"})
    assert refused.status_code == 422 and "Geef vijf velden" in refused.text
    saved = coordinator.post("/coordinator/schedule", data={"cron": "30  7 * * tue", "paused": "y"})
    assert saved.status_code == 302
    with Session(engine_of(app)) as session:
        row = session.exec(select(ScheduleSetting)).one()
        assert (row.cron, row.paused) == ("30 7 * * tue", True)
        assert session.exec(select(AuditEvent).where(AuditEvent.entity == "schedule")).one()
    assert "gepauzeerd" in coordinator.get("/coordinator/").text
    assert "De wekelijkse ronde is gepauzeerd." in coordinator.get("/coordinator/runs/").text
