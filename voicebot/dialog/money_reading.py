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

# Said of a payment, a withdrawal or the account: the caller did not make it (with words of
# money somewhere in the turn), or someone else used the card or account
_NOT_ME = re.compile(
    r"\b(?:(?:it |that )?wasn t me|was not me|(?:didn t|did not|never) (?:authori[sz]e|agree to)|"
    r"(?:didn t|did not|never) (?:make|buy|order|withdraw|take out|spend)(?! it to\b)|"
    r"(?:don t|do not|didn t) recogni[sz]e|not recogni[sz]ed|unauthori[sz]ed|"
    r"without my (?:permission|consent|knowledge|authori[sz]ation)|not (?:one )?of mine|"
    r"war ich nicht|nicht von mir|kenne ich nicht|nicht autorisiert|ohne mein (?:wissen|"
    r"einverstaendnis))\b"
)
_SOMEONE_ELSE = re.compile(
    r"\b(?:(?:someone|somebody|some one) (?:else )?(?:has |have |had )?(?:used|took|taken|"
    r"withdrew|withdrawn|spent|stole|stolen|emptied|accessed|hacked|got into)|never been to|"
    r"(?:account|savings) (?:\w+ ){0,2}(?:emptied|drained|cleared out|wiped)|"
    r"jemand (?:hat|hatte) (?:\w+ ){0,4}(?:abgehoben|abgebucht|benutzt|verwendet|genutzt)|"
    r"konto (?:\w+ ){0,3}(?:leer|leergeraeumt))\b"
)
_MONEY = re.compile(
    r"\b(?:payment|payments|transaction|transactions|purchase|purchases|withdrawal|charge|"
    r"charges|charged|debit|debits|money|cash|pounds?|quid|euros?|dollars|account|card|"
    r"statement|bought|spent|taken|took|zahlung|abbuchung|abgebucht|buchung|geld|konto|karte|"
    r"abhebung|abgehoben|euro)\b"
)


def used_by_someone_else(text: str) -> bool:
    """The words say money or a card was used without the caller ("a payment I didn't make",
    "someone used my card")."""
    said = fold(text.replace("'", " ").replace("’", " "))
    return bool(_SOMEONE_ELSE.search(said) or (_NOT_ME.search(said) and _MONEY.search(said)))


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
