"""Keeping stdout clean while native solver code runs (HiGHS may print on it)."""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
import threading
from collections.abc import Callable, Iterator

_redirect_lock = threading.Lock()
_redirect_depth = 0
_saved_stdout = -1


@contextlib.contextmanager
def stdout_to_stderr() -> Iterator[None]:
    """Send what native code prints on stdout to stderr meanwhile: HiGHS 1.12 prints a debug
    line there in some solves, which would corrupt a solution printed on stdout. Nested and
    concurrent uses share one redirection."""
    global _redirect_depth, _saved_stdout
    with _redirect_lock:
        if _redirect_depth == 0:
            _saved_stdout = _point_stdout_at(2)
        _redirect_depth += 1
    try:
        yield
    finally:
        with _redirect_lock:
            _redirect_depth -= 1
            if _redirect_depth == 0:
                _give_stdout_back(_saved_stdout)
                _saved_stdout = -1


def native_banner_silenced(make: Callable[[], object]) -> None:
    """Call `make` with native stdout sent to /dev/null: HiGHS prints its banner there when
    its first solver object of the process is made, before any option can be set."""
    with _redirect_lock:
        quiet = os.open(os.devnull, os.O_WRONLY)
        saved = _point_stdout_at(quiet)
        try:
            make()
        finally:
            _give_stdout_back(saved)
            os.close(quiet)


def _point_stdout_at(fd: int) -> int:
    """Flush Python's stdout and point file descriptor 1 at `fd`: a copy of the old one to
    give back, or -1 when it could not be moved (then nothing changed)."""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:
        return -1
    try:
        os.dup2(fd, 1)
    except OSError:
        os.close(saved)
        return -1
    return saved


def _give_stdout_back(saved: int) -> None:
    """Flush what native code buffered and point file descriptor 1 back at `saved`."""
    if saved < 0:
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).fflush(None)
    os.dup2(saved, 1)
    os.close(saved)
