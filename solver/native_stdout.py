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
            with contextlib.suppress(OSError, ValueError, AttributeError):
                sys.stdout.flush()
            try:
                _saved_stdout = os.dup(1)
                os.dup2(2, 1)
            except OSError:
                _saved_stdout = -1
        _redirect_depth += 1
    try:
        yield
    finally:
        with _redirect_lock:
            _redirect_depth -= 1
            if _redirect_depth == 0 and _saved_stdout >= 0:
                with contextlib.suppress(OSError, AttributeError):
                    ctypes.CDLL(None).fflush(None)
                os.dup2(_saved_stdout, 1)
                os.close(_saved_stdout)
                _saved_stdout = -1


def native_banner_silenced(make: Callable[[], object]) -> None:
    """Call `make` with native stdout sent to /dev/null: HiGHS prints its banner there when
    its first solver object of the process is made, before any option can be set."""
    with _redirect_lock:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            sys.stdout.flush()
        saved = os.dup(1)
        quiet = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(quiet, 1)
            make()
        finally:
            with contextlib.suppress(OSError, AttributeError):
                ctypes.CDLL(None).fflush(None)
            os.dup2(saved, 1)
            os.close(saved)
            os.close(quiet)
