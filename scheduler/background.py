"""Starting the executor inside the development server, once per process."""

from __future__ import annotations

import os

from flask import Flask

from matching.db import ENGINE_KEY
from scheduler.executor import RunExecutor

EXECUTOR_KEY = "kansrijk.executor"


def start_in_background(app: Flask) -> RunExecutor:
    """Start (once) the executor thread for this app; not in the reloader's watcher process."""
    existing: RunExecutor | None = app.extensions.get(EXECUTOR_KEY)
    if existing is not None and existing.is_alive():
        return existing
    if app.debug and os.environ.get("WERKZEUG_RUN_MAIN") != "true":
        raise RuntimeError("start the executor in the reloader's child process, not its watcher")
    executor = RunExecutor(app.extensions[ENGINE_KEY])
    app.extensions[EXECUTOR_KEY] = executor
    executor.start()
    return executor
