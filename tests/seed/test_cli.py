"""``kansrijk seed``: one transaction, --if-empty, the accounts printed."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy.engine import Engine

from seed.cli import seed
from tests.seed.content import AS_OF, content, row_total

SMALL_ARGS = ["--size", "small", "--as-of", AS_OF.isoformat()]


def invoke(engine: Engine | None, *args: str) -> Result:
    """Run the command as the ``kansrijk`` group would, with the engine in ``ctx.obj``."""
    obj: dict[str, Any] = {} if engine is None else {"engine": engine}
    return CliRunner().invoke(seed, list(args), obj=obj)


def test_seeds_and_prints_counts_and_accounts(engine: Engine) -> None:
    result = invoke(engine, *SMALL_ARGS, "--seed", "3")
    assert result.exit_code == 0, result.output
    assert f"seeded small (seed 3, as of {AS_OF.isoformat()})" in result.output
    assert "coordinator  coordinator@kansrijk.demo  demo-coordinator" in result.output
    assert "organisation  alamal@kansrijk.demo  demo-al-amal" in result.output
    assert "student  student@kansrijk.demo  demo-student" in result.output
    assert "volunteer  maatje@kansrijk.demo  demo-volunteer" in result.output
    assert row_total(engine) > 0


def test_as_of_defaults_to_today(engine: Engine) -> None:
    result = invoke(engine, "--size", "small")
    assert result.exit_code == 0, result.output
    assert f"as of {date.today().isoformat()}" in result.output


def test_if_empty_leaves_a_seeded_database_unchanged(engine: Engine) -> None:
    assert invoke(engine, *SMALL_ARGS).exit_code == 0
    before = content(engine, skip_columns={})
    result = invoke(engine, *SMALL_ARGS, "--if-empty")
    assert result.exit_code == 0, result.output
    assert "nothing seeded" in result.output
    assert "coordinator  coordinator@kansrijk.demo  demo-coordinator" in result.output
    assert content(engine, skip_columns={}) == before


def test_refuses_a_seeded_database_without_if_empty(engine: Engine) -> None:
    assert invoke(engine, *SMALL_ARGS).exit_code == 0
    before = content(engine, skip_columns={})
    result = invoke(engine, *SMALL_ARGS)
    assert result.exit_code == 1
    assert "already has organisations" in result.output
    assert content(engine, skip_columns={}) == before


def test_a_failure_mid_seed_leaves_the_database_empty(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*_args: Any, **_kwargs: Any) -> None:
        raise RuntimeError("the disk is full")

    monkeypatch.setattr("seed.generate.seed_programme", fail)
    result = invoke(engine, *SMALL_ARGS)
    assert result.exit_code != 0
    assert isinstance(result.exception, RuntimeError)
    assert row_total(engine) == 0


def test_without_an_engine_it_says_what_is_missing() -> None:
    result = invoke(None, *SMALL_ARGS)
    assert result.exit_code == 2
    assert "no database engine" in result.output


def test_refuses_an_unknown_size(engine: Engine) -> None:
    result = invoke(engine, "--size", "huge")
    assert result.exit_code == 2
    assert row_total(engine) == 0


def test_production_refuses_demo_data(engine: Engine) -> None:
    result = CliRunner().invoke(seed, SMALL_ARGS, obj={"engine": engine, "env": "production"})
    assert result.exit_code == 1
    assert "not for production" in result.output
    assert row_total(engine) == 0
