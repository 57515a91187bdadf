"""Survey answers per call, in the queue store's SQLite file (`survey_calls`, `survey_answers`)."""

from __future__ import annotations

import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from voicebot.settings import Settings

SCHEMA = """
CREATE TABLE IF NOT EXISTS survey_calls (
    call_id TEXT PRIMARY KEY,
    tenant TEXT NOT NULL,
    phone TEXT NOT NULL,
    name TEXT NOT NULL,
    outcome TEXT NOT NULL,
    called_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS survey_answers (
    call_id TEXT NOT NULL REFERENCES survey_calls(call_id),
    question TEXT NOT NULL,
    answer TEXT,
    PRIMARY KEY (call_id, question)
);
CREATE INDEX IF NOT EXISTS survey_calls_tenant ON survey_calls(tenant);
CREATE TABLE IF NOT EXISTS survey_opt_out (
    tenant TEXT NOT NULL,
    phone TEXT NOT NULL,  -- digits only
    since TEXT NOT NULL,
    PRIMARY KEY (tenant, phone)
);
"""


@dataclass(frozen=True)
class SurveyCall:
    """One call of a call list and what the person answered (None: asked, no clear answer)."""

    call_id: str
    tenant: str
    phone: str
    name: str
    outcome: str  # resolved | declined | no_answer | hangup (not_dialled: never stored)
    called_at: str  # ISO 8601
    answers: Mapping[str, str | None]
    opted_out: bool = False  # asked never to be called again: the number is blocked


def phone_key(phone: str) -> str:
    """A number as the do-not-call list keeps it, digits only ("+49 170 1000001" -> "4917...")."""
    return "".join(c for c in phone if c.isdigit())


def survey_db_path(settings: Settings) -> Path:
    """The SQLite file the queue store uses (var/voicebot.db), also when queues live in Redis."""
    url = settings.queue_db
    if url.startswith("sqlite:///"):
        return Path(url.removeprefix("sqlite:///"))
    return settings.data_dir / "voicebot.db"


class SurveyStore:
    """Keeps survey calls and answers; one connection, WAL like the queue store."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._db = sqlite3.connect(path)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA busy_timeout=5000")
        self._db.executescript(SCHEMA)

    def save(self, call: SurveyCall) -> None:
        """Stores one call and its answers (a repeated call_id replaces the earlier one)."""
        with self._db:
            self._db.execute("DELETE FROM survey_answers WHERE call_id = ?", (call.call_id,))
            self._db.execute(
                "INSERT OR REPLACE INTO survey_calls VALUES (?, ?, ?, ?, ?, ?)",
                (call.call_id, call.tenant, call.phone, call.name, call.outcome, call.called_at),
            )
            self._db.executemany(
                "INSERT INTO survey_answers VALUES (?, ?, ?)",
                [(call.call_id, q, a) for q, a in call.answers.items()],
            )
            if call.opted_out and phone_key(call.phone):
                self._db.execute(
                    "INSERT OR IGNORE INTO survey_opt_out VALUES (?, ?, ?)",
                    (call.tenant, phone_key(call.phone), call.called_at),
                )

    def opted_out(self, tenant: str) -> set[str]:
        """The tenant's do-not-call list: numbers (digits only) never to be called again."""
        rows = self._db.execute("SELECT phone FROM survey_opt_out WHERE tenant = ?", (tenant,))
        return {phone for (phone,) in rows}

    def calls(self, tenant: str) -> list[SurveyCall]:
        """Every stored call of a tenant with its answers, oldest first."""
        rows = self._db.execute(
            "SELECT call_id, tenant, phone, name, outcome, called_at FROM survey_calls "
            "WHERE tenant = ? ORDER BY called_at, call_id",
            (tenant,),
        ).fetchall()
        answers: dict[str, dict[str, str | None]] = {row[0]: {} for row in rows}
        for call_id, question, answer in self._db.execute(
            "SELECT a.call_id, a.question, a.answer FROM survey_answers a "
            "JOIN survey_calls c USING (call_id) WHERE c.tenant = ?",
            (tenant,),
        ):
            answers[call_id][question] = answer
        return [SurveyCall(*row, answers=answers[row[0]]) for row in rows]

    def close(self) -> None:
        self._db.close()
