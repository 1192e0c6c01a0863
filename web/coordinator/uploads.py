"""Uploaded files kept between their check and their import, under a random token.

A file is bound to the user and the kind it was uploaded for, and removed after the import
or after a day.
"""

from __future__ import annotations

import re
import secrets
import time
from pathlib import Path

from flask import current_app

UPLOAD_DIR_KEY = "KANSRIJK_UPLOAD_DIR"
KEEP_SECONDS = 24 * 3600
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")


def upload_dir() -> Path:
    """Where checked files wait (the app's instance folder unless configured)."""
    configured = current_app.config.get(UPLOAD_DIR_KEY)
    folder = Path(configured) if configured else Path(current_app.instance_path) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _path(token: str, user_id: int, kind: str) -> Path | None:
    """The file of a token, or None when the token is not one of ours."""
    if not TOKEN_RE.match(token):
        return None
    return upload_dir() / f"{user_id}-{kind}-{token}.csv"


def keep(raw: bytes, *, user_id: int, kind: str) -> str:
    """Store the bytes and return their token; files older than a day are removed."""
    _remove_old()
    token = secrets.token_urlsafe(24)
    path = _path(token, user_id, kind)
    if path is None:
        raise RuntimeError("generated an invalid upload token")
    path.write_bytes(raw)
    return token


def load(token: str, *, user_id: int, kind: str) -> bytes | None:
    """The stored bytes of this user's token for this kind, or None."""
    path = _path(token, user_id, kind)
    return path.read_bytes() if path is not None and path.is_file() else None


def drop(token: str, *, user_id: int, kind: str) -> None:
    """Remove a stored file."""
    path = _path(token, user_id, kind)
    if path is not None:
        path.unlink(missing_ok=True)


def _remove_old() -> None:
    """Remove files kept longer than a day."""
    limit = time.time() - KEEP_SECONDS
    for path in upload_dir().glob("*.csv"):
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
