"""`kansrijk retention --dry-run` prints exactly the steps the real run then takes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from matching.cli import retention_command
from matching.models import Family, RetentionRun
from tests.matching import stored as make


def test_dry_run_then_run(session: Session, engine: Engine, tmp_path: Path) -> None:
    org = make.organisation(session, "al-amal", "Stichting Al Amal", "partner")
    old = make.family(session, org, "AA-OLD", "overvecht", status="closed")
    old.closed_on = date(2020, 1, 31)
    make.family(session, org, "AA-NOW", "overvecht")
    session.commit()
    obj = {"engine": engine, "instance_path": str(tmp_path)}
    dry = CliRunner().invoke(retention_command, ["--dry-run"], obj=obj)
    assert dry.exit_code == 0, dry.output
    assert dry.output.splitlines() == [
        f"anonymise_family\t{old.id}",
        "1 steps (dry run: nothing changed)",
    ]
    assert session.exec(select(RetentionRun)).all() == []
    real = CliRunner().invoke(retention_command, [], obj=obj)
    assert real.exit_code == 0, real.output
    session.expire_all()
    run = session.exec(select(RetentionRun)).one()
    printed = [line.split("\t") for line in dry.output.splitlines()[:-1]]
    assert [[a["step"], a["target"]] for a in run.actions] == printed
    assert session.get(Family, old.id).erased_at is not None


def test_a_bad_period_in_the_environment_is_refused(engine, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KANSRIJK_RETAIN_OUTBOX_DAYS", "-3")
    obj = {"engine": engine, "instance_path": str(tmp_path)}
    result = CliRunner().invoke(retention_command, ["--dry-run"], obj=obj)
    assert result.exit_code == 1
    assert "KANSRIJK_RETAIN_OUTBOX_DAYS" in result.output
