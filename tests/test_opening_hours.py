"""Opening hours told from the tenant's business_hours where no intent answers them."""

from __future__ import annotations

import asyncio
from datetime import time

import pytest

from voicebot.dialog.opening_hours import asks_opening_hours, hours_text
from voicebot.dialog.textcall import CallServices, run_call, say
from voicebot.events import BotSpeech
from voicebot.nlu.model import BusinessHours

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def _hours(**days: tuple[time, time] | None) -> BusinessHours:
    return BusinessHours("Europe/Berlin", days)


def test_days_with_the_same_hours_are_said_together_and_closed_days_not_at_all():
    spans = {d: (time(8), time(20)) for d in WEEKDAYS} | {"sat": (time(9), time(17))}
    assert hours_text(_hours(**spans), "en") == (
        "Our team is available Monday to Friday from 8 am to 8 pm and Saturday from 9 am to 5 pm."
    )
    assert hours_text(_hours(**spans), "de") == (
        "Unser Team ist montags bis freitags von 8 bis 20 Uhr und samstags von 9 bis 17 Uhr"
        " für Sie da."
    )


def test_around_the_clock_and_no_hours():
    always = {d: (time(0), time(0)) for d in (*WEEKDAYS, "sat", "sun")}
    assert hours_text(_hours(**always), "de") == "Unser Team ist rund um die Uhr für Sie da."
    assert hours_text(None, "de") is None


@pytest.mark.parametrize(
    ("text", "asks"),
    [("Can you tell me your opening hours?", True), ("When are you open on Saturday?", True),
     ("Wann sind Sie denn erreichbar?", True), ("Öffnungszeiten?", True),
     ("Mein Internet geht nicht, Ihre Öffnungszeiten sind mir egal.", False),
     ("My card is blocked.", False)],
)  # fmt: skip
def test_a_question_for_the_hours_is_told_from_other_words(text, asks):
    assert asks_opening_hours(text) == asks


@pytest.fixture(scope="module")
def services(tenants, tenant_nlu) -> CallServices:
    return CallServices(tenants, nlu_for=tenant_nlu)


def test_the_bank_without_an_hours_intent_tells_its_business_hours(services):
    """'Can you tell me your opening hours?' was 'Sorry, I did not understand' (probe)."""
    record = asyncio.run(
        run_call(
            "harbour-bank", [say("Can you tell me your opening hours?"), say("no thanks")], services
        )
    )
    said = [e.text for e in record.events if isinstance(e, BotSpeech)]
    assert said[1].startswith("Our team is available Monday to Friday from 8 am to 8 pm"), said
    assert record.outcome == "resolved" and record.handoff is None


def test_a_tenant_with_an_intent_for_its_hours_answers_with_that(services):
    record = asyncio.run(
        run_call("nordwelle", [say("Ich will umziehen und wann habt ihr offen?")], services)
    )
    said = " ".join(e.text for e in record.events if isinstance(e, BotSpeech))
    assert "Unser Team ist" not in said, said


def test_which_tenants_answer_the_hours_with_an_intent_of_their_own(services):
    """Read from the intents (Nordwelle's faq_oeffnungszeiten), not by classifying a sample
    question: a classifier sure that 'Wann haben Sie geöffnet?' is about storing a product
    after opening took the hours away from Sonnhof's callers."""
    assert services.view("nordwelle").answers_opening_hours
    assert not services.view("sonnhof").answers_opening_hours
    assert not services.view("harbour-bank").answers_opening_hours


@pytest.mark.parametrize(
    ("text", "only"),
    [("Wann haben Sie geöffnet?", True), ("Wie sind Ihre Öffnungszeiten?", True),
     ("When are you open?", True), ("Wann ist der Techniker da?", False),
     ("Wie lange ist die Hafermilch geöffnet haltbar?", False)],
)  # fmt: skip
def test_words_that_can_only_mean_the_hours(text, only):
    from voicebot.dialog.opening_hours import only_about_hours

    assert only_about_hours(text) == only
