"""Every log record of the test session goes to one file; at the end the file is scanned for
customer numbers and names from the nordwelle customer list (spec/customers-nordwelle.csv).
A leak fails the session and is listed in the summary (issue 11: privacy in logs)."""

from __future__ import annotations

import csv
import logging
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

SPEC_CUSTOMERS = Path(__file__).resolve().parents[3] / "shared" / "spec" / "customers-nordwelle.csv"


class RawRecordFile(logging.Handler):
    """Writes each record's message as code produced it (before any masking filter)."""

    def __init__(self, path: Path) -> None:
        super().__init__(logging.INFO)
        self.path = path
        self.stream = path.open("a", encoding="utf-8")
        self.finished = False

    def emit(self, record: logging.LogRecord) -> None:
        if self.finished:  # a server thread logging after the session ended and was scanned
            return
        if self.stream.closed:  # logging.config.dictConfig (uvicorn) closes every handler
            self.stream = self.path.open("a", encoding="utf-8")
        try:
            text = record.getMessage()
            if record.exc_info and record.exc_info[1] is not None:
                text += " | " + repr(record.exc_info[1])
            self.stream.write(f"{record.name}\t{text.replace(chr(10), ' ')}\n")
            self.stream.flush()
        except Exception:
            self.handleError(record)

    def finish(self) -> None:
        self.finished = True
        self.close()

    def close(self) -> None:
        self.stream.close()
        super().close()


def customer_patterns(path: Path = SPEC_CUSTOMERS) -> dict[str, re.Pattern[str]]:
    """What must never appear in a log: each customer number (also grouped) and full name."""
    patterns: dict[str, re.Pattern[str]] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            number = row["customer_number"]
            spaced = r"[\s\-./]?".join(number)
            patterns[f"number {number}"] = re.compile(rf"(?<!\d){spaced}(?!\d)")
            patterns[f"name {row['name']}"] = re.compile(re.escape(row["name"]), re.IGNORECASE)
    return patterns


def leaks_in(path: Path) -> list[str]:
    """'what: line' for each log line that shows a customer's number or name."""
    if not path.exists() or not SPEC_CUSTOMERS.exists():
        return []
    patterns = customer_patterns()
    found = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        for what, pattern in patterns.items():
            if pattern.search(line):
                found.append(f"{what}: {line[:300]}")
    return found


@pytest.fixture(scope="session", autouse=True)
def session_log_file(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The file all log records of this session go to (scanned at the end of the session)."""
    path = tmp_path_factory.getbasetemp() / "session-logs.txt"
    handler = RawRecordFile(path)
    root = logging.getLogger()
    saved_level = root.level
    root.addHandler(handler)
    root.setLevel(min(root.level or logging.WARNING, logging.INFO))
    yield path
    root.removeHandler(handler)
    root.setLevel(saved_level)
    handler.finish()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    path = Path(str(session.config._tmp_path_factory.getbasetemp())) / "session-logs.txt"  # type: ignore[attr-defined]
    leaks = leaks_in(path)
    session.config.stash[LEAKS] = leaks
    if leaks and exitstatus == 0:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


LEAKS = pytest.StashKey[list[str]]()


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:  # type: ignore[no-untyped-def]
    leaks = config.stash.get(LEAKS, [])
    if leaks:
        terminalreporter.section("personal data in logs", sep="=", red=True)
        for leak in leaks[:50]:
            terminalreporter.write_line(leak)
        terminalreporter.write_line(f"{len(leaks)} log line(s) show a customer number or name")
