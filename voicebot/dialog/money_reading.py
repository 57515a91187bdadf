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

from voicebot.dialog.run_together import fold_contracted
from voicebot.dialog.tenant_view import TenantView
from voicebot.events import Intent

# A payment, a withdrawal or a charge the caller did not make ("a payment I didn't make",
# "I don't recognise a transaction", "it wasn't me" about money taken); not "I don't recognise
# the exchange rate", "I didn't order a physical card", "it wasn't me who opened the account"
_DEALING = (
    r"(?:payments?|transactions?|charges?|withdrawals?|debits?|purchases?|transfers?|"
    r"standing orders?)"
)
_NOT_ME = re.compile(
    rf"\b(?:{_DEALING} (?:\w+ ){{0,6}}(?:i|we) (?:didn t|did not|never|have not|haven t) "
    r"(?:make|made|authori[sz]e|authori[sz]ed|do|did|buy|bought|order|ordered|agree|set up|"
    r"spend|spent)|"
    rf"(?:didn t|did not) (?:authori[sz]e|make|agree to) (?:\w+ ){{0,3}}{_DEALING}|"
    rf"never (?:authori[sz]ed|made|agreed to) (?:\w+ ){{0,3}}{_DEALING}|"
    rf"(?:i|we) (?:don t|do not|didn t|did not) recogni[sz]e (?:\w+ ){{0,3}}{_DEALING}|"
    rf"{_DEALING} (?:\w+ ){{0,3}}(?:i|we) (?:don t|do not) recogni[sz]e|"
    rf"{_DEALING} (?:\w+ ){{0,6}}(?:i|we) (?:don t|do not|didn t|did not) know (?:anything )?about|"
    rf"unauthori[sz]ed (?:\w+ )?(?:{_DEALING}|use|access|activity)|"
    r"(?:i|we) (?:didn t|did not) (?:buy|purchase|order) anything(?! abroad| online| in)|"
    r"(?:payments?|charges?|transactions?|withdrawals?|purchases?|debits?) (?:\w+ ){0,9}"
    r"(?:not (?:one )?of mine|isn t mine|isnt mine|is not mine|wasn t mine|wasnt mine|not mine)|"
    r"(?:took|taken|withdrew|withdrawn|spent|gone|charged)\b.{0,60}\b(?:it )?(?:wasn t|was not) "
    r"me(?! who| being)|(?:it )?(?:wasn t|was not) me (?:who|that) (?:took|spent|withdrew|made)|"
    r"without my (?:permission|consent|knowledge|authori[sz]ation)|"
    r"(?:pounds|quid|money|cash) (?:\w+ ){0,3}(?:gone|missing|taken|disappeared) (?:\w+ ){0,4}"
    r"(?:i|we) (?:didn t|did not|never) (?:spend|spent|take|took|withdraw|withdrew|make|made)|"
    r"(?:zahlung|abbuchung|buchung|abhebung|lastschrift)\w* (?:\w+ ){0,5}(?:kenne ich nicht|"
    r"war ich nicht|nicht von mir|nicht autorisiert)|ohne mein (?:wissen|einverstaendnis))\b"
)
_SOMEONE_ELSE = re.compile(
    r"\b(?:(?:someone|somebody|some one)(?: s| else| else s)? (?:has |have |had )?(?:used|took|"
    r"taken|withdrew|withdrawn|spent|stole|stolen|emptied|accessed|hacked|got into) "
    r"(?:\w+ ){0,2}(?:my|our) (?:card|account|details|money|savings|cash)|"
    r"(?:someone|somebody)(?: s| else| else s)? (?:has |have |had )?(?:took|taken|withdrew|"
    r"withdrawn|spent|stolen|stole) (?:\w+ ){0,2}(?:money|cash|pounds|quid)|"
    r"(?:account|savings)(?: s been| has been| have been| was| were| got)? (?:just )?"
    r"(?:emptied|drained|cleared out|wiped)(?! into| to)|"
    r"(?:card|cards|account|details)(?: s| has| have| was| were| got| is)?(?: been)? (?:just )?"
    r"(?:cloned|skimmed|hacked|stolen|leaked|compromised)|"
    r"(?:someone|somebody|some one)(?: else)?(?: s| has| have| had)? (?:\w+ )?(?:got into|"
    r"accessed|hacked(?: into| in to)?|broken into|broke into|logged into|logged in to|got in to|"
    r"taken over|took over) "
    r"(?:my|our) (?:online banking|internet banking|banking|banking app|app|account|log ?in)|"
    r"(?:someone|somebody|some one)(?: else)?(?: s| has| have| had)? (?:\w+ )?changed (?:my|our) "
    r"(?:password|passcode|pin|log ?in|email|e mail|phone number|mobile number|number|details)|"
    r"(?:someone|somebody|some one)(?: else)?(?: s| has| has got| s got| got| knows| know| might "
    r"have| may have| could have)? (?:got )?(?:hold of )?(?:my|our) (?:card |bank )?(?:details|pin|"
    r"card number|password|passcode|log ?in)|"
    r"(?:charge|payment|transaction|debit)s? (?:\w+ ){0,3}(?:from|at|to) (?:a |an |the )?"
    r"(?:shop|store|place|restaurant|merchant|website|company|business) (?:\w+ ){0,3}"
    r"(?:i ve|i have|i) never (?:been|heard|used|shopped)|"
    r"jemand (?:hat|hatte) (?:\w+ ){0,4}(?:abgehoben|abgebucht|benutzt|verwendet|genutzt)|"
    r"konto (?:\w+ ){0,3}(?:leer|leergeraeumt))\b"
)
# A question about what would happen, a plan or a habit: no report ("If somebody else used my
# card, would I get the money back?", "Will you ever take money out without my consent?")
_NOT_A_REPORT = re.compile(
    r"^(?:if|would|in case|what if|will you ever)\b|\b(?:what happens|what would) if\b|"
    r"\b(?:on time|in time|yet|in the end|forgot|forget|wondering|want|would like|d like|"
    r"typo|typed|by mistake|mistake|received (?:a |an |some )?(?:transfer|payment|money)|"
    r"paid in|pay (?:\w+ ){0,2}in)\b"
)


# The caller was tricked into paying or into giving away details: a scam (authorised push
# payment, phishing, a caller posing as the bank): "I've been scammed, I transferred 2000
# pounds to someone pretending to be from the bank", "I clicked the link and put in my details"
_SCAMMED = re.compile(
    r"\b(?:(?:i|we|he|she|they|mum|dad|mother|father|wife|husband)(?: ve| have| has| s)? "
    r"(?:\w+ )?(?:been|got|was|were) (?:\w+ )?(?:scammed|conned|defrauded|tricked|phished|"
    r"duped|swindled)|scam(?:s|mer|mers|med)?|fraudsters?|con ?man|con ?artist|phishing|"
    r"(?:scam|fake|phishing|dodgy|bogus) (?:call|phone call|text|texts|sms|email|e mail|"
    r"message|link|website|site|investment)s?|"
    r"(?:(?:pretend\w*|claim\w*) to be|posing as|posed as|(?:said|saying|claimed|claiming) "
    r"(?:he|she|they|it) (?:was|were|is|are|s|re)) (?:from |calling from )?"
    r"(?:the |your |my |a )?(?:bank|police|fraud|harbour|hmrc|security|courier)|"
    r"(?:tricked|conned|scammed|pressured|persuaded) (?:me |us |him |her )?into|"
    r"(?:got|had|received|get|getting) (?:a |an |this |some )?(?:text|message|sms|email|e mail|"
    r"call|phone call|voicemail)s? (?:\w+ ){0,14}(?:click\w* (?:on )?(?:a |the |this )?link|"
    r"(?:(?:is|was) (?:that|this|it)|(?:that|this|it) (?:is|was|s)) (?:really |actually )?(?:you|"
    r"from you|(?:from )?(?:the |your )?(?:bank|harbour bank)|genuine|legit|real))|"
    r"(?:sent|paid|transferred|moved|gave)\b.{0,80}\b(?:it )?(?:wasn t|was not) (?:actually |"
    r"really |even )?(?:her|him|them|my (?:daughter|son|mum|mother|dad|father|wife|husband|"
    r"partner|friend|brother|sister|nephew|niece|grandson|granddaughter))\b|"
    r"clicked (?:on )?(?:a |the |this |that )?link\b.{0,60}\b(?:details|password|passcode|pin|"
    r"card|number|code|log ?in)|"
    r"betrogen|betrueger\w*|abgezockt|gefaelscht\w* (?:sms|mail|email|anruf|nachricht|seite)|"
    r"(?:pin|tan|zugangsdaten|kartennummer|kartendaten) (?:\w+ ){0,4}(?:gegeben|genannt|"
    r"verraten|eingegeben))\b"
)
# A question about scams in general, not a report ("how do I spot a scam?", "what if I get
# scammed?")
_ONLY_ASKS_ABOUT_SCAMS = re.compile(
    r"^(?:if|would|in case|what if)\b|\bwhat (?:happens|would happen) if\b|"
    r"\b(?:avoid|spot|recogni[sz]e|protect (?:myself|me|us) from|tips?)\b"
)


def scam_reported(text: str) -> bool:
    """The words report that the caller (or their relative) was tricked into paying or into
    giving details away (a scam, phishing, someone posing as the bank), not a question about
    scams in general."""
    for sentence in re.split(r"(?<=[.!?;])\s+", text):
        said = fold_contracted(sentence)
        if said and _SCAMMED.search(said) and not _ONLY_ASKS_ABOUT_SCAMS.search(said):
            return True
    return False


def used_by_someone_else(text: str) -> bool:
    """The words say money or a card was used without the caller ("a payment I didn't make",
    "someone used my card"), in a sentence that reports it (not a question about what would
    happen, a plan or a habit)."""
    for sentence in re.split(r"(?<=[.!?;])\s+", text):
        said = fold_contracted(sentence)
        if not said or _NOT_A_REPORT.search(said):
            continue
        if _SOMEONE_ELSE.search(said) or _NOT_ME.search(said):
            return True
    return False


def fraud_reported(tenant: TenantView, text: str, intent: Intent) -> Intent:
    """The tenant's urgent handoff intent the classifier ranks highest, when the words say
    money or a card was used without the caller, or the caller was scammed; else the intent
    as read. Tenants whose urgent intents need a product (a food complaint) are left alone."""
    if not (used_by_someone_else(text) or scam_reported(text)):  # ("my friend didn't get
        return intent  # the money": a transfer)
    spec = tenant.intents.get(intent.name or "")
    if spec is not None and spec.priority == "high":
        return intent
    urgent = _fraud_team_intents(tenant)
    if not urgent:
        return intent
    ranked = dict(intent.alternatives)
    if intent.name is not None:
        ranked[intent.name] = intent.confidence
    chosen = max(urgent, key=lambda i: ranked.get(i.id, 0.0))
    sure = max(tenant.threshold, ranked.get(chosen.id, 0.0))
    return replace(intent, name=chosen.id, confidence=sure)


def _fraud_team_intents(tenant: TenantView) -> list:
    """The urgent handoff intents of a team for such cases (a bank's fraud team), not one
    complaint intent ("Abbuchung kenne ich nicht" at a telecom is a billing question)."""
    urgent = [
        i for i in tenant.intents.values()
        if i.priority == "high" and i.action == "handoff" and i.queue and not i.needs
    ]  # fmt: skip
    teams = [i.queue for i in urgent]
    return [i for i in urgent if teams.count(i.queue) >= 2]


def scam_for_fraud_team(tenant: TenantView, intent_id: str | None, said: list[str]) -> bool:
    """A scam reported in what the caller said and put through to the fraud team: the agent
    reads 'scam reported', not only the card intent the classifier ranked first ('i moved 2000
    pounds to a safe account' is no compromised card)."""
    team = {i.id for i in _fraud_team_intents(tenant)}
    return intent_id in team and any(scam_reported(line) for line in said)
