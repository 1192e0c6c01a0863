"""Uploaded CSV files kept between their check and their import, under a random token.

Files of personal data: written readable by the service's user only (0600) in a folder only it
can enter (0700), bound to the user and kind they were uploaded for, removed after the import,
and after ``KEEP_SECONDS`` by the scheduler's hourly clean-up (``remove_expired``).
"""

from __future__ import annotations

import os
import re
import secrets
import time
from pathlib import Path

KEEP_SECONDS = 24 * 3600
TOKEN_RE = re.compile(r"^[A-Za-z0-9_-]{20,64}$")
FILE_MODE = 0o600
FOLDER_MODE = 0o700


def ensure_folder(folder: Path) -> Path:
    """The folder, made if missing, closed to other users."""
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(FOLDER_MODE)
    return folder


def _path(folder: Path, token: str, user_id: int, kind: str) -> Path | None:
    """The file of a token, or None when the token is not one of ours."""
    if not TOKEN_RE.match(token):
        return None
    return folder / f"{user_id}-{kind}-{token}.csv"


def keep(folder: Path, raw: bytes, *, user_id: int, kind: str) -> str:
    """Store the bytes (mode 0600, whatever the umask) and return their token."""
    token = secrets.token_urlsafe(24)
    path = _path(ensure_folder(folder), token, user_id, kind)
    if path is None:
        raise RuntimeError("generated an invalid upload token")
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(descriptor, "wb") as file:
        file.write(raw)
    return token


def load(folder: Path, token: str, *, user_id: int, kind: str) -> bytes | None:
    """The stored bytes of this user's token for this kind, or None."""
    path = _path(folder, token, user_id, kind)
    return path.read_bytes() if path is not None and path.is_file() else None


def drop(folder: Path, token: str, *, user_id: int, kind: str) -> None:
    """Remove a stored file."""
    path = _path(folder, token, user_id, kind)
    if path is not None:
        path.unlink(missing_ok=True)


def expired(folder: Path, before: float) -> list[Path]:
    """The stored files last written before ``before`` (a Unix time), oldest rule in one place."""
    if not folder.is_dir():
        return []
    return [path for path in folder.glob("*.csv") if path.stat().st_mtime < before]


def remove_expired(
    folder: Path, now: float | None = None, keep_seconds: float = KEEP_SECONDS
) -> int:
    """Remove files kept longer than ``keep_seconds`` (a day unless told); how many went."""
    old = expired(folder, (time.time() if now is None else now) - keep_seconds)
    for path in old:
        path.unlink(missing_ok=True)
    return len(old)
