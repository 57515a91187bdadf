"""Praise read as a complaint: thanked for, never put through to the complaints team.

The classifier places "Ich wollte mich mal bedanken, der Techniker war super nett" near the
complaint intent (it talks about a technician, an agent, a service), and a complaint goes to
its team at once with high priority. A turn that praises, reports nothing wrong, asks nothing
and announces no complaint is taken as praise: the tenant's praise intent when it has one,
else thanks and "anything else?".
"""

from __future__ import annotations

import re
from dataclasses import replace

from voicebot.dialog.agent_requests import asks_for_agent
from voicebot.dialog.harm_words import reports_problem
from voicebot.dialog.negated_criticism import praises_by_denial, without_denial
from voicebot.dialog.product_reading import is_praise, says_praise
from voicebot.dialog.question_words import is_question
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.turn_clauses import parts_of
from voicebot.dialog.words import fold
from voicebot.events import Intent

_THANKS = re.compile(r"\b(?:bedanken|danke|dankeschoen|dank|thank|thanks)\b")
_COMPLAINT_SAID = re.compile(
    r"beschwer|reklam|complain|frechheit|unverschaemt|sauer|aerger|\bfuer nichts\b|\bfor nothing\b|"
    r"\bna (?:toll|super|klasse|prima)\b"
)  # (sarcasm: "danke für nichts", "na toll")


def praise_read_as_complaint(tenant: TenantView, text: str, intent: Intent) -> bool:
    """The turn's likeliest concern is urgent (a complaint), or the turn is placed nowhere at a
    tenant with no praise intent, but it only praises (see above)."""
    likely = intent.name or (intent.alternatives[0][0] if intent.alternatives else None)
    spec = tenant.intents.get(likely or "")
    if spec is not None and is_praise(tenant, spec):
        return False
    urgent = spec is not None and spec.priority == "high"
    unplaced = intent.name is None and praise_intent(tenant) is None  # (a bank: "thank you,
    if not (urgent or unplaced):  # the lady I spoke to was really helpful" was not understood
        return False  # twice; no intent of Banking77 takes praise)
    folded = _TEAM_NAMED.sub("team", fold(text))  # ("your fraud team were brilliant": no
    if not (says_praise(folded) or (_THANKS.search(folded) and _praised_person(folded))):
        return False  # fraud reported)
    if reports_problem(folded) or _COMPLAINT_SAID.search(folded) or asks_for_agent(text):
        return False
    return not ("?" in text or is_question(text))


# A team named after what it deals with: no fraud, scam or complaint reported ("your fraud team
# were brilliant last week", "the lady from your fraud department sorted everything out")
_TEAM_NAMED = re.compile(
    r"\b(?:fraud|scams?|lost (?:and|or) stolen|complaints?|security|betrugs?)"
    r"(?: prevention| protection)? (?:team|department|dept|people|lot|guys|line|section|unit|"
    r"staff|desk|side|abteilung)\b"
)


def praise_intent(tenant: TenantView) -> str | None:
    """The tenant's intent for praise, if it has one."""
    return next((s.id for s in tenant.intents.values() if is_praise(tenant, s)), None)


def _praised_person(folded: str) -> bool:
    """Thanks given for someone's help ("danke, Ihr Kollege hat mir sehr geholfen")."""
    return bool(
        re.search(
            r"\b(?:geholfen|nett|freundlich|hilfsbereit|helpful|kind|brilliant|great|amazing|"
            r"fantastic|excellent|lovely|wonderful|superb|patient|(?:so|really|very) good)\b|"
            r"\b(?:thanks|thank you) (?:\w+ ){0,2}for (?:sorting|fixing|helping|resolving|"
            r"dealing|getting|sending|replacing|all (?:your|the) help|your help|the help)\b",
            folded,
        )
    )


# A question run on after praise in one sentence, as Whisper writes it without marks ("ihre
# Hafermilch ist super lecker gibt es die auch ohne Zucker", "die Brezeln sind echt toll gibt
# es die auch als Bio", "die Nougatcreme ist der Hammer die gibts nicht zufällig auch in groß")
_RUN_ON = re.compile(
    r"\b(?:(?:die|das|den|der) )?(?:gibt es|gibts|gibt s|habt ihr|haben sie|hat die|hat das|"
    r"kann man|kann ich|wie lange|wie viel|wo|wann|woher|ist (?:die|der|das|es|sie)|"
    r"sind (?:die|sie)|wie (?:\w+ ){1,2}(?:man|ich)|darf (?:man|ich)|was (?:kostet|kosten))\b"
)  # ("… super, aber wie backt man die am besten auf"; "… was ist da für ein Duft drin" is
# read by question_not_praise)
# Praise in words says_praise leaves to the classifier ("ich liebe", "der Hammer")
_PRAISED = re.compile(
    r"\b(?:ich liebe|wir lieben|(?:der|ein|echt der|absolut der) hammer|spitzenmaessig|"
    r"einsame spitze|fantastisch|traumhaft|ausgezeichnet|sehr gut|richtig gut|total gut|mega)\b"
)
_LEADING_POINTER = re.compile(r"^(?:die|das|den|der) (gibt es|gibts|gibt s|hat|ist|sind)\b")
_POINTER = re.compile(
    r"^((?:\w+ ){0,3}?(?:gibt es|gibts|gibt s|habt ihr|haben sie|hat|ist|sind|"
    r"kann man|kann ich|halten|haelt|kostet|kosten|muss ich|soll ich|darf man|darf ich|"
    r"wie (?:\w+ ){1,2}(?:man|ich)) )"
    r"(?:die|das|den|der|es|sie|ihn|diese\w*)\b"
)
_EARLIER = re.compile(r"\b(?:frueher|damals|sonst immer|bisher immer)\b")  # not today's praise


def question_after_praise(tenant: TenantView, text: str) -> tuple[str, str] | None:
    """Praise of a product of ours with a question run on in the same sentence: (the product,
    the question with the product named in it: "gibt es Haferdrink auch ohne zucker"), so the
    praise is thanked for and the question answered; None when the words do not praise (or
    report a problem, or ask for a person) before a question."""
    if not tenant.catalog or len(parts_of(text)) > 1:
        return None
    folded = fold(text)
    for found in _RUN_ON.finditer(folded):
        before, question = folded[: found.start()], folded[found.start() :]
        if len(before.split()) < 3 or len(question.split()) < 3:
            continue
        product = tenant.product_in(before)
        praised = says_praise(before) or bool(_PRAISED.search(before)) or praises_by_denial(before)
        wrong = reports_problem(without_denial(before))  # ("gar nicht zu salzig" is no fault)
        if product is None or not praised or wrong or _EARLIER.search(before):
            return None
        if reports_problem(question) or asks_for_agent(text):
            return None
        question = product_put_in(tenant, product, question)
        if tenant.product_in(question) != product:  # (the question alone does not say what
            return None  # it is about: read with the praise as before)
        return product, question
    return None


def product_put_in(tenant: TenantView, product: str, question: str) -> str:
    """The question with the product named for its 'die/das' ("gibt es die auch ohne Zucker"
    -> "gibt es haferdrink auch ohne zucker"; folded), so it is read alone."""
    named = tenant.either([product]).lower()  # (its first alias, written as Whisper does)
    question = _LEADING_POINTER.sub(rf"\g<1> {named}", question, count=1)
    return _POINTER.sub(rf"\g<1>{named}", question, count=1)


_PRAISE_STEM = re.compile(r"\b(?:toll|gut|super|lecker|klasse|prima|spitze|wunderbar)\w*")


def praise_unplaced(tenant: TenantView, text: str, intent: Intent) -> Intent:
    """Praise the classifier ranked first but left unplaced for words its examples lack ("tolle
    Firma, danke für die guten Produkte": 'Lob' at 0.99, unlike its examples): the praise
    intent, when the words praise and neither ask nor report anything (it was "nicht
    verstanden" twice and the keypad menu)."""
    if intent.name is not None or not intent.alternatives:
        return intent
    best, confidence = intent.alternatives[0]
    spec = tenant.intents.get(best)
    if spec is None or not is_praise(tenant, spec) or confidence < tenant.threshold:
        return intent
    folded = fold(text)
    thanked = bool(_THANKS.search(folded) and _PRAISE_STEM.search(folded))  # ("die guten
    if not (says_praise(text) or _PRAISED.search(folded) or thanked):  # Produkte")
        return intent
    if re.search(r"\b(?:nicht|kein\w*|nie)\b", folded) or reports_problem(text):
        return intent
    if asks_for_agent(text) or "?" in text or is_question(text):
        return intent
    return replace(intent, name=best, confidence=confidence)
