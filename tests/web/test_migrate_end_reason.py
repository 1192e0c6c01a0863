"""Migration 0007: the one-column end reason is split into code and note, and back."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from alembic import command
from sqlalchemy import inspect

from matching.db import make_engine
from web.migrate import alembic_config, upgrade

MIGRATION = (
    Path(__file__).resolve().parents[2]
    / "migrations"
    / "versions"
    / "0007_structured_end_reason.py"
)


def _migration() -> ModuleType:
    spec = importlib.util.spec_from_file_location("migration_0007", MIGRATION)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_stored_reasons_split_into_code_and_note() -> None:
    """Known codes keep their note; free text becomes the note of 'other'; nothing is lost."""
    split = _migration().split_reason
    assert split("moved: Naar Amersfoort") == ("moved", "Naar Amersfoort")
    assert split("repaired: distance") == ("repaired", "distance")
    assert split("no_click") == ("no_click", None)
    assert split("moved away") == ("other", "moved away")
    assert split("note: with a colon") == ("other", "note: with a colon")
    assert split(None) == (None, None) and split("  ") == (None, None)


def test_joined_back_as_before() -> None:
    """The downgrade writes the old one-column form."""
    join = _migration().join_reason
    assert join("moved", "Naar Amersfoort") == "moved: Naar Amersfoort"
    assert join("no_click", None) == "no_click"
    assert join(None, None) is None


def test_down_and_up_again(empty_database_url: str) -> None:
    """0007 goes down to 0004 (end_reason back) and up again (end_code and end_note)."""
    upgrade(empty_database_url)
    command.downgrade(alembic_config(empty_database_url), "0004")
    engine = make_engine(empty_database_url)
    columns = {c["name"] for c in inspect(engine).get_columns("match")}
    assert "end_reason" in columns and "end_code" not in columns
    engine.dispose()
    upgrade(empty_database_url)
    engine = make_engine(empty_database_url)
    columns = {c["name"] for c in inspect(engine).get_columns("match")}
    proposal = {c["name"] for c in inspect(engine).get_columns("proposal")}
    engine.dispose()
    assert {"end_code", "end_note"} <= columns and "end_reason" not in columns
    assert "explanation" not in proposal
