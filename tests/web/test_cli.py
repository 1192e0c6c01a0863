"""The ``kansrijk`` group: upgrade, seed and run the matching from the command line."""

from __future__ import annotations

from click.testing import CliRunner
from sqlmodel import Session, select

from matching.db import make_engine
from matching.models import MatchingRun, Proposal
from web.cli import main


def invoke(args, url):
    return CliRunner().invoke(main, args, env={"DATABASE_URL": url, "KANSRIJK_ENV": "development"})


def test_upgrade_seed_and_run_matching(empty_database_url):
    assert invoke(["db", "upgrade"], empty_database_url).exit_code == 0
    seeded = invoke(
        ["seed", "--size", "small", "--seed", "3", "--as-of", "2026-11-26"], empty_database_url
    )
    assert seeded.exit_code == 0, seeded.output
    assert "coordinator@kansrijk.demo" in seeded.output
    ran = invoke(["run-matching", "--as-of", "2026-11-26"], empty_database_url)
    assert ran.exit_code == 0, ran.output
    assert "OPTIMAL" in ran.output
    engine = make_engine(empty_database_url)
    with Session(engine) as session:
        run = session.exec(select(MatchingRun)).one()
        assert run.status == "succeeded"
        made = session.exec(select(Proposal).where(Proposal.run_id == run.id)).all()
        assert len(made) == run.proposals_made > 0
    engine.dispose()


def test_create_user_refuses_an_unknown_organisation(empty_database_url):
    assert invoke(["db", "upgrade"], empty_database_url).exit_code == 0
    result = CliRunner().invoke(
        main,
        [
            "create-user",
            "--email",
            "a@b.nl",
            "--name",
            "A",
            "--role",
            "coordinator",
            "--organisation",
            "nope",
            "--password",
            "long enough",
        ],
        env={"DATABASE_URL": empty_database_url},
    )
    assert result.exit_code != 0
    assert "organisation" in result.output
    assert "Traceback" not in result.output


def test_create_user_names_a_bad_field(empty_database_url):
    assert invoke(["db", "upgrade"], empty_database_url).exit_code == 0
    assert (
        invoke(["seed", "--size", "small", "--as-of", "2026-11-26"], empty_database_url).exit_code
        == 0
    )
    result = CliRunner().invoke(
        main,
        [
            "create-user",
            "--email",
            "not-an-email",
            "--name",
            "A",
            "--role",
            "coordinator",
            "--organisation",
            "gemeente-utrecht",
            "--password",
            "long enough",
        ],
        env={"DATABASE_URL": empty_database_url},
    )
    assert result.exit_code != 0
    assert "email" in result.output


def _create_user(url, password):
    args = ["create-user", "--email", "new@utrecht.example.nl", "--name", "N", "--role"]
    args += ["coordinator", "--organisation", "gemeente-utrecht", "--password", password]
    return CliRunner().invoke(main, args, env={"DATABASE_URL": url})


def test_create_user_refuses_a_weak_password_without_echoing_it(empty_database_url):
    """Issue 11: `12345678` was accepted, and a refused password was echoed in the error."""
    assert invoke(["db", "upgrade"], empty_database_url).exit_code == 0
    seeded = invoke(["seed", "--size", "small", "--as-of", "2026-11-26"], empty_database_url)
    assert seeded.exit_code == 0
    for weak, reason in [("kort1", "12"), ("12345678", "12"), ("qwerty123456", "most common")]:
        result = _create_user(empty_database_url, weak)
        assert result.exit_code != 0
        assert "password" in result.output and reason in result.output
        assert weak not in result.output
    created = _create_user(empty_database_url, "een-sterk-wachtwoord")
    assert created.exit_code == 0, created.output
    assert "een-sterk-wachtwoord" not in created.output
