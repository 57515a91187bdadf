"""Customer numbers and names never reach the logs: real calls (real dialog and NLU) in which
callers key and say their customer numbers and names, with every log record scanned as the code
wrote it. The session-wide scan of all tests' logs is in tests/plugins/log_privacy.py."""

from __future__ import annotations

import csv
import logging

import pytest

from tests.plugins.log_privacy import SPEC_CUSTOMERS, customer_patterns
from voicebot.dialog.textcall import CallServices, keys, run_call, say


def customers() -> list[dict[str, str]]:
    if not SPEC_CUSTOMERS.exists():
        pytest.skip(f"customer list not found at {SPEC_CUSTOMERS}")
    with SPEC_CUSTOMERS.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def leaks(records: list[logging.LogRecord]) -> list[str]:
    patterns = customer_patterns()
    lines = [f"{r.name}: {r.getMessage()}" for r in records]
    return [f"{what} in {line}" for line in lines for what, p in patterns.items() if p.search(line)]


async def test_calls_with_customer_numbers_and_names_log_neither(
    tenants, tenant_nlu, caplog: pytest.LogCaptureFixture
) -> None:
    services = CallServices(tenants, nlu_for=tenant_nlu)
    caplog.set_level(logging.DEBUG)
    for row in customers()[:3]:
        number, name = row["customer_number"], row["name"]
        spaced = " ".join(number[i : i + 2] for i in range(0, 8, 2))
        await run_call(
            "nordwelle", [keys(f"{number}#"), say("was ist mit meiner rechnung")], services
        )
        await run_call(
            "nordwelle",
            [
                say(f"hier ist {name.lower()} meine kundennummer ist {spaced}"),
                say("ich will kündigen"),
                say("ja"),
            ],
            services,
        )
    assert len(caplog.records) > 10, "the calls logged their turns"
    assert not leaks(caplog.records), leaks(caplog.records)
