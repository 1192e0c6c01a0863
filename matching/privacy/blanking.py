"""Applying the register's erase modes to a row, and scrubbing values out of derived text."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import String, cast, or_
from sqlmodel import Session, SQLModel, col, select

from matching.models import AuditEvent, CheckIn, Match, OutboxMail, Placement, Proposal
from matching.models.api import ApiIdempotency
from matching.privacy.codes import ERASED_WORD
from matching.privacy.register import register
from matching.vocab import OutboxStatus

MIN_SCRUB_LENGTH = 3
# Free text of related rows is looked for elsewhere only when this long: a short phrase
# ("completed") also occurs in other people's rows, which must stay as they are.
MIN_FREE_TEXT_LENGTH = 20


def erased_value(mode: str, value: Any, row_id: int | None) -> Any:
    """The value a field holds after erasure under ``mode`` (see register.toml)."""
    if mode == "month" and isinstance(value, datetime):
        return value.replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    if mode == "month" and isinstance(value, date):
        return value.replace(day=1)
    fixed: dict[str, Any] = {
        "null": None, "blank": "", "empty": [], "false": False, "zero": 0, "any": "any",
        "unknown": "unknown",
    }  # fmt: skip
    if mode == "code":
        return None if value is None else str(value).partition(":")[0].strip()[:40]
    if mode in fixed:
        return fixed[mode]
    if mode == "placeholder":
        return f"erased-{row_id}@erased.invalid" if "@" in str(value) else f"gewist-{row_id}"
    return value  # keep, scrub, or a month of no date


def blank_row(row: SQLModel, table: str) -> list[str]:
    """Erase every personal field of the row as the register says; the text values it held."""
    held: list[str] = []
    for name, entry in register().fields.get(table, {}).items():
        value = getattr(row, name)
        if isinstance(value, str) and entry.erase not in ("keep", "code"):
            held.append(value)
        elif isinstance(value, str) and entry.erase == "code":
            held.append(value.partition(":")[2].strip())
        setattr(row, name, erased_value(entry.erase, value, getattr(row, "id", None)))
    return held


def scrub_values(values: Iterable[str]) -> list[str]:
    """The values worth looking for elsewhere: long enough to mean something, distinct, not a
    bare number (a four-digit postcode is also a run or mail number)."""
    return sorted(
        {v.strip() for v in values if len(v.strip()) >= MIN_SCRUB_LENGTH and not v.isdigit()}
    )


def free_text(values: Iterable[str]) -> list[str]:
    """Of a related row's text values, those long enough to look for elsewhere."""
    return [v for v in values if len(v.strip()) >= MIN_FREE_TEXT_LENGTH]


def _replace(value: Any, needles: list[str]) -> Any:
    """The value (text, or JSON of lists and dicts) with every needle replaced."""
    if isinstance(value, str):
        for needle in needles:
            value = value.replace(needle, ERASED_WORD)
        return value
    if isinstance(value, list):
        return [_replace(item, needles) for item in value]
    if isinstance(value, dict):
        return {key: _replace(item, needles) for key, item in value.items()}
    return value


# Derived text that may repeat a person's values: scrubbed wherever a value occurs.
SCRUBBED_COLUMNS: tuple[tuple[type[SQLModel], str], ...] = (
    (AuditEvent, "detail"),
    (OutboxMail, "recipient"),
    (OutboxMail, "subject"),
    (OutboxMail, "body"),
    (CheckIn, "note"),
    (Match, "end_note"),
    (Proposal, "reason"),
    (Placement, "end_note"),
    (ApiIdempotency, "body"),  # an API create's stored answer repeats the person's record
)


def scrub_text(session: Session, values: Iterable[str]) -> int:
    """Replace the values in every derived text column; a mail that held one loses its text."""
    needles = scrub_values(values)
    if not needles:
        return 0
    # JSON text escapes non-ASCII letters: look for both spellings, replace in the values.
    terms = sorted(set(needles) | {json.dumps(n)[1:-1] for n in needles})
    changed = 0
    for table, name in SCRUBBED_COLUMNS:
        column = cast(col(getattr(table, name)), String)
        found = or_(*(column.contains(term, autoescape=True) for term in terms))
        hits = session.exec(select(table).where(found))
        for row in hits.all():
            setattr(row, name, _replace(getattr(row, name), needles))
            if isinstance(row, OutboxMail):
                _silence(row)
            session.add(row)
            changed += 1
    return changed


def _silence(mail: OutboxMail) -> None:
    """A mail about an erased person keeps no text and is never sent."""
    mail.recipient, mail.subject, mail.body = "", ERASED_WORD, ""
    if mail.status == OutboxStatus.QUEUED:
        mail.status, mail.last_error = OutboxStatus.FAILED, "recipient or subject erased"


def remove_uploads(folder: Path | None, values: Iterable[str]) -> int:
    """Delete every waiting upload that holds one of the values; how many were deleted."""
    needles = scrub_values(values)
    if folder is None or not folder.is_dir() or not needles:
        return 0
    removed = 0
    for path in folder.glob("*.csv"):
        raw = path.read_bytes()
        if any(_holds(raw, needle) for needle in needles):
            path.unlink(missing_ok=True)
            removed += 1
    return removed


def _holds(raw: bytes, needle: str) -> bool:
    """Whether the file's bytes contain the needle in UTF-8 or cp1252 (Excel's encodings)."""
    for encoding in ("utf-8", "cp1252"):
        try:
            if needle.encode(encoding) in raw:
                return True
        except UnicodeEncodeError:
            continue
    return False
