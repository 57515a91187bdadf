"""Standing orders and direct debits the caller wants set up, changed or cancelled, or that
failed: Banking77 has no intent for them. "I want to set up a standing order" was not
understood twice, "I want to cancel a direct debit", "my direct debit to British Gas bounced"
went to the fraud team at high priority (its nearest intent is a direct debit the caller does
not recognise). Such a request alone in the turn is put through to a person at normal priority,
the request named for the agent ("standing order: set up"). A direct debit or standing order
the caller doubts ("one I don't recognise", "I never set that up", "someone set up …") stays
with the fraud team, and so does money used without the caller said with it.
"""

from __future__ import annotations

import re

from voicebot.dialog.intent_choice import is_new_concern
from voicebot.dialog.money_reading import scam_reported, used_by_someone_else
from voicebot.dialog.run_together import fold_contracted
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.turn_parts import is_urgent
from voicebot.dialog.words import fold_spoken
from voicebot.events import Intent

_ORDER = re.compile(r"\b(standing orders?|direct debits?)\b")
# What is to be done with it, or what went wrong: (word pattern, what the agent reads)
_WHAT = (
    (
        r"bounc\w*|fail\w*|return\w*|reject\w*|declin\w*|miss\w*|unpaid|"
        r"(?:didn t|did not|hasn t|has not|haven t|won t|wouldn t) (?:\w+ )?(?:go|gone|come|"
        r"came|been) (?:out|through)|(?:didn t|did not|hasn t|has not) (?:been )?(?:paid|taken)",
        "failed",
    ),
    (
        r"still (?:\w+ ){0,4}(?:going|coming|being taken|being paid|taken|taking|paid)(?: out)?|"
        r"keeps? (?:going|coming) out",
        "still being paid",
    ),
    (
        r"cancel\w*|stop\w*|end|ending|remov\w*|delet\w*|get rid of|close|closing|"
        r"turn (?:it |that |them )?off",
        "cancel",
    ),
    (
        r"chang\w*|amend\w*|updat\w*|mov\w*|increas\w*|reduc\w*|lower\w*|rais\w*|"
        r"put (?:it |that )?up|edit\w*|switch\w*|paus\w*|put (?:\w+ )?on hold",
        "change",
    ),
    (r"set(?:ting)? (?:\w+ )?up|setup|creat\w*|arrang\w*|start\w*|new", "set up"),
    (r"twice|two times|double", "taken twice"),
    (
        r"^(?:\w+ )?(?:when|how|what|which|can you tell|could you tell|do you know|can i|could i|"
        r"do i|do you|is it possible|am i able|are you able)",
        "question",
    ),
)
# The caller doubts it: the fraud team's concern ("a direct debit I don't recognise", "I never
# set that up", "someone set up a standing order on my account")
_DOUBT = re.compile(
    r"\b(?:(?:don t|do not|didn t|did not|can t|cannot) (?:\w+ )?recogni[sz]e|unrecogni[sz]ed|"
    r"never (?:\w+ )?(?:set|signed|joined|agreed|authori[sz]ed|heard|made|asked|had|used|"
    r"ordered|bought)|(?:didn t|did not|haven t|have not) (?:\w+ )?(?:set|sign|signed|agree|"
    r"agreed|authori[sz]e|make|made|ask|asked|order|ordered)|not (?:\w+ )?mine|isn t mine|"
    r"unknown|strange|suspicious|weird|odd|dodgy|fraud\w*|scam\w*|(?:someone|somebody)(?: s| has| "
    r"have| had)? (?:\w+ )?(?:set|taken|took|made|added|created|used)|"
    r"some company|without (?:my|me|asking)|unauthori[sz]ed|no idea|not sure what|"
    r"(?:don t|do not|didn t|did not) know (?:what|who|where|why|anything|about)|"
    r"what (?:is|s) (?:this|that)|who (?:is|s)|not with|never with|nothing to do with)\b"
)
_CLAUSE_BREAK = re.compile(r"[.!?;,]\s*|\s+(?:and|but|also|plus|then)\s+", re.IGNORECASE)


def _what(said: str, start: int, end: int) -> str | None:
    """What the caller wants done or what went wrong, read near the order's name."""
    near = said[max(0, start - 60) : end + 60]
    for pattern, label in _WHAT:
        if re.search(rf"\b(?:{pattern})\b", near):
            return label
    return None


def _said(text: str) -> str:
    """Folded, "didnt" written as "didn t" (Whisper often leaves the apostrophe out)."""
    return fold_contracted(text)


def order_request(text: str) -> str | None:
    """'standing order: cancel', 'direct debit: failed', 'standing order' …: a standing order
    or direct debit named in English and not doubted (no fraud); else None."""
    said = _said(text)
    found = _ORDER.search(said)
    if found is None or _DOUBT.search(said) or used_by_someone_else(text) or scam_reported(text):
        return None
    kind = "standing order" if found.group(1).startswith("standing") else "direct debit"
    what = _what(said, found.start(), found.end())
    if what is None and kind == "direct debit":
        return None  # "a direct debit came out twice", "a direct debit of 30 pounds": the
    return f"{kind}: {what}" if what else kind  # classifier's reading (fraud stays fraud)


def _rest(text: str) -> str:
    """The clauses of the turn that do not name the standing order or direct debit."""
    clauses = _CLAUSE_BREAK.split(text)
    return " ".join(c for c in clauses if c and not _ORDER.search(fold_spoken(c))).strip()


# The standing order or direct debit went as it should: background to another concern ("my
# direct debit to the gym went out fine but my card got declined")
_FINE = re.compile(
    r"\b(?:went|gone|goes|go|come|came|comes|paid|taken|worked|works) (?:out |through |in )?"
    r"(?:fine|ok|okay|alright|all right|as normal|normally|no problem)\b"
)


def _said_fine(text: str) -> bool:
    """A clause naming the standing order or direct debit says it went as it should, and the
    rest does not point back at it ("… went out fine but i was charged twice for it")."""
    if re.search(r"\b(?:it|that|them)\b", fold_spoken(_rest(text))):
        return False
    return any(
        _ORDER.search(fold_spoken(c)) and _FINE.search(_said(c))
        for c in _CLAUSE_BREAK.split(text)
        if c
    )


def order_beside(text: str) -> str | None:
    """The request to note for the agent beside another concern (order_request), none for one
    that went as it should."""
    return None if _said_fine(text) else order_request(text)


def _sure_clause(tenant: TenantView, text: str, intent: Intent) -> tuple[str, Intent] | None:
    """A clause of the turn not naming the order that alone is a sure concern ("i lost my card
    yesterday, also i had a standing order …, is that still going out": the lost card, which
    the question run on to the rest left unsure); the first urgent one, else the first."""
    found = []
    for clause in _CLAUSE_BREAK.split(text):
        if clause and len(clause.split()) >= 3 and not _ORDER.search(fold_spoken(clause)):
            read = tenant.classify(clause, intent)
            if is_new_concern(tenant, read):
                found.append((clause.strip(), read))
    urgent = [(c, r) for c, r in found if is_urgent(tenant, r)]
    return (urgent or found or [None])[0]


def order_alone(tenant: TenantView, text: str, intent: Intent) -> tuple[str | None, str, Intent]:
    """The standing order or direct debit request (its words for the agent) when it is the
    turn's only concern; else None and the turn with its concern: another clause's sure concern
    wins over the fraud team the request was read as ("I need to cancel a direct debit and my
    card is not working": the card, read without the request), and a routine concern stays
    ("my card is not working and I want to cancel a standing order" keeps the card). One that
    went as it should is no request: the rest of the turn is read without it."""
    topic = order_request(text)
    if topic is None or tenant.language[:2] != "en":
        return None, text, intent
    rest = _rest(text)
    if rest and _said_fine(text):
        return None, rest, tenant.classify(rest, intent)
    other = tenant.classify(rest, intent) if rest else None
    if other is None or not is_new_concern(tenant, other):
        clause = _sure_clause(tenant, text, intent)
        if clause is None:
            return topic, text, intent
        return None, *clause
    if is_urgent(tenant, intent) and not is_urgent(tenant, other):
        return None, rest, other
    return None, text, intent


def routine_read_as_urgent(tenant: TenantView, text: str, concern: Intent) -> bool:
    """A standing order or direct debit request, not doubted, that the classifier read as an
    urgent concern ("yes, and I also want to cancel a direct debit" read as a direct debit not
    recognised)."""
    return (
        tenant.language[:2] == "en"
        and order_request(text) is not None
        and is_urgent(tenant, concern)
    )
