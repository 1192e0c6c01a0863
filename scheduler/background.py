"""Starting the executor and the scheduler: in the dev server, or as their own process."""

from __future__ import annotations

import logging
import os
import signal
import threading

from flask import Flask

from matching.db import ENGINE_KEY
from scheduler.executor import RunExecutor
from scheduler.service import SchedulerService

log = logging.getLogger(__name__)

EXECUTOR_KEY = "kansrijk.executor"
SCHEDULER_KEY = "kansrijk.scheduler"


def start_executor(app: Flask) -> RunExecutor:
    """Start (once) the thread that executes requested runs for this app."""
    existing: RunExecutor | None = app.extensions.get(EXECUTOR_KEY)
    if existing is not None and existing.is_alive():
        return existing
    executor = RunExecutor(app.extensions[ENGINE_KEY], mail=app.config["KANSRIJK_SETTINGS"].mail)
    app.extensions[EXECUTOR_KEY] = executor
    executor.start()
    return executor


def start_scheduler(app: Flask) -> SchedulerService:
    """Start (once) the weekly schedule for this app."""
    existing: SchedulerService | None = app.extensions.get(SCHEDULER_KEY)
    if existing is not None:
        return existing
    settings = app.config["KANSRIJK_SETTINGS"]
    service = SchedulerService(
        app.extensions[ENGINE_KEY],
        app.instance_path,
        settings.schedule,
        upload_dir=app.config.get("KANSRIJK_UPLOAD_DIR"),
        secret_key=settings.secret_key,
        notices=settings.notices,
    )
    app.extensions[SCHEDULER_KEY] = service
    service.start()
    return service


def start_in_background(app: Flask) -> RunExecutor:
    """Development: the executor, and outside tests the schedule, in this process's threads.

    Not in the reloader's watcher process, so the dev server starts them once.
    """
    if app.debug and os.environ.get("WERKZEUG_RUN_MAIN") != "true":
        raise RuntimeError("start the executor in the reloader's child process, not its watcher")
    executor = start_executor(app)
    if not app.testing:
        start_scheduler(app)
    return executor


def run_forever(app: Flask) -> None:
    """Production: the ``kansrijk scheduler`` process, until SIGTERM or SIGINT."""
    executor = start_executor(app)
    service = start_scheduler(app)
    done = threading.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda *_args: done.set())
    log.info("scheduler running; weekly job %s", service.default_cron)
    done.wait()
    service.shutdown()
    executor.stop()
    executor.join(60)
