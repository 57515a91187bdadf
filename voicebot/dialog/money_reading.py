"""Money or a card used without the caller, read from the caller's words: always the tenant's
urgent team (fraud), whatever routine concern the classifier took it for.

"Somebody took 500 pounds out of a cash machine with my card and it wasn't me" was not placed
at all, "My account's been emptied!" went to the team that closes accounts, "I don't recognise
a transaction on my statement" to the payments team: a bank's few-shot intents (Banking77)
know these only in the words of their examples. Which urgent intent is meant is left to the
classifier's ranking among the tenant's urgent handoff intents.
"""

from __future__ import annotations

import re
from dataclasses import replace

from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.words import fold
from voicebot.events import Intent

# A payment, a withdrawal or a charge the caller did not make ("a payment I didn't make",
# "I don't recognise a transaction", "it wasn't me" about money taken); not "I don't recognise
# the exchange rate", "I didn't order a physical card", "it wasn't me who opened the account"
_DEALING = r"(?:payments?|transactions?|charges?|withdrawals?|debits?|purchases?|transfers?)"
_NOT_ME = re.compile(
    rf"\b(?:{_DEALING} (?:\w+ ){{0,5}}(?:i|we) (?:didn t|did not|never|have not|haven t) "
    r"(?:make|made|authori[sz]e|do|did|buy|order|spend|agree)|"
    rf"(?:didn t|did not|never) (?:authori[sz]e|make|buy|agree to) (?:\w+ ){{0,3}}{_DEALING}|"
    rf"(?:don t|do not|didn t|did not) recogni[sz]e (?:\w+ ){{0,3}}{_DEALING}|"
    rf"{_DEALING} (?:\w+ ){{0,3}}(?:i|we) (?:don t|do not) recogni[sz]e|"
    rf"unauthori[sz]ed (?:\w+ )?(?:{_DEALING}|use|access|activity)|"
    r"(?:didn t|did not|never) (?:buy|purchase|order) anything(?! abroad)|"
    rf"{_DEALING} (?:\w+ ){{0,6}}(?:not (?:one )?of mine|isn t mine|is not mine|not mine)|"
    r"(?:(?:took|taken|withdrew|withdrawn|spent|used|gone)\b.{0,60}\b(?:it )?(?:wasn t|was not) me"
    r"(?! who)|(?:it )?(?:wasn t|was not) me (?:who|that) (?:took|spent|withdrew|made|used))|"
    r"without my (?:permission|consent|knowledge|authori[sz]ation)|"
    r"(?:zahlung|abbuchung|buchung|abhebung|lastschrift)\w* (?:\w+ ){0,5}(?:kenne ich nicht|"
    r"war ich nicht|nicht von mir|nicht autorisiert)|ohne mein (?:wissen|einverstaendnis))\b"
)
_SOMEONE_ELSE = re.compile(
    r"\b(?:(?:someone|somebody|some one)(?: s| else| else s)? (?:has |have |had )?(?:used|took|"
    r"taken|withdrew|withdrawn|spent|stole|stolen|emptied|accessed|hacked|got into)|"
    r"(?:account|savings) (?:\w+ ){0,2}(?:emptied|drained|cleared out|wiped)|"
    r"(?:shop|store|place|restaurant|merchant|website|company|business) (?:\w+ ){0,3}"
    r"(?:i ve|i have|i) never (?:been|heard|used|shopped)|"
    r"jemand (?:hat|hatte) (?:\w+ ){0,4}(?:abgehoben|abgebucht|benutzt|verwendet|genutzt)|"
    r"konto (?:\w+ ){0,3}(?:leer|leergeraeumt))\b"
)


def used_by_someone_else(text: str) -> bool:
    """The words say money or a card was used without the caller ("a payment I didn't make",
    "someone used my card")."""
    said = fold(text.replace("'", " ").replace("’", " "))
    if re.search(r"\b(?:on time|in time|yet)\b", said):  # "I didn't make the payment on
        return False  # time", "I didn't make a transfer yet"
    return bool(_SOMEONE_ELSE.search(said) or _NOT_ME.search(said))


def fraud_reported(tenant: TenantView, text: str, intent: Intent) -> Intent:
    """The tenant's urgent handoff intent the classifier ranks highest, when the words say
    money or a card was used without the caller; else the intent as read. Tenants whose
    urgent intents need a product (a food complaint) are left alone."""
    if not used_by_someone_else(text):  # ("my friend didn't get the money": a transfer)
        return intent
    spec = tenant.intents.get(intent.name or "")
    if spec is not None and spec.priority == "high":
        return intent
    urgent = [
        i for i in tenant.intents.values()
        if i.priority == "high" and i.action == "handoff" and i.queue and not i.needs
    ]  # fmt: skip
    teams = [i.queue for i in urgent]
    urgent = [i for i in urgent if teams.count(i.queue) >= 2]  # a team for such cases (a
    if not urgent:  # bank's fraud team), not one complaint intent ("Abbuchung kenne ich
        return intent  # nicht" at a telecom is a billing question)
    ranked = dict(intent.alternatives)
    if intent.name is not None:
        ranked[intent.name] = intent.confidence
    chosen = max(urgent, key=lambda i: ranked.get(i.id, 0.0))
    sure = max(tenant.threshold, ranked.get(chosen.id, 0.0))
    return replace(intent, name=chosen.id, confidence=sure)
