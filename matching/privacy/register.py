"""The register of processing (``register.toml``): what is kept, why, for whom, how long."""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from matching.environment import whole_number

ERASE_MODES = frozenset(
    {"keep", "code", "null", "blank", "empty", "month", "false", "zero", "any", "unknown",
     "placeholder", "scrub"}
)  # fmt: skip


@dataclass(frozen=True)
class FieldEntry:
    """One personal field: purpose, legal basis, who sees it, how long, what erasure does."""

    table: str
    name: str
    purpose: dict[str, str]
    legal_basis: str
    special: bool
    visible_to: tuple[str, ...]
    retention: str
    erase: str


@dataclass(frozen=True)
class Period:
    """A retention period: its default in days, the variable that changes it, its words."""

    code: str
    days: int
    env: str | None
    text: dict[str, str]


@dataclass(frozen=True)
class Register:
    """The whole register as read from the package."""

    tables: dict[str, dict[str, str]]
    fields: dict[str, dict[str, FieldEntry]]
    not_personal: dict[str, frozenset[str]]
    legal_bases: dict[str, dict[str, str]]
    periods: dict[str, Period]

    def described(self, table: str) -> frozenset[str]:
        """Every column of a table the register mentions (personal or not)."""
        return frozenset(self.fields.get(table, {})) | self.not_personal.get(table, frozenset())

    def entries(self) -> list[FieldEntry]:
        """Every personal field, table by table."""
        return [entry for table in self.fields.values() for entry in table.values()]


def _field(table: str, name: str, raw: Mapping[str, Any]) -> FieldEntry:
    """One field entry, checked for the keys every entry needs."""
    if raw["erase"] not in ERASE_MODES:
        raise ValueError(f"register: {table}.{name}: unknown erase mode {raw['erase']!r}")
    return FieldEntry(
        table=table,
        name=name,
        purpose={"nl": raw["nl"], "en": raw["en"]},
        legal_basis=raw["legal_basis"],
        special=bool(raw.get("special", False)),
        visible_to=tuple(raw["visible_to"]),
        retention=raw["retention"],
        erase=raw["erase"],
    )


def parse_register(raw: Mapping[str, Any]) -> Register:
    """The register from its parsed TOML; references to bases and periods are checked."""
    periods = {
        code: Period(code, int(p["days"]), p.get("env"), {"nl": p["nl"], "en": p["en"]})
        for code, p in raw["retention"].items()
    }
    fields: dict[str, dict[str, FieldEntry]] = {}
    for table, spec in raw["tables"].items():
        fields[table] = {n: _field(table, n, f) for n, f in spec.get("fields", {}).items()}
    register = Register(
        tables={t: {"nl": s["nl"], "en": s["en"]} for t, s in raw["tables"].items()},
        fields=fields,
        not_personal={t: frozenset(s.get("not_personal", [])) for t, s in raw["tables"].items()},
        legal_bases=dict(raw["legal_bases"]),
        periods=periods,
    )
    for entry in register.entries():
        if entry.legal_basis not in register.legal_bases or entry.retention not in periods:
            raise ValueError(f"register: {entry.table}.{entry.name}: unknown basis or period")
    return register


@cache
def register() -> Register:
    """The register shipped in the package (read once)."""
    text = resources.files("matching.privacy").joinpath("register.toml").read_text("utf-8")
    return parse_register(tomllib.loads(text))


def register_text() -> str:
    """The register file as shipped, for download."""
    return resources.files("matching.privacy").joinpath("register.toml").read_text("utf-8")


def retention_days(code: str, environ: Mapping[str, str] | None = None) -> int:
    """A period's length in days: its environment variable if set, else the register's."""
    period = register().periods[code]
    if not period.env:
        return period.days
    env = os.environ if environ is None else environ
    return whole_number(env, period.env, period.days, 1, 36500)
