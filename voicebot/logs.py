"""Structured logs: one JSON object per line with the call id, personal data masked.

Builds on `voicebot.privacy`: every message passes `PersonalDataFilter`, which masks digit
runs (customer and phone numbers), spoken number runs ("vier null acht eins …") and the names
of the tenants' customers once they are known (`protect_names`). Code should still mask at the
source (`mask_transcript`, `mask`); the filter is the second line of defence.

The call id comes from `CALL_ID` (a context variable a call's tasks inherit) or, failing
that, from the message itself ("call web-1a2b…: …", the habit of every call log line).
"""

from __future__ import annotations

import contextvars
import json
import logging
import re
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from voicebot.privacy import mask_digits

CALL_ID: contextvars.ContextVar[str | None] = contextvars.ContextVar("call_id", default=None)
_CALL_IN_MESSAGE = re.compile(r"\bcall ([A-Za-z0-9][A-Za-z0-9_.-]{3,}[A-Za-z0-9])")
LOG_FORMATS = ("json", "text")


def mask_spoken(text: str) -> str:
    """Digit runs and runs of 3+ spoken number words masked (see voicebot.analytics.masking)."""
    from voicebot.analytics.masking import mask_utterance

    return mask_utterance(text)


class PersonalDataFilter(logging.Filter):
    """Masks numbers, spoken numbers and known customer names in every record; adds call_id."""

    def __init__(self) -> None:
        super().__init__()
        self._names: re.Pattern[str] | None = None
        self._known: set[str] = set()

    def add_names(self, names: Iterable[str]) -> None:
        """Names to replace by their initials ('Petra Lindner' -> 'P. L.') from now on."""
        self._known |= {n.strip() for n in names if n and len(n.strip()) >= 3}
        if self._known:
            words = sorted(self._known, key=len, reverse=True)
            self._names = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)

    def mask(self, text: str) -> str:
        masked = mask_spoken(mask_digits(text))
        if self._names is not None:
            masked = self._names.sub(_initials, masked)
        return masked

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        masked = self.mask(message)
        if masked != message:
            record.msg, record.args = masked, None
        if getattr(record, "call_id", None) is None:
            found = _CALL_IN_MESSAGE.search(masked)
            record.call_id = CALL_ID.get() or (found.group(1) if found else None)
        return True


def _initials(match: re.Match[str]) -> str:
    return " ".join(f"{word[0]}." for word in match.group(0).split())


class JsonFormatter(logging.Formatter):
    """`{"ts", "level", "logger", "call_id", "message"[, "error"]}` per line."""

    def __init__(self, masker: PersonalDataFilter) -> None:
        super().__init__()
        self.masker = masker

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "call_id": getattr(record, "call_id", None),
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["error"] = self.masker.mask(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False)


def configure_logging(
    level: str = "INFO",
    log_format: str = "json",
    *,
    stream: TextIO | None = None,
    path: Path | None = None,
) -> PersonalDataFilter:
    """Sets the root logger's one handler (stderr, or a file) with masking; returns the filter."""
    if log_format not in LOG_FORMATS:
        raise ValueError(f"log format {log_format!r}: use one of {', '.join(LOG_FORMATS)}")
    masker = PersonalDataFilter()
    handler: logging.Handler = (
        logging.FileHandler(path, encoding="utf-8")
        if path
        else logging.StreamHandler(stream or sys.stderr)
    )
    if log_format == "json":
        handler.setFormatter(JsonFormatter(masker))
    else:
        text_format = "%(asctime)s %(levelname)s %(name)s [%(call_id)s] %(message)s"
        handler.setFormatter(logging.Formatter(text_format))
    handler.addFilter(masker)
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    return masker


def protect_names(names: Iterable[str]) -> None:
    """Adds customer names to the masking filter of every root handler configured here."""
    wanted = list(names)
    for handler in logging.getLogger().handlers:
        for found in handler.filters:
            if isinstance(found, PersonalDataFilter):
                found.add_names(wanted)


def customer_names(tenants: Iterable[object]) -> list[str]:
    """Every customer name in the tenants' data tables (column `name`)."""
    names: list[str] = []
    for tenant in tenants:
        for row in getattr(tenant, "customers", None) or []:
            name = row.get("name") if hasattr(row, "get") else None
            if name:
                names.append(str(name))
    return names
