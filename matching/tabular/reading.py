"""Reading the CSV files people save from Excel: `;` or `,`, UTF-8 with or without BOM, cp1252.

Also the cell values Excel writes: Dutch dates (dd-mm-jjjj), decimal commas, ja/nee.
"""

from __future__ import annotations

import codecs
import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from matching.errors import DomainError, FieldProblem, FileProblem

DELIMITERS = (";", ",", "\t")
MAX_ROWS = 20_000
TRUE_WORDS = frozenset({"1", "ja", "j", "yes", "y", "true", "waar", "x"})
FALSE_WORDS = frozenset({"0", "nee", "n", "no", "false", "onwaar"})
DMY_RE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$")
ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


class UnreadableFile(DomainError):
    """The file as a whole cannot be read; ``code`` (a FileProblem) says why."""

    def __init__(self, code: FileProblem, **params: Any) -> None:
        super().__init__(code, **params)


class CellError(DomainError):
    """One cell's text is not a value of its column's type; ``code`` is a FieldProblem."""


@dataclass(frozen=True)
class CsvTable:
    """The header and the non-empty rows with the file line each starts on."""

    header: list[str]
    rows: list[tuple[int, list[str]]] = field(default_factory=list)
    delimiter: str = ";"
    encoding: str = "utf-8"


def decode(raw: bytes) -> tuple[str, str]:
    """The text and the encoding it was read in: BOMs first, then UTF-8, then cp1252."""
    if raw.startswith(codecs.BOM_UTF8):
        try:
            return raw[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            raise UnreadableFile(FileProblem.ENCODING) from None
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            raise UnreadableFile(FileProblem.ENCODING) from None
    if b"\x00" in raw:
        raise UnreadableFile(FileProblem.NOT_TEXT)
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise UnreadableFile(FileProblem.ENCODING)


def sniff_delimiter(first_line: str) -> str:
    """The separator used most in the header line (`;` when none is used)."""
    counts = {delimiter: first_line.count(delimiter) for delimiter in DELIMITERS}
    best = max(DELIMITERS, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ";"


def read_table(raw: bytes, max_rows: int = MAX_ROWS) -> CsvTable:
    """Decode and split the file; blank rows are skipped, every other row keeps its line."""
    if not raw.strip():
        raise UnreadableFile(FileProblem.EMPTY)
    text, encoding = decode(raw)
    if not text.strip():
        raise UnreadableFile(FileProblem.EMPTY)
    delimiter = sniff_delimiter(text.lstrip("\r\n").splitlines()[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header, rows = _read_rows(reader, max_rows)
    except csv.Error as exc:
        raise UnreadableFile(FileProblem.MALFORMED, line=reader.line_num, reason=str(exc)) from None
    return CsvTable([cell.strip() for cell in header], rows, delimiter, encoding)


def _read_rows(reader: Any, max_rows: int) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """The first non-blank row as header, then every non-blank row with its first line."""
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        if not any(cell.strip() for cell in cells):
            continue
        if header is None:
            header = cells
            continue
        if len(rows) >= max_rows:
            raise UnreadableFile(FileProblem.TOO_MANY_ROWS, limit=max_rows)
        rows.append((line, cells))
    if header is None:
        raise UnreadableFile(FileProblem.EMPTY)
    return header, rows


def parse_date(text: str) -> date:
    """dd-mm-jjjj (also with / or . and two-digit years) or jjjj-mm-dd."""
    value = text.strip()
    found = DMY_RE.match(value)
    if found:
        day, month, year = (int(part) for part in found.groups())
        year += 2000 if year < 100 else 0
    elif found := ISO_RE.match(value):
        year, month, day = (int(part) for part in found.groups())
    else:
        raise CellError(FieldProblem.NOT_A_DATE, "is not a date (use dd-mm-jjjj)")
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(FieldProblem.NOT_A_DATE, "is not a date (use dd-mm-jjjj)") from None


def parse_bool(text: str) -> bool:
    """ja/nee, yes/no, 1/0, true/false, waar/onwaar, x."""
    value = text.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise CellError(FieldProblem.NOT_YES_NO, "is not yes or no (use ja or nee)")


def parse_number(text: str) -> float:
    """A number with a decimal point or a Dutch decimal comma."""
    value = text.strip().replace(" ", "")
    if value.count(",") == 1 and "." not in value:
        value = value.replace(",", ".")
    try:
        return float(value)
    except ValueError:
        raise CellError(FieldProblem.NOT_A_NUMBER, "is not a number") from None


def parse_int(text: str) -> int:
    """A whole number (Excel may write it as 3,0)."""
    number = parse_number(text)
    if not number.is_integer():
        raise CellError(FieldProblem.NOT_A_WHOLE_NUMBER, "is not a whole number")
    return int(number)
