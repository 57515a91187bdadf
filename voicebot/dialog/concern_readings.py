"""Readings of a caller's turn that decide which concern it says: a concern named by its topic
alone, one said surely in a clause of an unsure turn, only an area named, opening hours taken for
a turn that names none, the concern said first of several, a complaint that says nothing went
wrong. Most take the tenant and the turn's Intent and return the Intent as meant; the concern
steps (concern_steps.py) apply them.
"""

from __future__ import annotations

import re
from dataclasses import replace

from voicebot.dialog.correction_words import adds_another
from voicebot.dialog.harm_words import reports_problem
from voicebot.dialog.intent_choice import is_new_concern, is_own_concern
from voicebot.dialog.opening_hours import hours_unsaid
from voicebot.dialog.question_words import asks_something, refers_back
from voicebot.dialog.state import CallState
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.turn_clauses import area_named, gives_reason, loose_clauses, parts_of
from voicebot.dialog.turn_parts import is_urgent, status_asked_of_an_answer
from voicebot.dialog.unlisted_reading import unlisted_asked
from voicebot.dialog.words import fold
from voicebot.events import Intent

SURE_CLAUSE = 0.8  # a clause of an unsure turn counts only this sure of its concern


def named_by_topic(tenant: TenantView, text: str, intent: Intent) -> Intent:
    """A turn of a word or two that names the classifier's own best guess by its topic
    ("Rechnung.", "Neukunde.", "Zutaten Duschgel", "Lob!") is sure of it: no "Geht es um
    Ihre Rechnung?" when the caller said just that."""
    if is_new_concern(tenant, intent):
        return intent
    best = intent.name or (intent.alternatives[0][0] if intent.alternatives else None)
    if best is None or tenant.names_topic(text) != best:
        return intent
    return replace(intent, name=best, confidence=max(intent.confidence, tenant.threshold))


def complaint_unsaid(tenant: TenantView, state: CallState, part: Intent, said: str) -> bool:
    """A sentence read as the product complaint that says nothing went wrong (the story
    before a question: "Die Hafermilch stand die ganze Nacht draußen.")."""
    spec = tenant.intents.get(part.name or "")
    complaint = spec is not None and spec.priority == "high" and bool(tenant.catalog)
    if complaint and reports_problem(said):  # ("mein Mann sagt, die ist nicht bio, stimmt
        product = state.slots.get("product")  # das?" asks what no field says)
        return unlisted_asked(tenant, product, said, part).name != part.name
    return complaint


def sure_clause(tenant: TenantView, text: str, intent: Intent) -> Intent:
    """An unsure turn without sentence marks (Whisper's) whose clauses, cut at commas,
    "aber/und" and numbers, say its best guess surely in one of them and no other concern
    ("mein mann hat den vertrag aber ich will fragen wie viel offen ist …"): that concern,
    instead of "Wie kann ich Ihnen helfen?" as if nothing was said."""
    guess = intent.alternatives[0][0] if intent.alternatives else None
    if is_new_concern(tenant, intent) or guess is None or len(parts_of(text)) > 1:
        return intent
    found = [tenant.classify(c, intent) for c in loose_clauses(text)]
    # a clause is short, so only a sure one counts ("I'd like to open a savings account"
    # was "age limit" at 0.53)
    surely = max(tenant.threshold, SURE_CLAUSE)
    named = {f.name for f in found if is_own_concern(tenant, f) and f.confidence >= surely}
    runner_up = intent.alternatives[1][0] if len(intent.alternatives) > 1 else None
    last = found[-1] if found else None  # the runner-up too when the last clause says it
    said_last = last is not None and last.name == runner_up and last.confidence >= 0.95
    if len(found) < 2 or not (named == {guess} or (said_last and named == {runner_up})):
        return intent  # all but surely ("… da steht, der Preis Ihres Tarifs erhöht sich
    # … ich will dann kündigen" guessed a tariff change: a letter read out, then the concern)
    best = next(f for f in reversed(found) if f.name in named)
    return replace(best, slots={**intent.slots, **best.slots})


def area_only(tenant: TenantView, text: str, intent: Intent) -> Intent:
    """A turn that names only the area of its concern ("I have a question about my
    account", "Ich hab eine Frage zu meinem Vertrag") is no sure concern, whatever the
    classifier picked in that area (it put the caller through to the account team as
    "closing your account"): asked about ("Is it about …?") instead. An area that is a
    concern's own topic ("Es geht um meine Rechnung") stays that concern."""
    if not is_own_concern(tenant, intent):
        return intent
    area = area_named(text)  # ("eine Frage zu den Inhaltsstoffen": a word of few intents)
    if area is None or tenant.names_topic(area) == intent.name:
        return intent
    if tenant.names_distinctly(area, str(intent.name)):
        return intent
    guess = (str(intent.name), intent.confidence)
    return replace(intent, name=None, alternatives=(guess, *intent.alternatives))


def without_unsaid_hours(tenant: TenantView, text: str, intent: Intent) -> Intent:
    """The opening hours taken for a turn that names nothing of them ("wann kommt denn
    jetzt der Techniker": told the shops' hours): no sure concern, the caller asked (the
    guess kept for "Geht es um …?" only as an alternative)."""
    spec = tenant.intents.get(intent.name or "")
    if spec is None or not is_new_concern(tenant, intent):
        guess = intent.alternatives[0][0] if intent.alternatives else ""
        guessed = tenant.intents.get(guess)
        if guessed is not None and hours_unsaid(guessed.description, text):
            return without(intent, guess)  # "wann geht das Internet wieder": not "Geht es
        return intent  # um unsere Öffnungszeiten?", the next guess asked about
    asked_when = status_asked_of_an_answer(tenant, text, intent)  # "wann kommt mein
    if not (asked_when or hours_unsaid(spec.description, text)):  # neuer Router": no
        return intent  # restart steps
    return replace(intent, name=None, confidence=0.0, alternatives=())


def first_said(
    tenant: TenantView, text: str, sentences: list[str], intent: Intent, parts: list[Intent]
) -> Intent:
    """Which concern of a turn with several leads (the rest are served after it). In the
    order said when one is added ("ich ziehe nach Bremen und muss außerdem meine
    Kontonummer ändern": the move, with its new postcode, first) or both are questions;
    the outcome after "deshalb" ("… geht nicht. Deshalb will ich kündigen."); otherwise the
    turn as a whole, or its last sure part when the whole is unsure (a background
    sentence comes first: "Ich habe den Tarif gewechselt. Seitdem geht …"). Only when the
    whole turn's concern is one of the parts, so the parts are read right."""
    sure = [p for p in parts if is_own_concern(tenant, p)]
    whole = is_new_concern(tenant, intent)  # ("Hallo, ist da jemand?" is no concern)
    if not sure or (whole and intent.name not in {p.name for p in sure}):
        return intent
    questions = all(asks_something(p) or p.endswith("?") for p in sentences)
    if gives_reason(text):  # "… geht nicht. Deshalb will ich kündigen": the outcome
        return sure[-1]
    if not (adds_another(text, tenant.language) or questions):  # "Ich habe letzte
        return intent if whole else sure[-1]  # Woche den Tarif gewechselt. Seitdem geht
        # mein Internet nicht mehr": background first, the concern last
    answered = [p for p in sure if tenant.intents[str(p.name)].action == "selfservice"]
    if answered and len(answered) < len(sure) and not any(is_urgent(tenant, p) for p in sure):
        return answered[0]  # ("my transfer's still pending and while I'm on, what's the
    return sure[0]  # exchange rate": the answer first, the person after it)


def part_intents(tenant: TenantView, sentences: list[str], intent: Intent) -> list[Intent]:
    """Each sentence or added clause of the turn classified alone ([] for a single one)."""
    if len(sentences) < 2:
        return []
    parts = [tenant.classify(piece, intent) for piece in sentences]
    product = intent.slots.get("product")  # "Wieviel kostet die Hafermilch und ist die
    return [  # vegan?": the product named once is each part's
        replace(p, slots={"product": product, **p.slots})
        if product and "product" not in p.slots else p
        for p in parts
    ]  # fmt: skip


def concern_in(tenant: TenantView, words: str, like: Intent) -> bool:
    """The words say a concern the NLU is sure of ("mein Internet geht nicht"; not "Ach
    Quatsch, das ist die von meiner Frau")."""
    return bool(words) and is_new_concern(tenant, tenant.classify(words, like))


def nothing(event: Intent) -> Intent:
    """The turn's Intent understood as no concern at all."""
    return replace(event, name=None, confidence=0.0, alternatives=())


def without(event: Intent, rejected: str) -> Intent:
    """The event with an intent the caller just said no to left out (its next best stays a
    candidate, unsure)."""
    guessed = event.name is None and event.alternatives and event.alternatives[0][0] == rejected
    if event.name != rejected and not guessed:  # (a sure other concern stays: "not really, i
        return event  # want to know how much i can top up" lost its 0.99 to the runner-up no)
    others = tuple(a for a in event.alternatives if a[0] != rejected)
    confidence = others[0][1] if others else 0.0
    return replace(event, name=None, confidence=confidence, alternatives=others)


# words of a corrected part that can name a concern of their own
_OWN_CONCERN_WORDS = 4


def taken_back_for_unclear(
    tenant: TenantView, text: str, intent: Intent, meant: str, corrected: Intent
) -> bool:
    """The concern said first was taken back for words the NLU cannot place surely or places
    elsewhere ("I need to change my pin, sorry no, I mean I forgot the postcode for the app":
    'passcode' misheard): the words meant are what is asked about or asked again, never the
    concern taken back. A refinement ("…, no, actually it was stolen") and a short fragment
    ("…, nein, zu hoch") leave the first concern."""
    if is_new_concern(tenant, corrected) or not is_own_concern(tenant, intent):
        return False
    if refers_back(meant) or len(meant.split()) < _OWN_CONCERN_WORDS:
        return False
    if tenant.product_in(meant) is not None:  # "Wie lange hält sich die Marmelade, ach nee,
        return False  # ich meine die Tomatensauce, nach dem Öffnen?": the product swapped
    opening = " ".join(fold(meant).split()[:3])  # "top up by card, no wait, I mean by bank
    if fold(text).startswith(opening):  # transfer": the sentence completed, not taken back
        return False
    guess = corrected.name or (corrected.alternatives[0][0] if corrected.alternatives else None)
    return guess != intent.name


# Where the caller lives, said to be found without the customer number ("ich wohne in der
# Hauptstraße 5 in München", "meine Adresse ist …"), not a move: read as one ("Wie lautet die
# Postleitzahl Ihrer neuen Adresse?")
_LIVES_AT = re.compile(
    r"\b(?:ich wohne|wir wohnen|wohnhaft|meine adresse (?:ist|lautet)|unsere adresse (?:ist|"
    r"lautet)|ich bin (?:aus|in) (?:der|dem) \w+(?:strasse|weg|platz|allee))\b"
)
_MOVING = re.compile(
    r"\b(?:umzug\w*|umzieh\w*|zieh\w* (?:\w+ ){0,4}um\b|umgezogen|neue\w* (?:adresse|wohnung)|"
    r"alte\w* (?:adresse|wohnung)|ab (?:dem|naechst\w*)|mitnehmen|aender\w*|neu\w* hier)"
)


def without_address_told(tenant: TenantView, text: str, intent: Intent) -> Intent:
    """A move or a change of details read from a turn that only says where the caller lives
    (see _LIVES_AT): no concern (asked for it)."""
    said = fold(text)
    if not _LIVES_AT.search(said) or _MOVING.search(said):
        return intent
    best = intent.name or next((name for name, _ in intent.alternatives[:1]), None)
    spec = tenant.intents.get(best or "")
    if spec is None or not ("postcode" in spec.needs or "adresse" in fold(spec.description)):
        return intent  # ("ich wohne in Köln und mein Internet geht nicht": the fault)
    return replace(intent, name=None, confidence=0.0, alternatives=())
