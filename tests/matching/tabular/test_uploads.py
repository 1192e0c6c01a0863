"""Uploaded files: private to the service's user, gone after the import or after a day."""

from __future__ import annotations

import os
import time
from pathlib import Path

from matching.tabular import uploads


def test_files_are_private_whatever_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        token = uploads.keep(tmp_path / "up", b"name\nAmina\n", user_id=3, kind="families")
    finally:
        os.umask(old)
    (path,) = (tmp_path / "up").glob("*.csv")
    assert path.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "up").stat().st_mode & 0o777 == 0o700
    assert uploads.load(tmp_path / "up", token, user_id=3, kind="families") == b"name\nAmina\n"
    assert uploads.load(tmp_path / "up", token, user_id=4, kind="families") is None
    uploads.drop(tmp_path / "up", token, user_id=3, kind="families")
    assert list((tmp_path / "up").glob("*.csv")) == []


def test_files_older_than_a_day_are_removed(tmp_path: Path) -> None:
    old = uploads.keep(tmp_path, b"a", user_id=1, kind="volunteers")
    fresh = uploads.keep(tmp_path, b"b", user_id=1, kind="volunteers")
    (old_path,) = [p for p in tmp_path.glob("*.csv") if old in p.name]
    day_ago = time.time() - uploads.KEEP_SECONDS - 60
    os.utime(old_path, (day_ago, day_ago))
    assert uploads.remove_expired(tmp_path) == 1
    assert uploads.load(tmp_path, old, user_id=1, kind="volunteers") is None
    assert uploads.load(tmp_path, fresh, user_id=1, kind="volunteers") == b"b"
    assert uploads.remove_expired(tmp_path / "missing") == 0
