"""The inbox: unclear utterances grouped by meaning; assigning a group edits the intent file."""

from __future__ import annotations

import asyncio
import difflib
import time
from pathlib import Path

import pytest

from tests.test_analytics_support import Call, write_mini_tenant
from voicebot.analytics.assign import AssignRefused, assign_to_intent
from voicebot.analytics.derive import record_from_events
from voicebot.analytics.figures import Period
from voicebot.analytics.inbox import group_utterances, inbox_utterances, phrases_of
from voicebot.analytics.records import CallRecord
from voicebot.analytics.service import assign_group, inbox_for
from voicebot.analytics.store import open_call_record_store
from voicebot.analytics.yaml_edit import add_examples, read_examples
from voicebot.errors import UserError
from voicebot.nlu.loader import load_tenant
from voicebot.nlu.understand import TenantNLU
from voicebot.settings import PROJECT_ROOT, Settings

NUMBER_PORTING = [  # a concern the tenant has no intent for, said five ways
    "ich möchte meine rufnummer zu einem anderen anbieter mitnehmen",
    "kann ich meine telefonnummer behalten wenn ich den anbieter wechsle",
    "ich will meine alte nummer zum neuen anbieter portieren",
    "rufnummernmitnahme zu einem anderen anbieter beantragen",
    "meine telefonnummer soll beim anbieterwechsel mit",
]
ROUTER_DELIVERY = [
    "wo bleibt mein neuer router",
    "der router wurde noch nicht geliefert",
    "mein paket mit dem neuen router ist nicht angekommen",
    "ich warte immer noch auf die lieferung von meinem router",
]


def inbox_calls(tenant: str = "testwelle") -> list[CallRecord]:
    """Calls whose first utterance was not understood; plus turns that must stay out."""
    records = []
    phrases = [
        *NUMBER_PORTING,
        *ROUTER_DELIVERY,
        "ich habe einen brief mit dem zeichen 40817253 bekommen",
    ]
    for i, text in enumerate(phrases):
        call = Call(f"in-{i}", tenant=tenant).bot(0, "Wie kann ich helfen?")
        call.caller(1000, 3000, text, None, 0.3, (("kuendigung", 0.3),)).bot(3500, "Wie bitte?")
        records.append(call)
    records.append(  # understood, and a yes/no answer: neither belongs in the inbox
        Call("clear", tenant=tenant).bot(0, "Wie kann ich helfen?")
        .caller(1000, 2000, "mein internet geht nicht", "stoerung", 0.97)
        .bot(2500, "Kann ich sonst noch helfen?", expect="yesno")
        .caller(3000, 3500, "nein eigentlich nicht danke", None, 0.2)
    )  # fmt: skip
    now = time.time()
    return [
        record_from_events(c.hangup(9000, "caller").events, started_at=now - 3600 + i)
        for i, c in enumerate(records)
    ]


def test_inbox_holds_unclear_open_answers_only_and_masks_numbers():
    utterances = inbox_utterances(inbox_calls(), threshold=0.6)
    texts = [u.text for u in utterances]
    assert len(texts) == len(NUMBER_PORTING) + len(ROUTER_DELIVERY) + 1
    assert "mein internet geht nicht" not in texts
    assert "nein eigentlich nicht danke" not in texts
    assert "ich habe einen brief mit dem zeichen ******53 bekommen" in texts
    assert all(u.best_guess == "kuendigung" for u in utterances)


def test_paraphrases_of_one_concern_form_one_group():
    groups = group_utterances(inbox_utterances(inbox_calls(), threshold=0.6), "de")
    by_text = {u.text: g.id for g in groups for u in g.utterances}
    porting = {by_text[t] for t in NUMBER_PORTING}
    delivery = {by_text[t] for t in ROUTER_DELIVERY}
    assert len(porting) == 1 and len(delivery) == 1 and porting != delivery
    assert groups[0].id in porting and len(groups[0].utterances) == 5
    assert groups[0].suggestion == "kuendigung"  # every member's best guess
    assert phrases_of(groups[0]) == NUMBER_PORTING


def test_adding_examples_keeps_every_other_byte_of_every_shipped_intent_file():
    new = ["ich möchte meine rufnummer mitnehmen", 'sagt "hallo": # kein kommentar']
    for path in sorted((PROJECT_ROOT / "intents").glob("*/*.yaml")):
        if path.name == "tenant.yaml":
            continue
        text = path.read_text(encoding="utf-8")
        edited = add_examples(text, new)
        assert read_examples(edited) == [*read_examples(text), *new], path
        changes = [
            line
            for line in difflib.ndiff(text.splitlines(), edited.splitlines())
            if line[:1] in "+-"
        ]
        assert [c[:1] for c in changes] == ["+", "+"], path


@pytest.fixture
def filled(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Settings with the mini tenant in intents/ and the inbox calls in the record store."""
    settings = Settings(data_dir=tmp_path / "var", intents_dir=tmp_path / "intents")
    folder = write_mini_tenant(settings.intents_dir)

    async def fill() -> None:
        store = open_call_record_store(settings)
        for record in inbox_calls():
            await store.add(record)
        await store.aclose()

    asyncio.run(fill())
    return settings, folder


def test_assigning_a_group_to_a_new_intent_teaches_the_classifier(filled):
    settings, folder = filled
    tenant, _ = load_tenant(folder)
    assert TenantNLU(tenant).classify(
        "kann ich meine nummer zum neuen anbieter mitnehmen"
    ).intent != ("rufnummer_mitnahme")
    period = Period(time.time() - 86_400, time.time() + 1)

    async def scenario():  # type: ignore[no-untyped-def]
        store = open_call_record_store(settings)
        try:
            groups = await inbox_for(store, tenant, period)
            result = await assign_group(
                store, settings.intents_dir, tenant, groups[0].id, "rufnummer_mitnahme",
                period, description="Rufnummer zum neuen Anbieter mitnehmen",
            )  # fmt: skip
            return result, await inbox_for(store, tenant, period)
        finally:
            await store.aclose()

    result, inbox_after = asyncio.run(scenario())
    assert result.created and result.added == NUMBER_PORTING and result.tests == 8
    assert result.accuracy_after >= result.accuracy_before
    assert result.group_before == 0.0 and result.group_after == 1.0
    written = (folder / "rufnummer_mitnahme.yaml").read_text(encoding="utf-8")
    assert "queue: allgemein" in written and read_examples(written) == NUMBER_PORTING
    retrained, problems = load_tenant(folder)
    assert problems == []
    said = "kann ich meine nummer zum neuen anbieter mitnehmen"
    assert TenantNLU(retrained).classify(said).intent == "rufnummer_mitnahme"
    assert all(u.text not in NUMBER_PORTING for g in inbox_after for u in g.utterances)


def test_assigning_to_an_existing_intent_keeps_its_comments_and_layout(filled):
    _, folder = filled
    before = (folder / "stoerung.yaml").read_text(encoding="utf-8")
    result = assign_to_intent(folder, "stoerung", ["bei mir ist seit dem gewitter alles tot"])
    after = (folder / "stoerung.yaml").read_text(encoding="utf-8")
    assert not result.created and result.accuracy_after >= result.accuracy_before
    assert after == before.replace(
        "  - die verbindung fällt dauernd aus\n",
        "  - die verbindung fällt dauernd aus\n  - bei mir ist seit dem gewitter alles tot\n",
    )
    assert "# Faults of the line" in after and "queue: technik        # the technicians" in after


def test_an_assignment_that_makes_accuracy_worse_is_undone(filled):
    _, folder = filled
    original = (folder / "stoerung.yaml").read_bytes()
    billing_said_as_fault = [
        "die letzte rechnung stimmt nicht mehr",
        "warum habt ihr mir so viel geld abgebucht",
        "meine rechnung ist falsch",
        "auf meiner rechnung steht zu viel",
        "ihr habt zu viel abgebucht",
    ]
    with pytest.raises(AssignRefused, match="accuracy would drop") as refused:
        assign_to_intent(folder, "stoerung", billing_said_as_fault)
    result = refused.value.result
    assert result.accuracy_after < result.accuracy_before
    assert (folder / "stoerung.yaml").read_bytes() == original


def test_a_broken_tenant_or_a_bad_intent_id_is_refused_before_any_edit(filled):
    _, folder = filled
    billing = (folder / "rechnung.yaml").read_text(encoding="utf-8")
    (folder / "rechnung.yaml").write_text("intent: rechnung\nqueue: nirgendwo\nexamples: [a]\n")
    original = (folder / "stoerung.yaml").read_bytes()
    with pytest.raises(UserError, match=r"rechnung\.yaml:\d+: .*fix the tenant first"):
        assign_to_intent(folder, "stoerung", ["alles ist kaputt bei mir"])
    assert (folder / "stoerung.yaml").read_bytes() == original
    (folder / "rechnung.yaml").write_text(billing, encoding="utf-8")
    with pytest.raises(UserError, match="use lowercase letters"):
        assign_to_intent(folder, "Neues Anliegen", ["alles ist kaputt bei mir"])
    assert sorted(p.name for p in folder.glob("*.yaml")) == [
        "kuendigung.yaml", "mitarbeiter.yaml", "rechnung.yaml", "stoerung.yaml", "tenant.yaml",
    ]  # fmt: skip


def test_voicebot_inbox_list_and_assign_in_the_terminal(filled):
    import json
    import subprocess
    import sys

    settings, folder = filled
    env = {"VOICEBOT_DATA": str(settings.data_dir), "VOICEBOT_INTENTS": str(settings.intents_dir),
           "PATH": "/usr/bin:/bin"}  # fmt: skip
    cli = [sys.executable, "-m", "voicebot.cli", "inbox"]
    listed = subprocess.run([*cli, "list", "--tenant", "testwelle", "--json"], env=env,
                            capture_output=True, text=True, check=True)  # fmt: skip
    groups = json.loads(listed.stdout)
    delivery = next(g for g in groups if g["representative"] in ROUTER_DELIVERY)
    assert "40817253" not in listed.stdout
    done = subprocess.run(
        [*cli, "assign", "--tenant", "testwelle", delivery["id"], "--intent", "lieferung",
         "--description", "Wo bleibt meine Lieferung", "--queue", "technik"],
        env=env, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "added 4 phrase(s) to lieferung" in done.stdout
    assert "accuracy on 8 test phrases: 100.0% -> 100.0%" in done.stdout
    assert read_examples((folder / "lieferung.yaml").read_text()) == ROUTER_DELIVERY
    again = subprocess.run([*cli, "assign", "--tenant", "testwelle", delivery["id"], "--intent",
                            "lieferung"], env=env, capture_output=True, text=True)  # fmt: skip
    assert again.returncode == 1 and "list it again" in again.stderr
