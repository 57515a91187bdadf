"""Understanding callers per tenant: the team's own test files, out of scope, templates, CLI."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from voicebot.nlu.evaluation import OUT_OF_SCOPE, evaluate
from voicebot.nlu.labelled import read_labelled
from voicebot.nlu.model import AGENT_INTENTS

# Minimum accuracy of each tenant's labelled test file (in-scope and out-of-scope phrases).
# marktblick: 8 of 11 since the umfrage_info phrases came (spreche ich mit einer maschine is
# not understood yet); a floor against regressions, not a target
MIN_ACCURACY = {"nordwelle": 0.85, "sonnhof": 0.85, "marktblick": 0.72, "harbour-bank": 0.7}


@pytest.mark.parametrize("tenant_id", sorted(MIN_ACCURACY))
def test_each_tenant_passes_its_own_test_file(tenants, tenant_nlu, tenant_id):
    phrases = []
    for path in sorted(tenants[tenant_id].tests_dir.iterdir()):
        found, problems = read_labelled(path)
        assert problems == []
        phrases += found
    report = evaluate(tenant_nlu(tenant_id).classify, phrases)
    assert report.accuracy >= MIN_ACCURACY[tenant_id], report.to_text()


def test_out_of_scope_phrases_are_rejected_with_a_reprompt(tenant_nlu):
    nlu = tenant_nlu("nordwelle")
    phrases = ["wer hat gestern das fußballspiel gewonnen", "wie alt ist der papst",
               "wie spät ist es in new york", "mein hund frisst kein trockenfutter"]  # fmt: skip
    results = [nlu.classify(p) for p in phrases]
    rejected = [r for r in results if r.intent is None]
    assert len(rejected) >= 3, [(r.text, r.alternatives[:1]) for r in results]
    assert all(r.action == "reprompt" and r.queue is None for r in rejected)


def test_recogniser_output_with_fillers_and_spelled_out_umlauts(tenant_nlu):
    nlu = tenant_nlu("nordwelle")
    for text in ["äh ja hallo also ich moechte meinen vertrag kuendigen",
                 "ICH MÖCHTE MEINEN VERTRAG KÜNDIGEN!", "ähm, ich will kündigen."]:  # fmt: skip
        assert nlu.classify(text).intent == "kuendigung", text


def test_exact_template_match_names_template_and_slots(tenant_nlu):
    result = tenant_nlu("nordwelle").classify("äh mein wlan geht seit gestern nicht mehr")
    assert result.intent == "stoerung"
    assert result.confidence >= 0.95
    assert result.template is not None
    assert result.slots == {"service": "internet", "since": "gestern"}
    assert (result.queue, result.action) == ("stoerungsdienst", "handoff")


def test_customer_number_said_with_the_concern_is_a_slot(tenant_nlu):
    result = tenant_nlu("nordwelle").classify(
        "meine kundennummer ist vier null acht eins sieben zwei fünf drei und mein internet ist weg"
    )
    assert result.intent == "stoerung"
    assert result.slots["customer_number"] == "40817253"


def test_selfservice_intent_has_no_queue(tenant_nlu):
    result = tenant_nlu("nordwelle").classify("wie starte ich meinen router neu")
    assert (result.intent, result.action, result.queue) == (
        "faq_router_neustart",
        "selfservice",
        None,
    )


def test_product_question_carries_product_or_what_was_heard(tenant_nlu):
    nlu = tenant_nlu("sonnhof")
    known = nlu.classify("ist in der nougatcreme palmöl")
    assert (known.intent, known.slots.get("product")) == ("produkt_palmoel", "nuss-nougat-creme")
    unknown = nlu.classify("was ist in der lakritzschnecke drin")
    assert unknown.intent == "produkt_zutaten"
    assert "product" not in unknown.slots and unknown.slots["product_heard"] == "lakritzschnecke"


def test_complaint_reads_product_and_batch(tenant_nlu):
    result = tenant_nlu("sonnhof").classify(
        "ich möchte die käsespätzle reklamieren die charge ist L zwei drei vier fünf B"
    )
    assert result.intent == "reklamation"
    assert result.slots["product"] == "kaese-spaetzle" and result.slots["batch"] == "L2345B"


def test_slot_answers_for_the_dialog(tenant_nlu):
    assert tenant_nlu("nordwelle").slot("customer_number", "vier null acht eins 7253") == "40817253"
    assert tenant_nlu("nordwelle").slot("postcode", "zwei null null neun fünf") == "20095"
    assert tenant_nlu("marktblick").slot("zufriedenheit", "vier von fünf") == "4"
    assert tenant_nlu("marktblick").slot("weiterempfehlung", "na klar") == "true"


def test_classification_becomes_an_intent_event(tenant_nlu):
    event = tenant_nlu("nordwelle").classify("mitarbeiter bitte").to_event("call-1234", 1500)
    assert (event.name, event.call_id, event.at_ms) == ("mitarbeiter", "call-1234", 1500)


def test_evaluation_report_counts_confusions():
    from voicebot.nlu.labelled import LabelledPhrase
    from voicebot.nlu.understand import Classification

    answers = {"a1": "a", "a2": "b", "b1": "b", "x": None}

    def classify(text: str) -> Classification:
        return Classification(text, answers[text], 0.9, None, "selfservice")

    phrases = [LabelledPhrase("a1", "a", 1), LabelledPhrase("a2", "a", 2),
               LabelledPhrase("b1", "b", 3), LabelledPhrase("x", None, 4)]  # fmt: skip
    report = evaluate(classify, phrases)
    assert report.accuracy == 0.75
    assert report.confused == (("a", "b", 1),)
    scores = {s.intent: s for s in report.per_intent}
    assert (scores["a"].recall, scores["b"].precision, scores[OUT_OF_SCOPE].recall) == (
        0.5,
        0.5,
        1.0,
    )


def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "voicebot.cli", *args], input=stdin,
                          capture_output=True, text=True)  # fmt: skip


def test_classify_command_prints_the_contract_keys():
    run = _cli("classify", "--tenant", "marktblick", "--jsonl",
               stdin="woher haben sie meine nummer\n\nwie spät ist es\n")  # fmt: skip
    assert run.returncode == 0, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(lines) == 2
    for obj in lines:
        assert {"text", "intent", "confidence", "queue", "action", "slots", "alternatives"} <= set(
            obj
        )
    assert lines[0]["intent"] == "datenherkunft"
    assert all({"intent", "confidence"} == set(a) for a in lines[0]["alternatives"])


def test_classify_command_rejects_an_unknown_tenant_in_one_line():
    run = _cli("classify", "--tenant", "nordwele", "hallo")
    assert run.returncode == 1
    assert run.stderr.count("\n") == 1 and "did you mean 'nordwelle'" in run.stderr


def test_intents_test_command_reports_json(tmp_path):
    labelled = tmp_path / "phrases.csv"
    labelled.write_text("text,intent\nich hab gerade keine zeit,keine_zeit\nwie spät ist es,\n")
    run = _cli("intents", "test", "--tenant", "marktblick", str(labelled), "--json")
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["total"] == 2 and {"accuracy", "per_intent", "confused"} <= set(report)


def test_unsure_between_two_intents_of_one_queue_is_sure_of_the_queue(tenant_nlu):
    """failed_transfer or transfer_not_received_by_recipient: the transfers team either way, so
    their probabilities count together; intents of different queues still need a lead."""
    nlu = tenant_nlu("harbour-bank")
    result = nlu.classify("my transfer didn't go through")
    assert result.queue == "transfers" and result.action == "handoff", result
    runner_up = result.alternatives[0]
    assert nlu.tenant.intents[runner_up[0]].queue == "transfers"
    assert result.confidence >= nlu.tenant.nlu.threshold > result.confidence - runner_up[1]
    vague = nlu.classify("something is wrong with my account")  # cards vs fraud vs account
    assert vague.intent is None and vague.action == "reprompt"


@pytest.mark.parametrize(
    ("tenant_id", "wish", "asking"),
    [
        ("sonnhof", "können sie mir einen handwerker empfehlen", "mensch bitte"),
        (
            "nordwelle",
            "ich suche die telefonnummer von meinem hausarzt",
            "geben sie mir einen kollegen",
        ),
        ("harbour-bank", "I'd like to order a pizza", "I want to speak to a manager"),
    ],
)
def test_a_wish_is_no_request_for_a_person_unless_it_names_one(tenant_nlu, tenant_id, wish, asking):
    nlu = tenant_nlu(tenant_id)
    assert nlu.classify(wish).intent not in AGENT_INTENTS, nlu.classify(wish)
    assert nlu.classify(asking).intent in AGENT_INTENTS, nlu.classify(asking)
