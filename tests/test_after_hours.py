"""Handoffs outside business hours: the caller hears when the team is there, not a queue place.

Real tenants, NLU and a real SQLite queue store; the clock is pinned (a Saturday and a
Wednesday), as the server's wall clock would give it."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from voicebot.dialog.after_hours import closed_for
from voicebot.dialog.textcall import CallServices, run_call, say
from voicebot.events import BotSpeech
from voicebot.handoff.context import validate_context
from voicebot.handoff.store import open_queue_store
from voicebot.settings import load_settings

BERLIN, LONDON = ZoneInfo("Europe/Berlin"), ZoneInfo("Europe/London")
SATURDAY_NOON = datetime(2026, 12, 5, 12, 0, tzinfo=BERLIN)  # Sonnhof: Mon-Fri 8-18 only
WEDNESDAY_NOON = datetime(2026, 12, 2, 12, 0, tzinfo=BERLIN)
SUNDAY_NOON = datetime(2026, 12, 6, 12, 0, tzinfo=LONDON)  # Harbour Bank: closed on Sundays


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[object]:
    settings = load_settings(data_dir=tmp_path_factory.mktemp("var"))
    queue_store = open_queue_store(settings)
    yield queue_store
    asyncio.run(queue_store.aclose())


def services_at(tenants, tenant_nlu, store, moment: datetime | None) -> CallServices:
    clock = None if moment is None else (lambda: moment)
    return CallServices(tenants, queue_store=store, nlu_for=tenant_nlu, clock=clock)


def call(services: CallServices, tenant: str, *turns: str, caller: str | None = None):
    return asyncio.run(run_call(tenant, [say(t) for t in turns], services, caller_number=caller))


def said(record) -> str:
    return " | ".join(e.text for e in record.events if isinstance(e, BotSpeech))


PERSON = ("Ich möchte bitte mit einem Mitarbeiter sprechen.",)


def test_a_request_for_a_person_on_saturday_is_noted_with_the_hours_not_queued_as_waiting(
    tenants, tenant_nlu, store
):
    services = services_at(tenants, tenant_nlu, store, SATURDAY_NOON)
    record = call(services, "sonnhof", *PERSON, caller="+49 170 1234567")
    handoff = record.handoff
    assert handoff is not None, said(record)
    validate_context(handoff.context)
    last = said(record).split(" | ")[-1]
    assert "gerade niemand für Sie erreichbar" in last
    assert "montags bis freitags von 8 bis 18 Uhr" in last
    assert "wir melden uns dann bei Ihnen" in last
    assert "Position" not in last and "leite Sie jetzt" not in last, last
    assert handoff.context["out_of_hours"] is True
    waiting = asyncio.run(store.get("sonnhof", handoff.call_id))  # the concern is not lost
    assert waiting is not None and waiting.queue == handoff.queue


def test_the_same_request_on_a_wednesday_is_put_through_with_its_place_in_the_queue(
    tenants, tenant_nlu, store
):
    services = services_at(tenants, tenant_nlu, store, WEDNESDAY_NOON)
    record = call(services, "sonnhof", *PERSON, caller="+49 170 1234567")
    last = said(record).split(" | ")[-1]
    assert "leite Sie jetzt" in last and "Position" in last, last
    assert record.handoff is not None and "out_of_hours" not in record.handoff.context


def test_without_a_clock_offline_tools_hand_over_as_in_open_hours(tenants, tenant_nlu, store):
    record = call(services_at(tenants, tenant_nlu, store, None), "sonnhof", *PERSON)
    assert "leite Sie jetzt" in said(record).split(" | ")[-1]


def test_an_urgent_handoff_is_put_through_at_any_hour(tenants, tenant_nlu, store):
    """A stolen card on a Sunday, plastic in a product on a Saturday: teams on call."""
    saturday = services_at(tenants, tenant_nlu, store, SATURDAY_NOON)
    record = call(saturday, "sonnhof", "In meinem Schokomüsli war ein Stück Plastik.", "L2291")
    assert record.handoff is not None and record.handoff.queue == "qualitaet", said(record)
    assert "leite Sie jetzt" in said(record) and "out_of_hours" not in record.handoff.context
    services = services_at(tenants, tenant_nlu, store, SUNDAY_NOON)
    record = call(services, "harbour-bank", "My card was stolen this morning.")
    handoff = record.handoff
    assert handoff is not None and handoff.queue == "fraud" and handoff.priority == "high"
    assert "putting you through" in said(record) and "out_of_hours" not in handoff.context


def test_a_caller_without_a_number_to_call_back_is_asked_to_call_again(tenants, tenant_nlu, store):
    services = services_at(tenants, tenant_nlu, store, SUNDAY_NOON)
    record = call(services, "harbour-bank", "Can I speak to a person please?")
    last = said(record).split(" | ")[-1]
    assert "nobody is available" in last and "please call us again" in last, last
    assert "Monday to Friday from 8 am to 8 pm" in last
    assert record.handoff is not None and record.handoff.context["out_of_hours"] is True


@pytest.mark.parametrize(
    ("moment", "closed"),
    [(datetime(2026, 12, 4, 16, 59, tzinfo=UTC), False),  # Friday 17:59 in Berlin
     (datetime(2026, 12, 4, 17, 0, tzinfo=UTC), True),  # Friday 18:00 in Berlin
     (datetime(2026, 12, 7, 7, 0, tzinfo=UTC), False)],  # Monday 8:00 in Berlin
)  # fmt: skip
def test_the_hours_are_read_in_the_tenants_time_zone(tenants, moment, closed):
    hours = tenants["sonnhof"].business_hours
    assert closed_for(hours, lambda: moment, "normal") is closed
    assert closed_for(hours, lambda: moment, "high") is False


def test_an_english_caller_at_a_closed_german_hotline_hears_it_all_in_english(
    tenants, tenant_nlu, store
):
    """Not "I am putting you through to a colleague." followed by German hours."""
    services = services_at(tenants, tenant_nlu, store, SATURDAY_NOON)
    record = call(services, "sonnhof", "Hello, sorry, I don't speak German. Is your muesli vegan?")
    last = said(record).split(" | ")[-1]
    assert "nobody is available" in last and "Monday to Friday from 8 am to 6 pm" in last, last
    assert "putting you through" not in last and "Uhr" not in last
    assert record.handoff is not None and record.handoff.context["language"] == "en"


def test_a_concern_the_bot_never_learned_is_not_said_to_be_noted(tenants, tenant_nlu, store):
    services = services_at(tenants, tenant_nlu, store, SUNDAY_NOON)
    record = call(services, "harbour-bank", "blah blah", "hmm", "no idea", caller="+44 7700 900123")
    last = said(record).split(" | ")[-1]
    assert record.handoff is not None and record.handoff.context["intent"] is None, last
    assert "nobody is available" in last and "noted" not in last, last


CHRISTMAS_FRIDAY = datetime(2026, 12, 25, 11, 0, tzinfo=BERLIN)  # a public holiday


def test_a_public_holiday_is_closed_all_day_though_its_weekday_is_open(tenants):
    hours = tenants["sonnhof"].business_hours  # holidays: DE-BY, closed: its own days off
    assert hours.is_open(datetime(2026, 12, 18, 11, 0, tzinfo=BERLIN))  # the Friday before
    assert not hours.is_open(CHRISTMAS_FRIDAY)
    assert hours.closed_all_day(datetime(2026, 12, 25, 10, 30, tzinfo=UTC))
    assert not hours.is_open(datetime(2027, 1, 6, 11, 0, tzinfo=BERLIN))  # Epiphany, Bavaria's
    assert not hours.is_open(datetime(2026, 12, 24, 11, 0, tzinfo=BERLIN))  # the company's
    survey = tenants["marktblick"].business_hours  # holidays: DE (no state): Epiphany is no
    assert survey.is_open(datetime(2027, 1, 6, 11, 0, tzinfo=BERLIN))  # holiday nationwide
    bank = tenants["harbour-bank"].business_hours  # England's Boxing Day, observed on a Monday
    assert not bank.is_open(datetime(2026, 12, 28, 10, 0, tzinfo=LONDON))
    assert bank.is_open(datetime(2026, 12, 29, 10, 0, tzinfo=LONDON))


def test_on_a_holiday_the_caller_hears_the_team_is_not_there_today(tenants, tenant_nlu, store):
    services = services_at(tenants, tenant_nlu, store, CHRISTMAS_FRIDAY)
    record = call(services, "sonnhof", "Wann sind Sie erreichbar?", *PERSON)
    lines = said(record).split(" | ")
    assert "von 8 bis 18 Uhr für Sie da, heute jedoch nicht" in lines[1], lines
    assert "gerade niemand für Sie erreichbar" in lines[-1], lines
    assert "heute jedoch nicht" in lines[-1] and record.handoff is not None
    assert record.handoff.context["out_of_hours"] is True
    open_day = call(services_at(tenants, tenant_nlu, store, WEDNESDAY_NOON), "sonnhof",
                    "Wann sind Sie erreichbar?")  # fmt: skip
    assert "heute jedoch nicht" not in said(open_day)


@pytest.mark.parametrize(
    ("edit", "says"),
    [(('"2026-12-24"', '"2026-12-32"'), "closed day '2026-12-32' is not a date"),
     (("holidays: DE-BY", "holidays: DE-QQ"), "holidays 'DE-QQ': no such country or state")],
)  # fmt: skip
def test_a_closed_day_or_holiday_region_that_is_wrong_names_the_file_and_line(tmp_path, edit, says):
    import shutil
    import subprocess
    import sys

    from voicebot.settings import PROJECT_ROOT

    shutil.copytree(PROJECT_ROOT / "intents", tmp_path / "intents")
    path = tmp_path / "intents" / "sonnhof" / "tenant.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(*edit), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "voicebot.cli", "intents", "check", str(tmp_path / "intents")],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 1
    line = next(n for n, row in enumerate(text.splitlines(), 1) if edit[0] in row)
    assert f"sonnhof/tenant.yaml:{line}: {says}" in done.stdout, done.stdout


def test_the_next_opening_skips_the_evening_the_weekend_and_the_christmas_holidays(tenants):
    survey = tenants["marktblick"].business_hours  # Mon-Fri 10-20, Sat 10-16, DE holidays
    monday_ten = datetime(2026, 12, 7, 10, 0, tzinfo=BERLIN)
    assert survey.next_opening(datetime(2026, 12, 5, 20, 30, tzinfo=BERLIN)) == monday_ten
    assert survey.next_opening(datetime(2026, 12, 7, 8, 15, tzinfo=BERLIN)) == monday_ten
    during = datetime(2026, 12, 7, 11, 0, tzinfo=BERLIN)
    assert survey.next_opening(during) == during  # open now: now
    christmas_eve = datetime(2026, 12, 24, 21, 0, tzinfo=BERLIN)  # 25th and 26th are holidays,
    assert survey.next_opening(christmas_eve) == datetime(2026, 12, 28, 10, 0, tzinfo=BERLIN)
    assert survey.next_opening(datetime(2026, 12, 5, 19, 30, tzinfo=UTC)) == monday_ten  # any zone
