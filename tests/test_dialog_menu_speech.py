"""The DTMF menu answered by voice: "die Drei" or the queue's name instead of pressing 3."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest

from voicebot.asr.expect import Expectation
from voicebot.dialog.menu import spoken_key
from voicebot.dialog.textcall import CallServices, keys, run_call, say
from voicebot.events import BotSpeech
from voicebot.handoff.store import open_queue_store
from voicebot.pipeline import CallRecord
from voicebot.settings import load_settings

TO_MENU = (say("äh"), say("hm"), say("ähm"))  # three misunderstandings: the menu


@pytest.fixture(scope="module")
def services(
    tmp_path_factory: pytest.TempPathFactory, tenants, tenant_nlu
) -> Iterator[CallServices]:
    store = open_queue_store(load_settings(data_dir=tmp_path_factory.mktemp("var")))
    yield CallServices(tenants, queue_store=store, nlu_for=tenant_nlu)
    asyncio.run(store.aclose())


def call(services: CallServices, *turns: object) -> CallRecord:
    return asyncio.run(run_call("nordwelle", list(turns), services))  # type: ignore[arg-type]


def test_the_menu_prompt_expects_each_key_by_digit_word_or_label(services):
    record = call(services, *TO_MENU, keys("3"))
    menu = next(e for e in record.events if isinstance(e, BotSpeech) and "drücken" in e.text)
    items = {c.value: c.phrases for c in Expectation.parse(menu.expect or "").items}
    assert items["3"][:2] == ("3", "Drei") and len(items["3"]) == 3, items


def test_a_key_said_instead_of_pressed_chooses_the_menu_entry(services):
    record = call(services, *TO_MENU, say("die drei"), keys("40817253#"))
    assert record.handoff is not None, record.turns()
    assert (record.handoff.queue, record.handoff.context["reason"]) == ("verkauf", "dtmf_menu")


@pytest.mark.parametrize(
    ("text", "value", "key"),
    [("Drei.", "3", "3"), ("Verkauf", "3", "3"), ("die zwei", None, "2"), ("hm", None, None),
     ("ich hätte da zwei Fragen", None, None), ("Neun", "9", None)],
)  # fmt: skip
def test_only_a_key_of_the_menu_said_alone_or_recognised_counts(text, value, key):
    assert spoken_key(text, value, {"1": 0, "2": 0, "3": 0}, "de") == key


@pytest.mark.parametrize(
    ("tenant", "example"),
    [
        ("harbour-bank", "I want to start using my card"),  # not "Please help me ..  won't.."
        ("sonnhof", "ist in dem müsli gluten"),  # a product question, not "ich möchte mit ..."
        ("nordwelle", "ich möchte mich beschweren"),
    ],
)
def test_the_second_reprompt_shows_a_short_clean_concern_of_the_tenant(services, tenant, example):
    record = asyncio.run(run_call(tenant, [say("äh"), say("hm")], services))
    said = [e.text for e in record.events if isinstance(e, BotSpeech)]
    again = next(t for t in said if example in t)
    assert f"{example}." in again and ".." not in again and "  " not in again, again


def test_the_fallback_menu_always_offers_the_high_priority_queues(services):
    """Harbour Bank has no menu of its own: the first four queues in file order left out the
    fraud team, the one queue a caller with a stolen card must reach."""
    from voicebot.dialog.menu import menu_items

    items = menu_items(services.view("harbour-bank"))
    assert "fraud" in {spec.queue for spec in items.values()}, items
    assert len([k for k in items if k != "0"]) == 4
