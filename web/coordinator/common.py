"""Small helpers the coordinator's views share: arguments, CSV answers, the executor."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from urllib.parse import quote

from flask import Response, current_app, request

from scheduler.background import EXECUTOR_KEY, start_in_background
from scheduler.executor import RunExecutor

log = logging.getLogger(__name__)

AUTOSTART_KEY = "KANSRIJK_EXECUTOR_AUTOSTART"


def int_arg(name: str, default: int | None = None) -> int | None:
    """A whole-number query argument, or the default when missing or not a number."""
    text = request.args.get(name, "").strip()
    if not text.lstrip("-").isdigit() or len(text) > 9:
        return default
    return int(text)


def page_arg(name: str = "page") -> int:
    """The page number asked for (1 when missing or wrong)."""
    return max(1, int_arg(name, 1) or 1)


def filter_args(keys: tuple[str, ...]) -> dict[str, str]:
    """The list's filters from the query string, to carry into its links (known keys only)."""
    return {key: request.args[key][:100] for key in keys if request.args.get(key)}


def csv_response(chunks: Iterable[str], filename: str) -> Response:
    """A CSV download (UTF-8; the chunks start with a BOM), written whole while the request's
    session is open: a streamed body would outlive it."""
    body = "".join(chunks).encode("utf-8")
    response = Response(body, mimetype="text/csv")
    response.headers["Content-Type"] = "text/csv; charset=utf-8"
    response.headers["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def wake_executor() -> RunExecutor | None:
    """Wake the executor (starting it once if the app allows), so runs and mail go now."""
    executor: RunExecutor | None = current_app.extensions.get(EXECUTOR_KEY)
    if executor is None or not executor.is_alive():
        if not current_app.config.get(AUTOSTART_KEY, True):
            return None
        try:
            executor = start_in_background(current_app._get_current_object())  # type: ignore[attr-defined]
        except RuntimeError as exc:  # the reloader's watcher process: its child runs it
            log.info("executor not started here: %s", exc)
            return None
    executor.wake()
    return executor
