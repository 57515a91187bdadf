"""How a replayed call's turns are judged: the classifier's reading of a turn, or the concern the
bot asked back about right after it when the caller confirmed it (a careful bot asks "Is it
about a lost or stolen card?" instead of guessing; the turn was understood)."""

from __future__ import annotations

import asyncio
from pathlib import Path

from voicebot.dialog.textcall import CallServices, run_call, say
from voicebot.fixtures.case import Case, Expect, Turn
from voicebot.fixtures.verdict import turn_results

LEFT_CARD = "I think I left my card in the taxi last night."


def _case(*turns: tuple[str, str | None]) -> Case:
    return Case(
        name="harbour-bank/asked-back",
        folder=Path("."),
        tenant="harbour-bank",
        dialed=None,
        turns=tuple(
            Turn(audio=Path(f"t{i}.wav"), transcript=t, intent=intent)
            for i, (t, intent) in enumerate(turns)
        ),
        expect=Expect(outcome="handoff"),
        language="en",
    )


def _judged(case: Case, tenants, tenant_nlu):  # type: ignore[no-untyped-def]
    services = CallServices(tenants, nlu_for=tenant_nlu)
    said = [say(t.transcript or "") for t in case.turns]
    record = asyncio.run(run_call(case.tenant, said, services))
    return record, turn_results(case, record.events, [0.0] * len(record.events), 0)


def test_a_concern_asked_back_and_confirmed_counts_as_understood(tenants, tenant_nlu) -> None:
    case = _case((LEFT_CARD, "lost_or_stolen_card"), ("yes", None))
    record, turns = _judged(case, tenants, tenant_nlu)
    assert record.handoff is not None and record.handoff.queue == "fraud"
    assert turns[0].intent is None  # the classifier alone was unsure: the bot asked back
    assert turns[0].confirmed_intent == "lost_or_stolen_card"
    assert turns[0].intent_ok is True


def test_a_concern_asked_back_and_denied_is_not_understood(tenants, tenant_nlu) -> None:
    case = _case((LEFT_CARD, "lost_or_stolen_card"), ("no", None), ("a person please", None))
    _, turns = _judged(case, tenants, tenant_nlu)
    assert turns[0].confirmed_intent is None
    assert turns[0].intent_ok is False


def test_a_confirmed_guess_of_another_concern_is_still_wrong(tenants, tenant_nlu) -> None:
    case = _case((LEFT_CARD, "card_swallowed"), ("yes", None))
    _, turns = _judged(case, tenants, tenant_nlu)
    assert turns[0].confirmed_intent == "lost_or_stolen_card"
    assert turns[0].intent_ok is False


def _nordwelle_case(*turns: tuple[str, str | None]) -> Case:
    return Case(
        name="nordwelle/understood-by-parts",
        folder=Path("."),
        tenant="nordwelle",
        dialed=None,
        turns=(
            Turn(dtmf="40817279#"),
            *(Turn(audio=Path(f"t{i}.wav"), transcript=t, intent=it) for i, (t, it) in
              enumerate(turns)),
        ),
        expect=Expect(outcome="handoff"),
        language="de",
    )  # fmt: skip


def _judged_keyed(case: Case, tenants, tenant_nlu):  # type: ignore[no-untyped-def]
    from voicebot.dialog.textcall import keys

    services = CallServices(tenants, nlu_for=tenant_nlu)
    turns = [keys(t.dtmf) if t.dtmf else say(t.transcript or "") for t in case.turns]
    record = asyncio.run(run_call(case.tenant, turns, services))
    return record, turn_results(case, record.events, [0.0] * len(record.events), 0)


CORRECTED = "Ich will kündigen, ach nein, eigentlich möchte ich nur in einen günstigeren Tarif"


def test_a_concern_the_dialog_read_from_the_turns_parts_counts_as_understood(
    tenants, tenant_nlu
) -> None:
    """The classifier finds no concern in the corrected turn; the dialog reads the correction
    and puts the caller through to sales: the turn was understood as a tariff change."""
    case = _nordwelle_case((CORRECTED, "tarifwechsel"))
    record, turns = _judged_keyed(case, tenants, tenant_nlu)
    assert record.handoff is not None and record.handoff.queue == "verkauf"
    heard = turns[1]
    assert heard.intent is None and heard.understood_intent == "tarifwechsel"
    assert heard.intent_ok is True


def test_a_concern_carried_over_from_an_earlier_turn_is_not_the_later_turns(
    tenants, tenant_nlu
) -> None:
    """'Wie lautet die Postleitzahl …?' works on the move; the postcode turn says nothing of
    its own: it is not credited with the move."""
    case = _nordwelle_case(("Ich ziehe nächsten Monat nach Bremen.", None), ("28195", "umzug"))
    _, turns = _judged_keyed(case, tenants, tenant_nlu)
    assert turns[2].understood_intent is None and turns[2].intent_ok is False


def test_expected_slots_match_in_any_form_a_case_author_writes_them() -> None:
    from voicebot.fixtures.judge import _slot_reasons

    def case(**slots: str) -> Case:
        return Case("c", Path("."), "marktblick", None, (), Expect(slots=slots))

    got = {"weiterempfehlung": "ja", "customer_number": "40817253", "product": "Haferdrink"}
    # YAML reads an unquoted `yes`/`true` as a boolean: the case holds "True"
    assert _slot_reasons(case(weiterempfehlung="True"), got) == []
    assert _slot_reasons(case(customer_number="4081 7253", product="haferdrink"), got) == []
    assert _slot_reasons(case(weiterempfehlung="no"), got) == [
        "expected slot weiterempfehlung=no, got ja"
    ]
    assert _slot_reasons(case(customer_number="4081 7254"), got) != []
