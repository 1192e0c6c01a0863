"""A mother with an ended trajectory, check-ins, a run, mail and an upload, ready to erase."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlalchemy import Boolean, Date, DateTime, Float, Integer, String, cast
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, col, select

from matching.models import Match, Volunteer
from matching.runs.execution import execute_run, request_run
from matching.trajectories.actions import add_check_in, end_trajectory
from tests.matching.partner_world import TODAY, Partner, partner, started

NOT_TEXT = (Boolean, Date, DateTime, Float, Integer)
NOTES = (
    "Moeder slaapt slecht, huisarts ingeschakeld voor somberheid",
    "Schuldhulpverlening gestart, gaat iets beter",
)
END_NOTE = "Verhuisd naar haar zus in Rotterdam vanwege de schulden"
POSTCODE = "3562 QZ"


@dataclass
class World:
    """The partner world, the mother's ended match and her personal values."""

    p: Partner
    match: Match
    values: tuple[str, ...]
    due_date: date
    uploads: Path


def build(session: Session, engine: Engine, tmp_path: Path) -> World:
    """Assign Fatima, note two check-ins, end it with a note, run the matching once."""
    p = partner(session)
    fatima = session.exec(select(Volunteer).where(Volunteer.name == "Fatima")).one()
    fatima.email = "fatima@example.nl"
    p.mother.postcode = POSTCODE
    session.add_all([fatima, p.mother])
    session.commit()
    match = started(session, p)
    for days, note in zip((3, 10), NOTES, strict=True):
        add_check_in(
            session, organisation_id=p.org.id, match_id=match.id, user=p.user,
            on=TODAY, note=note, today=TODAY + timedelta(days=days),
        )  # fmt: skip
    end_trajectory(
        session, organisation_id=p.org.id, match_id=match.id, user=p.user,
        on=TODAY + timedelta(days=20), reason="other", note=END_NOTE,
        today=TODAY + timedelta(days=20),
    )  # fmt: skip
    session.commit()
    run = request_run(session, trigger="cli", as_of=TODAY + timedelta(days=21))
    session.commit()
    execute_run(engine, run.id or 0, time_limit_s=10)
    uploads = tmp_path / "uploads"
    uploads.mkdir()
    (uploads / "1-families-tokenwithmother0000000.csv").write_text(
        f"reference;postcode\n{p.mother.reference};{POSTCODE}\n", encoding="cp1252"
    )
    (uploads / "1-families-tokenwithoutmother00000.csv").write_text("reference\nXX-1\n")
    values = (p.mother.reference, POSTCODE, *NOTES, END_NOTE)
    return World(p, match, values, p.mother.due_date or TODAY, uploads)


def text_hits(session: Session, value: str) -> list[str]:
    """Every table.column whose text (or JSON text) contains the value."""
    found = []
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            if isinstance(getattr(column.type, "impl", column.type), NOT_TEXT):
                continue
            text = cast(column, String)
            for needle in {value, value.encode("unicode_escape").decode()}:
                hit = select(col(column)).where(text.contains(needle, autoescape=True))
                if session.exec(hit).first() is not None:
                    found.append(f"{table.name}.{column.name}")
    return found
