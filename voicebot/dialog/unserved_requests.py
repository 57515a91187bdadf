"""Banking requests no intent of an English tenant serves: mortgages, loans, overdrafts, a
credit card to apply for, opening an account, business accounts, power of attorney, an account
frozen or blocked, the app or logging in, statements, savings, branches.

Harbour Bank's intents are Banking77's 77 card and payment labels: "hello i wanted to ask
about remortgaging my house" was asked "Is it about changing your personal details?", "i have
power of attorney for my mum …" and "i want to open a business account" were told the minimum
age, "my account has been frozen" reached the account team as closing the account, "i want to
extend my overdraft" was not understood twice. Such a request is put through to a person at
normal priority, named for the agent ("mortgage"). The words that name a request no Banking77
label could mean (a mortgage, a loan, an overdraft, power of attorney, a business or joint
account, a frozen account, opening an account without a child's age) win over the classifier's
reading of the same words; the others (the app, a credit card, a statement, savings, a branch, a
cheque book, a dispute) only where the classifier is unsure, would answer something else by
itself or reads fraud that no word of doubt says. Another clause's sure concern
comes first and the request is noted beside it. Money used without the caller or a scam said
with it stays the fraud team's.
"""

from __future__ import annotations

import re

from voicebot.dialog.intent_choice import is_new_concern
from voicebot.dialog.money_reading import scam_reported, used_by_someone_else
from voicebot.dialog.run_together import fold_contracted
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.turn_parts import is_urgent
from voicebot.events import Intent

# (pattern, what the agent reads, whether the words alone decide)
_REQUESTS = tuple(
    (re.compile(rf"\b(?:{pattern})\b"), topic, strong)
    for pattern, topic, strong in (
        (r"(?:copy of|send me|need|get|print|paper|request) (?:a |my |the |an |some )?(?:\w+ )?"
         r"statements?", "statement", False),
        (r"(?:re)?mortgag\w*", "mortgage", True),
        (r"business (?:bank )?accounts?", "business account", True),
        (r"(?:lasting )?power of attorney|attorney|deputyship|third party mandate",
         "power of attorney", True),
        (r"overdra(?:ft|fts|wn)", "overdraft", True),
        (r"(?:personal |car |bank |a |the |my )?loans?|borrow(?:ing)? (?:some |a bit of |a "
         r"little )?(?:money|cash|\d[\d,]*|a few)", "loan", True),
        (r"accounts? (?:\w+ ){0,3}(?:frozen|froze|blocked|suspended|restricted|locked|on hold)|"
         r"(?:frozen|froze|blocked|suspended|restricted|locked) (?:my |our |the |his |her )?"
         r"(?:bank |current )?accounts?", "account frozen or blocked", True),
        (r"open(?:ing)? (?:up )?(?:a |an |another |new |second |joint |savings |current |"
         r"basic |bank |student |isa )*accounts?", "opening an account", True),
        (r"(?:apply(?:ing)? for|get|getting|want|do you (?:do|offer|have|sell)|have you got) "
         r"(?:a |an |one of your |your )?credit cards?|credit cards? (?:limit|application)",
         "credit card", False),
        (r"(?:banking )?app (?:\w+ ){0,3}(?:crash\w*|freez\w*|not (?:working|loading|opening)|"
         r"won t (?:open|load|work|let me)|keeps? (?:crashing|freezing|closing|logging))|"
         r"(?:can t|cannot|unable to|won t let me) (?:log|sign) (?:in|on|into)",
         "app or log-in problem", False),
        (r"interest rates?|savings? accounts?|isas?", "savings", False),
        (r"(?:nearest|local) branch(?:es)?|branch(?:es)? (?:near|close|nearby|open)|where (?:is|s|"
         r"are) (?:\w+ ){0,2}branch(?:es)?|(?:have|got) (?:a |any )?branch(?:es)?",
         "branch", False),
        (r"cheque ?books?|check ?books?", "cheque book", False),
        (r"disput\w*", "dispute", False),
        (r"joint accounts?|add (?:my )?(?:wife|husband|partner|son|daughter|mum|dad|mother|"
         r"father|someone|somebody) (?:on)?to (?:my |our |the )?account", "joint account", True),
    )
)  # fmt: skip
# A child's account is the minimum age's concern ("can my daughter open an account"), the
# countries one may open one from the residency answer's
_CHILD = re.compile(
    r"\b(?:age|old|years|under|over|teen\w*|child|children|kids?|son|daughter|grand\w*|"
    r"minimum|\d+|countr\w*|abroad|resident\w*|residency|live in|living in|mov\w* to|"
    r"outside the uk|from (?:spain|france|germany|portugal|italy|ireland|poland|the us|america))\b"
)
# The request only had, background to the concern ("i have an overdraft and my card got
# declined at tesco")
_ONLY_HAS = re.compile(r"^(?:\w+ )?(?:i|we) (?:have|ve got|have got|ve) (?:a |an |my |our )?\w+$")
# Someone else behind it: fraud ("someone took out a loan in my name")
_DOUBT = re.compile(
    r"\b(?:(?:someone|somebody)(?: s| has| had| have)? (?:\w+ )?(?:took|taken|take|opened|open|"
    r"applied|apply|set|used|got)|in my name|without (?:my|me)|not mine|i (?:didn t|did not|never) "
    r"(?:\w+ )?(?:take|took|apply|applied|ask|asked|open|opened|set)|fraud\w*|scam\w*|"
    r"identity|hacked|stolen|recogni[sz]e\w*|(?:lost|lose|missing|nicked) (?:my |the |our )?"
    r"(?:\w+ )?(?:card|phone|mobile|wallet|purse|bag)|(?:card|phone|wallet|purse) (?:\w+ ){0,2}"
    r"(?:lost|missing|nicked))\b"
)
# A mortgage or loan named as what a payment was for ("my mortgage payment …"), and the payment
# taken twice; or declined where the loan is held elsewhere or paid by card ("i got a loan from
# another company and the repayment was declined on my card"; "my mortgage payment bounced"
# alone may be the bank's own mortgage: a person)
_PAID_FOR = re.compile(
    r"\b(?:(?:mortgage|loan|overdraft)s? (?:\w+ )?(?:re)?payments?|(?:re)?payments? (?:\w+ ){0,2}"
    r"(?:to|for|on|towards|into) (?:my|our|the|a) (?:\w+ )?(?:mortgage|loan)|(?:mortgage|loan)s? "
    r"(?:\w+ ){0,2}(?:from|with) (?:another|a different|an other|other|a) (?:\w+ )?(?:company|"
    r"bank|lender|provider|firm))\b"
)
_TAKEN_TWICE = re.compile(
    r"\b(?:twice|double|two times|(?:went|gone|came|come|taken) (?:out|off) (?:\w+ )?again)\b"
)
_DECLINED = re.compile(r"\b(?:declined|bounced|refused|rejected|failed)\b")
_ELSEWHERE_OR_BY_CARD = re.compile(
    r"\b(?:from|with) (?:another|a different|an other|other) (?:\w+ )?(?:company|bank|lender|"
    r"provider|firm)|\b(?:on|by|with|from) (?:my|the) (?:debit |bank )?card\b"
)
_CLEAR = 0.8  # a clause's concern this sure is another concern, not the request told on
_CLAUSE_BREAK = re.compile(r"[.!?;,]\s*|\s+(?:and|but|also|plus|then)\s+", re.IGNORECASE)


def _said(text: str) -> str:
    return fold_contracted(text)


def _found(said: str) -> tuple[str, bool] | None:
    """(the request, whether its words alone decide) named in folded words, or None."""
    for pattern, topic, strong in _REQUESTS:
        if pattern.search(said) and not (topic == "opening an account" and _CHILD.search(said)):
            return topic, strong
    return None


def unserved_request(text: str) -> str | None:
    """'mortgage', 'overdraft' …: a request no intent serves, named in English and not said
    with a fraud or scam; else None."""
    if used_by_someone_else(text) or scam_reported(text):
        return None
    for clause in _CLAUSE_BREAK.split(text):  # (the doubt in the request's own clause: "i lost
        said = _said(clause) if clause else ""  # my card and i need to talk about my overdraft"
        found = _found(said) if said else None  # notes the overdraft)
        if found is None or _DOUBT.search(said) or _ONLY_HAS.match(said):
            continue
        if found[0] == "opening an account" and _CHILD.search(_said(text)):
            continue  # ("im 16 and i want to open an account": the minimum age)
        return found[0]
    return None


def _sure_elsewhere(tenant: TenantView, text: str, intent: Intent) -> tuple[str, Intent] | None:
    """A clause not naming the request that alone is clearly another concern ("my card isnt
    working and i also want to ask about a loan": the card), or an urgent one; not the same
    request told on ("i have power of attorney for my mum and i need to manage her account" is
    closing an account at 0.64)."""
    for clause in _CLAUSE_BREAK.split(text):
        if clause and len(clause.split()) >= 3 and _found(_said(clause)) is None:
            read = tenant.classify(clause, intent)
            if is_urgent(tenant, read) or (
                is_new_concern(tenant, read) and read.confidence >= _CLEAR
            ):
                return clause.strip(), read
    return None


def request_alone(tenant: TenantView, text: str, intent: Intent) -> tuple[str | None, str, Intent]:
    """The request (its words for the agent) when no intent could serve the turn; else None and
    the turn with its concern (another clause's sure concern, or the classifier's)."""
    if tenant.language[:2] != "en":
        return None, text, intent
    topic = unserved_request(text)
    if topic is None:
        return None, text, intent
    if _payment_gone_wrong(text) and is_new_concern(tenant, intent):
        return None, text, intent
    spec = tenant.intents.get(intent.name or "")
    answered = spec is not None and spec.action == "selfservice"  # (no doubt said: an urgent
    unfounded = is_urgent(tenant, intent)  # reading is the classifier's, "how do i get a
    # statement of my card payments" went to the fraud team)
    if not _strong(text) and is_new_concern(tenant, intent) and not (answered or unfounded):
        return None, text, intent  # (a weak word beside a sure concern: "i want to dispute a
        # payment … they wont refund me" is asking for a refund)
    elsewhere = _sure_elsewhere(tenant, text, intent)
    if elsewhere is not None:
        return None, *elsewhere
    return topic, text, intent


def _payment_gone_wrong(text: str) -> bool:
    """A mortgage or loan named as what a payment was for, and the payment gone wrong (see
    _PAID_FOR): the payment is the concern where the classifier places it ("my mortgage payment
    went out twice this month" is a payment charged twice)."""
    said = _said(text)
    if not _PAID_FOR.search(said):
        return False
    declined = _DECLINED.search(said) and _ELSEWHERE_OR_BY_CARD.search(said)
    return bool(_TAKEN_TWICE.search(said) or declined)


def _strong(text: str) -> bool:
    found = _found(_said(text))
    return found is not None and found[1]


# Requests about the account itself go to a team named for accounts, where the tenant has one
_ACCOUNT_REQUESTS = frozenset(
    ("account frozen or blocked", "power of attorney", "opening an account")
)


def request_queue(tenant: TenantView, topic: str) -> str:
    """The queue for the request: the account team for the account itself ("account frozen or
    blocked"), where the tenant has a queue "account"; else the default queue."""
    if topic in _ACCOUNT_REQUESTS and "account" in tenant.queues:
        return "account"
    return tenant.default_queue


def request_beside(text: str) -> str | None:
    """The request to note for the agent beside another concern: one whose words alone decide
    (not "… and i cant log in" beside a forgotten passcode)."""
    if _payment_gone_wrong(text):  # ("my mortgage payment went out twice": the payment only)
        return None
    return unserved_request(text) if _strong(text) else None
