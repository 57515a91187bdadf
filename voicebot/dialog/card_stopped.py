"""A card the caller wants cancelled, blocked or stopped, read by a bank's few-shot intents as a
transfer or a direct debit.

Banking77's examples say "cancel" only of transfers and "debit" only of direct debits: "can you
cancel my card please" was cancelling a transfer at 0.87 (the transfers team), "i dropped my
purse … i had my debit card in it so i need to cancel it" the same, "kindly block my debit card,
it is misplaced" reached the fraud team as a direct debit not recognised. Their examples know
the card blocked ("i need to block my card" is a lost or stolen card), so such a turn is read
again with the verb said as "block" and the card as "card"; the reading is taken when it is a
card's concern. A payment or transfer named in the turn ("cancel the card payment i just made")
leaves it as read. A card to cancel with no loss, theft or misuse said ("i want to cancel my
card", "… i dont want it any more") is no urgent matter: the card team, the request named.
"""

from __future__ import annotations

import re

from voicebot.dialog.money_reading import scam_reported, used_by_someone_else
from voicebot.dialog.run_together import fold_contracted
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.turn_parts import is_urgent
from voicebot.events import Intent

_STOP_VERB = r"(?:cancel|cancell?ed|cancell?ing|stop|stopped|stopping|freeze|block|deactivate)"
_OWNER = r"(?:my|the|his|her|our|their|this|that|mums|dads|mum s|dad s)"
_CARD = r"(?:(?:debit|bank|cash|visa|master ?card|harbour bank|harbour) )?cards?"
# The card as what is to be stopped: "cancel my card", "block his debit card", "… my card in
# it so i need to cancel it"
_CARD_STOPPED = re.compile(
    rf"\b{_STOP_VERB} (?:\w+ )?{_OWNER} (?:\w+ )?{_CARD}\b|"
    rf"\b{_OWNER} (?:\w+ )?{_CARD}\b.{{0,80}}\b{_STOP_VERB} (?:it|them)\b"
)
_CANCEL_VERB = r"(?:cancel|cancell?ed|cancell?ing|close|closing|get rid of)"
_CARD_CANCELLED = re.compile(
    rf"\b{_CANCEL_VERB} (?:\w+ )?{_OWNER} (?:\w+ )?{_CARD}\b|"
    rf"\b{_OWNER} (?:\w+ )?{_CARD}\b.{{0,80}}\b{_CANCEL_VERB} (?:it|them)\b"
)
# A payment, a transfer or a direct debit named: what is to be stopped may be that
_MONEY_MOVED = re.compile(
    r"\b(?:transfers?|transferred|payments?|paid|direct debits?|standing orders?|transactions?|"
    r"purchases?|subscriptions?|top ?ups?|topped up|sent|send|money|pounds|quid|euros|dollars)\b"
)
# The card gone or in doubt: the urgent team's ("… i think ive left it in a taxi", "freeze it
# while i look for it")
_GONE = re.compile(
    r"\b(?:lost|lose|losing|stolen|steal|stole|nicked|pinched|missing|misplaced|mislaid|left|"
    r"dropped|gone|find|found|look\w* for|taken|took|someone|somebody|fraud\w*|hacked|"
    r"compromised|cloned|skimmed|scam\w*|details|wallet|purse|bag|handbag|phone|robbed|mugged|"
    r"block\w*|freez\w*|froze)\b"
)
CANCEL_TOPIC = "cancelling a card"
# Intents about moving money, named so by their ids in every Banking77-based tenant
_MONEY_INTENT = re.compile(r"transfer|direct_debit")


def _card_words(text: str) -> str:
    """The turn with its verb said as "block" and the card as "card", as the examples do."""
    text = re.sub(rf"\b{_STOP_VERB}\b", "block", text, flags=re.IGNORECASE)
    return re.sub(rf"\b{_CARD}\b", "card", text, flags=re.IGNORECASE)


def card_stopped(tenant: TenantView, text: str, intent: Intent) -> tuple[str, Intent]:
    """The turn in the examples' words and its card concern (see above) when it asks to cancel,
    block or stop a card and was read as moving money; else the turn as read."""
    if tenant.language[:2] != "en":
        return text, intent
    likely = intent.name or (intent.alternatives[0][0] if intent.alternatives else "")
    if not _MONEY_INTENT.search(likely or ""):
        return text, intent
    said = fold_contracted(text)
    if not _CARD_STOPPED.search(said) or _MONEY_MOVED.search(said):
        return text, intent
    worded = _card_words(text)  # (its clauses read again later say the same)
    read = tenant.classify(worded, intent)
    best = read.name or (read.alternatives[0][0] if read.alternatives else "")
    if not best or _MONEY_INTENT.search(best):
        return text, intent
    return worded, read


def card_to_cancel_only(tenant: TenantView, text: str, intent: Intent) -> bool:
    """The turn (as said) asks to cancel a card, read as urgent (a lost or stolen card), but
    says nothing of the card gone or misused, nor asks to block or freeze it ("block" or
    "freeze my card" stays the urgent team's): a routine request for the card team."""
    said = fold_contracted(text)
    if not _CARD_CANCELLED.search(said) or _MONEY_MOVED.search(said) or _GONE.search(said):
        return False
    return is_urgent(tenant, intent) and not (used_by_someone_else(text) or scam_reported(text))
