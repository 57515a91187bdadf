"""The handoff context: shipped schema, validation naming the failing field, known versions."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.plugins.servers import make_context
from voicebot.handoff.context import ContextError, load_schema, summary_line, validate_context
from voicebot.handoff.tenant_queues import display_name, load_tenant_queues

ROOT = Path(__file__).resolve().parent.parent


def test_the_package_ships_the_same_schema_as_the_spec(spec_dir: Path) -> None:
    spec = json.loads((spec_dir / "handoff.schema.json").read_text("utf-8"))
    assert load_schema("voicebot.handoff/1") == spec


def test_a_complete_context_is_valid() -> None:
    validate_context(make_context("call-0001"))
    validate_context(make_context("call-0001", intent=None, customer=None, caller=None))


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"summary": ""}, "context.summary"),
        ({"priority": "urgent"}, "context.priority"),
        ({"language": "fr"}, "context.language"),
        ({"customer": {"number": "40817253"}}, "context.customer.verified"),
        ({"intent": {"id": "stoerung", "confidence": 1.5}}, "context.intent.confidence"),
        ({"slots": {"customer_number": ["4", "0"]}}, "context.slots.customer_number"),
        (
            {"transcript": [{"role": "agent", "text": "hallo", "at": "x"}]},
            "context.transcript[0].role",
        ),
        ({"started_at": 5}, "context.started_at"),
    ],
)
def test_an_invalid_context_names_the_failing_field(change: dict[str, object], field: str) -> None:
    with pytest.raises(ContextError, match="^" + re.escape(field) + ":"):
        validate_context(make_context("call-0001", **change))


def test_a_missing_field_is_named() -> None:
    ctx = make_context("call-0001")
    del ctx["handed_off_at"]
    with pytest.raises(ContextError, match=r"^context\.handed_off_at: "):
        validate_context(ctx)


def test_an_unknown_schema_version_is_refused_with_the_known_ones() -> None:
    with pytest.raises(ContextError, match=r"voicebot\.handoff/2.*known: voicebot\.handoff/1"):
        validate_context(make_context("call-0001", schema="voicebot.handoff/2"))


def test_the_waiting_list_shows_a_one_line_summary() -> None:
    ctx = make_context("call-0001", summary="Internet\n  gestört " + "x" * 200)
    line = summary_line(ctx)
    assert "\n" not in line and len(line) == 120 and line.endswith("…")


def test_agents_see_the_demo_tenants_queues_by_name() -> None:
    queues = load_tenant_queues(ROOT / "intents")
    assert queues["nordwelle"]["stoerungsdienst"] == "Störungsdienst"
    assert {"abrechnung", "verkauf", "beschwerde", "allgemein"} <= set(queues["nordwelle"])


def test_queue_names_lose_the_article_the_bot_speaks() -> None:
    assert display_name("den Störungsdienst", "stoerungsdienst") == "Störungsdienst"
    assert display_name("einen Mitarbeiter", "allgemein") == "Mitarbeiter"
    assert display_name("the fraud team", "fraud") == "Fraud team"
    assert display_name("", "general") == "general"
