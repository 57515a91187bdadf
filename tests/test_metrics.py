"""`/metrics` and structured logs: real calls (text level, real dialog and NLU) counted by
tenant, intent, handoff reason and error; requests and refusals counted; JSON log lines carry
the call id."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path

from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from voicebot.dialog.textcall import CallServices, keys, run_call, say
from voicebot.logs import configure_logging
from voicebot.server.metrics import CountingObserver, metrics_of
from voicebot.settings import Settings

ROOT = Path(__file__).resolve().parent.parent


def samples(text: str) -> dict[tuple[str, frozenset[tuple[str, str]]], float]:
    """Prometheus text -> {(sample name, labels): value}."""
    return {
        (s.name, frozenset(s.labels.items())): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def value(found: dict, name: str, **labels: str) -> float:
    return found.get((name, frozenset(labels.items())), 0.0)


async def test_calls_turns_intents_and_handoffs_by_reason_are_counted(
    tenants, tenant_nlu, tmp_path: Path
) -> None:
    from voicebot.server.app import create_app

    app = create_app(Settings(data_dir=tmp_path, intents_dir=ROOT / "intents"))
    services = CallServices(tenants, nlu_for=tenant_nlu)
    services.observer = CountingObserver(metrics_of(app))
    await run_call("nordwelle", [say("ich möchte mit einem mitarbeiter sprechen")], services)
    await run_call(
        "nordwelle",
        [keys("40817253#"), say("wie sind ihre öffnungszeiten"), say("nein danke")],
        services,
    )
    with TestClient(app) as client:
        client.get("/api/queues")  # no token: a 401 counted by route
        client.post("/api/session", content=b"x" * 100_000)  # refused at the door
        text = client.get("/metrics").text
    found = samples(text)
    assert (
        value(found, "voicebot_calls_total", tenant="nordwelle", channel="text", outcome="handoff")
        + value(found, "voicebot_calls_total", tenant="nordwelle", channel="wav", outcome="handoff")
        == 1
    )
    assert (
        value(
            found,
            "voicebot_handoffs_total",
            tenant="nordwelle",
            queue="allgemein",
            reason="agent_request",
        )
        == 1
    )
    assert (
        value(found, "voicebot_intents_total", tenant="nordwelle", intent="faq_oeffnungszeiten")
        >= 1
    )
    assert sum(v for (n, _), v in found.items() if n == "voicebot_turns_total") >= 3
    assert (
        value(
            found, "voicebot_http_requests_total", method="GET", route="/api/queues", status="401"
        )
        == 1
    )
    assert value(found, "voicebot_rejected_total", reason="body_too_large") == 1
    assert "voicebot_turn_latency_seconds_bucket" in text
    assert "40817253" not in text, "labels never carry a caller's number"


def test_log_lines_are_json_with_the_call_id_and_masked_personal_data() -> None:
    stream = io.StringIO()
    saved = logging.getLogger().handlers[:], logging.getLogger().level
    try:
        masker = configure_logging("INFO", "json", stream=stream)
        masker.add_names(["Petra Lindner"])
        log = logging.getLogger("voicebot.test")
        log.info("call web-1a2b3c4d: customer %s is %s", "40817253", "Petra Lindner")
        log.info("call web-1a2b3c4d: caller said %s", "vier null acht eins sieben zwei")
    finally:
        logging.getLogger().handlers[:], level = saved[0], saved[1]
        logging.getLogger().setLevel(level)
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [line["call_id"] for line in lines] == ["web-1a2b3c4d", "web-1a2b3c4d"]
    assert "40817253" not in lines[0]["message"] and "Lindner" not in lines[0]["message"]
    assert "P. L." in lines[0]["message"]
    assert "vier null acht" not in lines[1]["message"]
    assert {"ts", "level", "logger", "message"} <= set(lines[0])
