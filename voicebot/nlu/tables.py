"""Tenant data tables (customers, outages, catalog) read from CSV, every bad row reported."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Mapping
from pathlib import Path
from types import MappingProxyType

from voicebot.nlu.source import Problem, display_path

Row = Mapping[str, str]
RowCheck = Callable[[dict[str, str]], str | None]


def _digits(column: str, length: int | None = None) -> RowCheck:
    def check(row: dict[str, str]) -> str | None:
        value = row.get(column, "")
        if not value.isdigit() or (length is not None and len(value) != length):
            size = f"{length} " if length else ""
            return f"{column} '{value}' must be {size}digits"
        return None

    return check


def _number(column: str) -> RowCheck:
    def check(row: dict[str, str]) -> str | None:
        if not re.fullmatch(r"-?\d+(\.\d+)?", row.get(column, "")):
            return f"{column} '{row.get(column, '')}' must be a number like 3.49"
        return None

    return check


def _yes_no(column: str) -> RowCheck:
    def check(row: dict[str, str]) -> str | None:
        if row.get(column) not in ("ja", "nein", "yes", "no"):
            return f"{column} '{row.get(column, '')}' must be ja or nein"
        return None

    return check


def _date(column: str) -> RowCheck:
    def check(row: dict[str, str]) -> str | None:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?)?", row.get(column, "")):
            return f"{column} '{row.get(column, '')}' must be a date like 2027-03-31"
        return None

    return check


# Required columns and per-row checks of each table kind.
TABLES: Mapping[str, tuple[tuple[str, ...], tuple[RowCheck, ...]]] = {
    "customers": (
        ("customer_number", "name", "postcode"),
        (_digits("customer_number"), _digits("postcode", 5)),
    ),
    "outages": (
        ("postcode", "service", "since", "expected_fix"),
        (_digits("postcode", 5), _date("since"), _date("expected_fix")),
    ),
    "catalog": (
        ("product_id", "name", "aliases"),
        (_number("price_eur"), _yes_no("vegan"), _yes_no("palm_oil")),
    ),
}


def read_table(path: Path, kind: str) -> tuple[tuple[Row, ...], list[Problem]]:
    """Rows of one CSV table as read-only mappings, and every problem with its line."""
    where = display_path(path)
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            lines = list(csv.reader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        return (), [Problem(where, 1, f"cannot read {kind} table: {exc}")]
    if not lines:
        return (), [Problem(where, 1, f"{kind} table is empty (needs a header row)")]
    header, required_checks = lines[0], TABLES[kind]
    required, checks = required_checks
    problems = [
        Problem(where, 1, f"missing column '{c}' in {kind} table")
        for c in required
        if c not in header
    ]
    rows: list[Row] = []
    for number, values in enumerate(lines[1:], start=2):
        if not any(v.strip() for v in values):
            continue
        if len(values) != len(header):
            problems.append(
                Problem(where, number, f"row has {len(values)} fields, header has {len(header)}")
            )
            continue
        row = dict(zip(header, values, strict=True))
        for check in checks:
            message = check(row)
            if message and _checked_column_present(message, header):
                problems.append(Problem(where, number, message))
        rows.append(MappingProxyType(row))
    return tuple(rows), problems


def _checked_column_present(message: str, header: list[str]) -> bool:
    """Checks on optional columns (price, vegan…) apply only when the column exists."""
    return message.split(" ", 1)[0] in header
