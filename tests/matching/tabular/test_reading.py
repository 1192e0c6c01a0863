"""Reading what Excel saves: separators, encodings, Dutch dates, decimal commas, ja/nee."""

from __future__ import annotations

import codecs
from datetime import date

import pytest

from matching.tabular.reading import (
    CellError,
    UnreadableFile,
    parse_bool,
    parse_date,
    parse_int,
    parse_number,
    read_table,
)


def test_semicolons_in_cp1252_with_a_blank_row_keep_file_lines() -> None:
    raw = "naam;talen\r\nJosé Müller;nl\r\n;;\r\n\r\nEéf;ar\r\n".encode("cp1252")
    table = read_table(raw)
    assert (table.delimiter, table.encoding) == (";", "cp1252")
    assert table.header == ["naam", "talen"]
    assert table.rows == [(2, ["José Müller", "nl"]), (5, ["Eéf", "ar"])]


def test_utf8_with_bom_and_commas() -> None:
    raw = codecs.BOM_UTF8 + b'name,languages\n"Ayaan, M.","nl, so"\n'
    table = read_table(raw)
    assert (table.delimiter, table.encoding) == (",", "utf-8-sig")
    assert table.rows == [(2, ["Ayaan, M.", "nl, so"])]


def test_utf16_as_excel_saves_unicode_text_with_tabs() -> None:
    table = read_table("name\tlanguages\r\nNoor\tar\r\n".encode("utf-16"))
    assert (table.delimiter, table.encoding, table.rows) == ("\t", "utf-16", [(2, ["Noor", "ar"])])


def test_a_quoted_cell_over_two_lines_counts_from_its_first_line() -> None:
    table = read_table(b'name;note\n"A";"two\nlines"\n"B";x\n')
    assert [line for line, _cells in table.rows] == [2, 4]


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"", "empty"),
        (b"  \r\n\r\n", "empty"),
        (codecs.BOM_UTF8, "empty"),
        (b"PK\x03\x04\x00\x00binary spreadsheet", "not_text"),
        (codecs.BOM_UTF8 + b"name\n\xff\xfe\xfa", "encoding"),
        (b"name;x\n\x81\x8d\x8f\x90\x9d", "encoding"),
    ],
)
def test_unreadable_files_say_why(raw: bytes, code: str) -> None:
    with pytest.raises(UnreadableFile) as caught:
        read_table(raw)
    assert caught.value.code == code


def test_too_many_rows_is_refused_as_a_whole() -> None:
    raw = b"name\n" + b"x\n" * 11
    with pytest.raises(UnreadableFile) as caught:
        read_table(raw, max_rows=10)
    assert (caught.value.code, caught.value.detail) == ("too_many_rows", {"limit": 10})
    assert len(read_table(raw, max_rows=11).rows) == 11


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("26-11-2026", date(2026, 11, 26)),
        ("1-2-2027", date(2027, 2, 1)),
        ("26/11/2026", date(2026, 11, 26)),
        ("26.11.26", date(2026, 11, 26)),
        ("2026-11-26", date(2026, 11, 26)),
    ],
)
def test_dates_as_people_type_them(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["31-02-2026", "11/26/2026", "morgen", "2026-13-01"])
def test_not_dates(text: str) -> None:
    with pytest.raises(CellError, match="not a date"):
        parse_date(text)


def test_numbers_booleans_and_whole_numbers() -> None:
    assert parse_number("7,5") == 7.5 and parse_number("7.5") == 7.5
    assert parse_int("3") == 3 and parse_int("3,0") == 3
    assert parse_bool("Ja") is True and parse_bool("nee") is False and parse_bool("x") is True
    for bad, reader in (("2,5", parse_int), ("veel", parse_number), ("misschien", parse_bool)):
        with pytest.raises(CellError):
            reader(bad)
