"""How callers say a rating from 1 to 5 in German, read by the marktblick survey (text level)."""

from __future__ import annotations

import asyncio

import pytest

from voicebot.dialog.textcall import CallServices, run_call, say
from voicebot.dialog.words import rating_in


@pytest.fixture(scope="module")
def services(tenants, tenant_nlu) -> CallServices:
    return CallServices(tenants, nlu_for=tenant_nlu)


@pytest.mark.parametrize(
    ("said", "rating"),
    [
        ("Ich gebe eine Fünfe.", 5),
        ("ne vier", 4),
        ("'ne Vierer, würde ich sagen", 4),
        ("eine drei", 3),
        ("Vierer", 4),
        ("ein Einser", 1),
        ("zwo", 2),
        ("vier von fünf", 4),
    ],
)
def test_spoken_ratings_are_read(said, rating):
    assert rating_in(said) == rating


@pytest.mark.parametrize("unclear", ["so ne drei bis vier", "eine sechs", "ganz ordentlich"])
def test_ratings_that_are_no_single_number_from_1_to_5_are_unclear(unclear):
    assert rating_in(unclear) is None


def test_a_rating_said_as_fuenfe_after_the_reprompt_is_stored(services):
    dialog = services.dialog_stage()
    turns = [say("ja gerne"), say("also eigentlich ganz ordentlich"), say("Ich gebe eine Fünfe.")]
    turns += [say("ja"), say("nichts, alles gut so")]
    record = asyncio.run(run_call("marktblick", turns, services, dialog=dialog))
    assert record.outcome == "resolved"
    assert dialog.dialog.answers["zufriedenheit"] == "5"  # type: ignore[union-attr]
