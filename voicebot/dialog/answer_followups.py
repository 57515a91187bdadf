"""What a caller says back to an answer the bot cannot settle itself, at "Möchten Sie mit einem
Mitarbeiter sprechen?" or "Kann ich sonst noch helfen?":

- a payment already made, said to the open balance ("ich hab doch schon überwiesen", "das ist
  doch längst bezahlt"): it heard "Bitte antworten Sie mit Ja oder Nein" twice. The balance
  is disputed: billing is put through at once, the claim noted for the agent;
- a credit asked for after the outage ("bekomme ich dafür eine Gutschrift"): it heard "Genauer
  kann ich es Ihnen leider nicht sagen" with nothing noted. Said that a person decides, a person
  offered, the wish noted;
- what to do if the answer does not help, asked after steps read out ("und wenn das nicht
  hilft"): read as a "nicht", a no, the call ended; after the outage ("und wenn das bis morgen
  nicht geht") it heard "Bitte antworten Sie mit Ja oder Nein". A person offered for that case.

German only: the English tenant's own intents place such turns."""

from __future__ import annotations

import re

from voicebot.dialog.closing_words import MORE_PHRASES, says_goodbye, thanks_in
from voicebot.dialog.question_words import QUESTION_WORDS, is_question
from voicebot.dialog.reply import BotReply
from voicebot.dialog.state import CallState
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.words import digits_in, fold, yes_or_no
from voicebot.events import Intent

# "ich hab (doch) schon überwiesen", "das ist doch längst bezahlt", "hab ich bereits gezahlt",
# "das Geld ist doch abgebucht worden"; not a wish ("ich möchte das gleich überweisen") nor a
# question ("ist das schon bezahlt?" is no claim: asked as such it is a question about the answer)
_PAID = re.compile(
    r"\b(?:schon|bereits|laengst|doch)\b(?:\s+\S+){0,4}?\s+(?:ueberwiesen|bezahlt|gezahlt|"
    r"beglichen|abgebucht)\b|"
    r"\b(?:ueberwiesen|bezahlt|gezahlt|beglichen|abgebucht)\s+(?:\w+\s+){0,2}?(?:schon|bereits|"
    r"laengst)\b|"
    r"\b(?:hab|habe|haben|hatte|ist|sind|wurde|wurden)\s+(?:\w+\s+){0,4}?(?:ueberwiesen|bezahlt|"
    r"gezahlt|beglichen|abgebucht)\b"
)
_NOT_PAID = re.compile(r"\bnoch nicht\b|\bnicht (?:\w+ ){0,2}(?:ueberwiesen|bezahlt|gezahlt)\b")
# "ich will kein Geld zurück, ich will dass es funktioniert": no credit wanted
_NO_CREDIT = re.compile(
    r"\b(?:kein|keine|keinen|nicht um)\s+(?:\w+\s+){0,1}?(?:geld|gutschrift|"
    r"entschaedigung|erstattung)\b"
)
# "… dann melde ich mich wieder", "… rufe ich wieder an": the caller's own plan, no question
_OWN_PLAN = re.compile(r"\b(?:melde|rufe|ruf|komme|versuche|probiere)\b")

# "bekomme ich dafür eine Gutschrift", "gibt es da eine Entschädigung", "kriege ich Geld zurück"
_CREDIT = re.compile(
    r"\b(?:gutschrift|entschaedigung|erstattung|rueckerstattung|ausgleich|minderung|"
    r"preisnachlass|nachlass)\w*\b|\bgeld\s+(?:\w+\s+){0,2}?zurueck\b|"
    r"\b(?:erstattet|gutgeschrieben)\b|\bweniger\s+(?:\w+\s+){0,2}?(?:zahlen|bezahlen)\b"
)

# "und wenn das nicht hilft", "was mach ich, falls das nicht klappt", "und wenn's dann immer
# noch nicht geht"
_IF_NOT = re.compile(
    r"\b(?:wenn|falls)\s+(?:\w+\s+){0,4}?nicht\s+(?:\w+\s+){0,1}?(?:hilft|klappt|funktioniert|"
    r"geht|reicht)\b"
)

# Words the condition may follow ("und was mach ich, wenn …", "ja aber falls …")
_LEAD_IN = frozenset((
    "und", "aber", "ja", "ok", "okay", "also", "na", "gut", "was", "ist", "mach", "mache", "tu",
    "tue", "ich", "soll", "machen", "tun", "dann", "denn", "eigentlich", "und", "aeh", "oh",
))  # fmt: skip

_CLAIM = {"de": "Kunde gibt an, bereits bezahlt zu haben", "en": "caller says it is paid"}
_CREDIT_WISH = {"de": "Gutschrift gewünscht", "en": "credit asked for"}


def says_paid_already(text: str) -> bool:
    """A payment claimed as made ("ich hab doch schon überwiesen")."""
    folded = fold(text.replace("'", " "))
    if "?" in text or _NOT_PAID.search(folded):
        return False
    return _PAID.search(folded) is not None


def asks_for_credit(text: str) -> bool:
    """A credit or refund asked for ("bekomme ich dafür eine Gutschrift")."""
    folded = fold(text)
    return _CREDIT.search(folded) is not None and _NO_CREDIT.search(folded) is None


def asks_if_it_fails(text: str) -> bool:
    """What to do if the answer does not help ("und wenn das nicht hilft"); not the caller's
    own plan for that case ("danke, falls das nicht klappt, melde ich mich wieder")."""
    folded = fold(text.replace("'", " "))
    found = _IF_NOT.search(folded)
    if found is None or _OWN_PLAN.search(folded):
        return False
    if not set(folded[: found.start()].split()) <= _LEAD_IN:  # "ich will kündigen, wenn das
        return False  # nicht sofort geht": a threat, said with its condition
    return not (thanks_in(text) or says_goodbye(text))


def _note(state: CallState, wish: str) -> None:
    if wish not in (state.topic or ""):
        state.topic = f"{state.topic}; {wish}" if state.topic else wish


def answer_followup(tenant: TenantView, state: CallState, reply: BotReply, text: str) -> bool:
    """A payment claimed after the balance (billing at once, noted), a credit asked after the
    outage (a person offered, noted) or what to do if the steps fail (a person offered); False
    for other turns."""
    if state.awaiting not in ("offer_agent", "anything_else") or state.intent is None:
        return False
    if not tenant.language.startswith("de") or not state.last_answer:
        return False
    answer = state.intent.answer or ""
    owing = bool(digits_in(state.last_answer, tenant.language))  # (none open: "schon bezahlt,
    if owing and answer == "builtin:balance" and says_paid_already(text):  # danke" closes)
        _note(state, _CLAIM["de"])
        reply.handoff_for_intent([], reason="intent")
        return True
    if answer == "builtin:outage" and asks_for_credit(text):
        _note(state, _CREDIT_WISH["de"])
        if yes_or_no(text, tenant.language) is True:
            reply.handoff_for_intent([], reason="intent")
            return True
        told = "Über eine Gutschrift kann ich leider nicht entscheiden; das prüft ein Kollege."
        reply.ask([told, tenant.prompts.say("offer_agent")], "offer_agent", "yesno")
        return True
    if asks_if_it_fails(text):
        told = "Dann hilft Ihnen gern ein Mitarbeiter weiter."
        reply.ask([told, tenant.prompts.say("offer_agent")], "offer_agent", "yesno")
        return True
    return False


def after_more(text: str) -> str:
    """The words after "noch eine Frage" / "noch was" ("doch, noch eine Frage zur Rechnung:
    wann wird abgebucht" -> "zur rechnung wann wird abgebucht"); "" when nothing follows."""
    folded = f" {fold(text)} "
    ends = [folded.rfind(f" {p} ") + len(p) + 2 for p in MORE_PHRASES if f" {p} " in folded]
    return folded[max(ends) :].strip() if ends else ""


def same_concern_asked(tenant: TenantView, state: CallState, rest: str, intent: Intent) -> bool:
    """After "noch eine Frage", a question about the concern just answered ("zur Rechnung, wann
    wird abgebucht" after the balance): the turn names that concern and asks something."""
    if state.intent is None or not state.last_answer or len(rest.split()) < 2:
        return False
    words = rest.split()
    at = next((i for i, w in enumerate(words) if w in QUESTION_WORDS), None)
    if at is None or not is_question(" ".join(words[at:])):
        return False
    event = tenant.classify(rest, intent)
    name = event.name or (event.alternatives[0][0] if event.alternatives else None)
    return name == state.intent.id


def asks_by_tag(text: str) -> bool:
    """A statement made a question by its tag ("der ist doch schon abgelaufen, oder", "…,
    gell", "…, oder nicht"), which is_question does not read."""
    words = fold(text).split()
    return len(words) >= 3 and (words[-1] in ("oder", "gell", "ne") or
                                words[-2:] in (["oder", "nicht"], ["nicht", "wahr"]))  # fmt: skip
