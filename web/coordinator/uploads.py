"""The app's upload folder for CSV files between their check and their import
(``matching.tabular.uploads`` keeps, loads, drops and expires them)."""

from __future__ import annotations

from pathlib import Path

from flask import current_app

from matching.tabular import uploads as store

UPLOAD_DIR_KEY = "KANSRIJK_UPLOAD_DIR"
KEEP_SECONDS = store.KEEP_SECONDS


def upload_dir() -> Path:
    """Where checked files wait (the app's instance folder unless configured)."""
    configured = current_app.config.get(UPLOAD_DIR_KEY)
    folder = Path(configured) if configured else Path(current_app.instance_path) / "uploads"
    return store.ensure_folder(folder)


def keep(raw: bytes, *, user_id: int, kind: str) -> str:
    """Store the bytes (0600) and return their token; expired files are removed too."""
    store.remove_expired(upload_dir())
    return store.keep(upload_dir(), raw, user_id=user_id, kind=kind)


def load(token: str, *, user_id: int, kind: str) -> bytes | None:
    """The stored bytes of this user's token for this kind, or None."""
    return store.load(upload_dir(), token, user_id=user_id, kind=kind)


def drop(token: str, *, user_id: int, kind: str) -> None:
    """Remove a stored file."""
    store.drop(upload_dir(), token, user_id=user_id, kind=kind)
