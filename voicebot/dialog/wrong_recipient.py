"""Money sent to the wrong account or person, told in words a bank's few-shot intents miss.

Banking77's examples know "I sent a payment to the wrong account number - can you cancel it"
(cancelling a transfer), but "i transferred 500 pounds to the wrong sort code and account
number, can i get it back" was not understood twice, "i paid the wrong account by mistake" and
"i put the wrong account number in when i sent money to my landlord" were placed nowhere or
guessed as an exchange rate; "i paid the wrong amount to my plumber" went to the top-up and
cash team as the wrong amount of cash from a machine. Such a turn is read as the tenant's own
classifier reads that example sentence (English tenants; the urgent team's reading, a scam or
fraud, stays).
"""

from __future__ import annotations

import re

from voicebot.dialog.run_together import fold_contracted
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.turn_parts import is_urgent
from voicebot.events import Intent

_WRONG = (
    r"wrong (?:\w+ )?(?:account|accounts|sort code|iban|account number|payee|beneficiary|"
    r"recipient|person|details|number|bank details|digits?)"
)
_SENT = r"(?:sent|send|sending|transferred|transfer|transferring|paid|pay|paying|moved|payment)"
_WRONG_RECIPIENT = re.compile(
    rf"\b{_SENT}\b(?: \w+){{0,8}} (?:to|into|in) (?:the |a )?{_WRONG}\b|"
    rf"\b(?:typed|put|entered|keyed|gave|used|got) (?:in )?(?:the |a )?{_WRONG}\b"
    rf"(?: \w+){{0,8}} \b{_SENT}\b|"
    rf"\b{_SENT} (?:the |a )?{_WRONG}\b"
)
# The wrong amount sent to someone ("i paid the wrong amount to my plumber", "i transferred
# too much money to my landlord"): the same transfer to undo; a card payment or cash from a
# machine names no one it went to
_WRONG_AMOUNT = re.compile(
    rf"\b{_SENT} (?:\w+ )?(?:the wrong amount|too much|twice the amount|an extra \w+)"
    r"(?: of money| money)? (?:to|into) (?:my|the|a|our|his|her|their) \w+"
)
# Money that reached the caller from someone else's mistake ("someone sent money to me by
# mistake")
_NOT_MINE = re.compile(r"\b(?:(?:sent|paid|transferred) (?:to )?me|into my account|to me by)\b")
EXAMPLE = "I sent a payment to the wrong account number - can you cancel it?"


def wrong_recipient(tenant: TenantView, text: str, intent: Intent) -> Intent:
    """The tenant's reading of a payment sent to the wrong account (see above) for such a turn;
    else the intent as read."""
    if tenant.language[:2] != "en" or is_urgent(tenant, intent):
        return intent
    said = fold_contracted(text)
    wrong = _WRONG_RECIPIENT.search(said) or _WRONG_AMOUNT.search(said)
    if not wrong or _NOT_MINE.search(said):
        return intent
    read = tenant.classify(EXAMPLE, intent)
    if read.name is None or read.name == intent.name or is_urgent(tenant, read):
        return intent
    return read
