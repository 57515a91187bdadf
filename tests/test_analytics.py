"""Analytics figures from a known set of calls match what a person counts by hand."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from tests.test_analytics_support import Call, six_calls
from voicebot.analytics.derive import record_from_events
from voicebot.analytics.figures import Period, figures, nearest_rank, parse_period
from voicebot.analytics.records import CallRecord
from voicebot.analytics.store import open_call_record_store
from voicebot.errors import UserError
from voicebot.settings import Settings

DAY = 86_400.0
NOW = 1_790_000_000.0  # a fixed "now" (2026-09-21): figures never depend on the wall clock


def recorded(events_per_call: list[list], tenant: object = None) -> list[CallRecord]:
    return [
        record_from_events(events, tenant=tenant, started_at=NOW - DAY + i * 60)
        for i, events in enumerate(events_per_call)
    ]


def test_figures_of_six_calls_match_the_hand_count():
    data = figures(recorded(six_calls()), "nordwelle", Period(NOW - 7 * DAY, NOW))
    assert data["calls"] == 6
    assert data["outcomes"] == {
        "handoff": 4, "resolved": 1, "hangup": 1, "declined": 0, "no_answer": 0,
    }  # fmt: skip
    assert data["containment_rate"] == pytest.approx(1 / 6, abs=1e-4)
    assert data["handoffs"] == 4
    assert data["handoffs_by_queue"] == {"stoerungsdienst": 2, "allgemein": 2}
    assert data["handoffs_by_reason"] == {
        "intent": 1, "agent_request": 1, "no_match": 1, "no_input": 0, "error": 1,
    }  # fmt: skip
    assert data["intent_mix"] == {
        "stoerung": 2, "(none)": 2, "faq_oeffnungszeiten": 1, "mitarbeiter": 1,
    }  # fmt: skip
    assert (data["questions"], data["reprompts"]) == (14, 5)
    assert data["reprompt_rate"] == pytest.approx(5 / 14, abs=1e-4)
    assert data["calls_with_reprompt"] == 2
    assert data["avg_call_s"] == pytest.approx(10.35)  # (11300+9700+20000+4500+13200+3400)/6
    # 11 timed turns: 200 200 200 300 400 500 500 500 600 800 900
    assert data["turn_latency_ms"] == {"p50": 500, "p95": 900, "turns": 11}
    assert data["errors"] == 1
    assert data["survey"] is None
    assert data["daily"] == [
        {"date": "2026-09-20", "calls": 6, "handoffs": 4, "resolved": 1},
    ]


def test_an_empty_period_has_no_rates_rather_than_zero_division():
    data = figures([], "nordwelle", Period(NOW - DAY, NOW))
    assert data["calls"] == 0 and data["containment_rate"] is None
    assert data["turn_latency_ms"] == {"p50": None, "p95": None, "turns": 0}
    assert data["handoffs_by_reason"]["no_input"] == 0


def test_nearest_rank_percentiles():
    assert nearest_rank([5, 1, 3, 2, 4], 0.5) == 3
    assert nearest_rank([5, 1, 3, 2, 4], 0.95) == 5
    assert nearest_rank([7], 0.95) == 7
    assert nearest_rank([], 0.5) is None


@pytest.mark.parametrize(
    ("since", "seconds"), [("7d", 7 * DAY), ("24h", DAY), ("90m", 5400), ("2w", 14 * DAY)]
)
def test_periods_are_spans_back_from_now(since, seconds):
    assert parse_period(since, now=NOW) == Period(NOW - seconds, NOW)


def test_a_period_can_start_at_a_date_and_a_bad_one_is_a_one_line_error():
    assert parse_period("2026-09-01", now=NOW).since == 1_788_220_800.0
    with pytest.raises(UserError, match=r"--since 'last week'.*7d"):
        parse_period("last week", now=NOW)


def test_the_store_returns_only_the_tenant_and_period_asked_for(tmp_path: Path):
    async def scenario() -> tuple[list[CallRecord], list[CallRecord]]:
        store = open_call_record_store(Settings(data_dir=tmp_path))
        try:
            for record in recorded(six_calls()):
                await store.add(record)
            old = record_from_events(
                Call("call-old").bot(0, "Hallo").hangup(100, "caller").events,
                started_at=NOW - 30 * DAY,
            )
            other = record_from_events(
                Call("call-other", tenant="sonnhof").bot(0, "Hallo").hangup(50).events,
                started_at=NOW - DAY,
            )
            await store.add(old)
            await store.add(other)
            week = await store.between("nordwelle", NOW - 7 * DAY, NOW)
            return week, await store.between("sonnhof", 0, NOW)
        finally:
            await store.aclose()

    week, sonnhof = asyncio.run(scenario())
    assert [r.call_id for r in week] == [f"call-{i}" for i in range(1, 7)]
    assert [r.call_id for r in sonnhof] == ["call-other"]


def test_voicebot_analytics_prints_the_figures_as_json(tmp_path: Path):
    settings = Settings(data_dir=tmp_path / "var")

    async def fill() -> None:
        store = open_call_record_store(settings)
        for i, record in enumerate(recorded(six_calls())):
            await store.add(replace(record, started_at=time.time() - 3600 + i))
        await store.aclose()

    asyncio.run(fill())
    env = {"VOICEBOT_DATA": str(settings.data_dir), "PATH": "/usr/bin:/bin"}
    cmd = [sys.executable, "-m", "voicebot.cli", "analytics", "--tenant", "nordwelle"]
    out = subprocess.run([*cmd, "--since", "7d", "--json"], env=env, capture_output=True,
                         text=True, check=True)  # fmt: skip
    data = json.loads(out.stdout)
    assert (data["calls"], data["handoffs"], data["reprompts"]) == (6, 4, 5)
    text = subprocess.run([*cmd, "--since", "24h"], env=env, capture_output=True, text=True)
    assert "containment rate    16.7%" in text.stdout
    bad = subprocess.run([*cmd, "--since", "soon"], env=env, capture_output=True, text=True)
    assert bad.returncode == 1 and bad.stderr.count("\n") == 1 and "--since 'soon'" in bad.stderr
    unknown = subprocess.run(
        [sys.executable, "-m", "voicebot.cli", "analytics", "--tenant", "nordwelt"],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert unknown.returncode == 1 and "unknown tenant 'nordwelt'" in unknown.stderr
