"""The register of processing describes every column of every table, and nothing else."""

from __future__ import annotations

import pytest
from sqlmodel import SQLModel

import matching.models  # noqa: F401  (registers every table)
from matching.privacy.register import parse_register, register, retention_days


def _columns() -> dict[str, set[str]]:
    """Every table of the models and its columns."""
    return {t.name: {c.name for c in t.columns} for t in SQLModel.metadata.sorted_tables}


def test_every_column_of_every_table_is_in_the_register() -> None:
    """A model that gains a field the register does not describe fails here, naming it."""
    missing = [
        f"{table}.{column}"
        for table, columns in _columns().items()
        for column in sorted(columns - register().described(table))
    ]
    assert missing == [], f"describe these in matching/privacy/register.toml: {missing}"


def test_the_register_names_no_column_that_does_not_exist() -> None:
    """A stale entry (a field removed or renamed) fails too."""
    columns = _columns()
    stale = [
        f"{table}.{name}"
        for table in register().tables
        for name in register().described(table)
        if name not in columns.get(table, set())
    ]
    assert stale == []


def test_a_column_is_personal_or_not_never_both() -> None:
    """No column is described and listed as not personal at once."""
    both = [
        (table, sorted(set(fields) & register().not_personal[table]))
        for table, fields in register().fields.items()
        if set(fields) & register().not_personal[table]
    ]
    assert both == []


def test_a_new_model_field_is_caught() -> None:
    """The check above really sees a column the register lacks."""
    table = SQLModel.metadata.tables["family"]
    assert "favourite_colour" not in register().described(table.name)
    assert "reference" in register().described(table.name)


def test_every_personal_field_has_purpose_basis_audience_and_period() -> None:
    """Each entry is complete in both languages."""
    for entry in register().entries():
        assert entry.purpose["nl"] and entry.purpose["en"], entry
        assert entry.legal_basis in register().legal_bases
        assert entry.retention in register().periods


def test_special_category_data_of_families_is_marked() -> None:
    """Situation, due date and free-text notes are special-category data."""
    fields = register().fields
    assert fields["family"]["needs"].special
    assert fields["family"]["due_date"].special
    assert fields["check_in"]["note"].special


def test_retention_periods_come_from_the_environment_when_set() -> None:
    """A variable overrides the register's default; a bad value is refused naming it."""
    assert retention_days("family_after_end", {}) == register().periods["family_after_end"].days
    assert retention_days("family_after_end", {"KANSRIJK_RETAIN_FAMILY_DAYS": "30"}) == 30
    with pytest.raises(ValueError, match="KANSRIJK_RETAIN_FAMILY_DAYS"):
        retention_days("family_after_end", {"KANSRIJK_RETAIN_FAMILY_DAYS": "soon"})


def test_an_unknown_erase_mode_is_refused() -> None:
    """A typo in the register is an error when it is read, not a silent keep."""
    raw = {
        "legal_bases": {"b": {"nl": "x", "en": "x"}},
        "retention": {"p": {"days": 1, "nl": "x", "en": "x"}},
        "tables": {"t": {"nl": "x", "en": "x", "fields": {"f": {
            "nl": "x", "en": "x", "legal_basis": "b", "visible_to": [], "retention": "p",
            "erase": "shred"}}}},
    }  # fmt: skip
    with pytest.raises(ValueError, match=r"t\.f"):
        parse_register(raw)
