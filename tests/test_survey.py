"""The marktblick outbound survey at the text level: consent, three answer kinds, outcomes."""

from __future__ import annotations

import asyncio

import pytest

from voicebot.dialog.textcall import CallServices, keys, run_call, say, silence
from voicebot.nlu.loader import load_tenants
from voicebot.settings import PROJECT_ROOT

TENANTS = load_tenants(PROJECT_ROOT / "intents")


@pytest.fixture(scope="module")
def services() -> CallServices:
    if "marktblick" not in TENANTS:
        pytest.skip("marktblick has no tenant files yet")
    return CallServices(TENANTS)


def test_survey_with_spoken_rating_yes_and_comment_is_resolved(services):
    record = asyncio.run(
        run_call(
            "marktblick", [say("ja gerne"), say("vier"), say("ja"), say("mehr glasfaser")], services
        )
    )
    assert record.outcome == "resolved"
    assert [t["text"] for t in record.turns() if t["role"] == "caller"][-1] == "mehr glasfaser"


def test_survey_rating_keyed_as_dtmf_is_accepted(services):
    record = asyncio.run(
        run_call("marktblick", [say("ja"), keys("2"), say("nein"), say("nichts")], services)
    )
    assert record.outcome == "resolved"


def test_no_time_declines_politely(services):
    record = asyncio.run(run_call("marktblick", [say("keine zeit")], services))
    assert record.outcome == "declined"


def test_nobody_answering_is_no_answer(services):
    record = asyncio.run(run_call("marktblick", [silence(), silence()], services))
    assert record.outcome == "no_answer"
