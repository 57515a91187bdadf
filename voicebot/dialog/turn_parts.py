"""The parts of one caller turn (its sentences, each classified alone) and which of them is
the concern: an urgent part wins unless it is background to a question, the product of the
sentence that asks is the one meant, and parts that are no concern of their own are set aside."""

from __future__ import annotations

import re
from dataclasses import replace

from voicebot.dialog.greeting_words import introduces_only
from voicebot.dialog.harm_words import is_lead_in, reports_problem
from voicebot.dialog.intent_choice import is_new_concern
from voicebot.dialog.question_words import (
    BACK_REFERENCES,
    FOLLOW_UP,
    OPENING_WORDS,
    QUESTION_WORDS,
    asks_back,
)
from voicebot.dialog.tenant_view import AGENT_INTENTS, TenantView
from voicebot.dialog.turn_clauses import loose_clauses
from voicebot.dialog.words import fold
from voicebot.events import Intent


def is_urgent(tenant: TenantView, event: Intent) -> bool:
    """A confident concern of high priority (fraud, a complaint)."""
    spec = tenant.intents.get(event.name or "")
    return spec is not None and spec.priority == "high" and is_new_concern(tenant, event)


def urgent_part(
    tenant: TenantView, intent: Intent, parts: list[Intent], sentences: list[str]
) -> Intent:
    """A high-priority concern in one part of the turn wins over the rest ("Which countries
    do you support? Also, I lost my card yesterday": the fraud team, not the country
    answer); otherwise the turn's own classification. A part that says nothing went wrong
    does not win over a sure concern of the whole turn ("Ich habe gestern die Nougatcreme
    gekauft. Ist da Palmöl drin?": a lead-in read as a complaint alone)."""
    if is_urgent(tenant, intent):
        return intent
    sure = is_new_concern(tenant, intent)
    for part, said in zip(parts, sentences, strict=False):
        if is_urgent(tenant, part) and not (sure and lead_in(tenant, said)):
            return part
    return intent


def product_asked_about(
    tenant: TenantView, intent: Intent, parts: list[Intent], sentences: list[str]
) -> Intent:
    """The product of the sentence that asks the question, not the first one the turn
    names ("Ich habe die Brezeln gekauft. Was kostet das Müsli?": the Müsli)."""
    for part, said in zip(parts, sentences, strict=False):
        own = tenant.product_in(said)
        if part.name == intent.name and own and own != intent.slots.get("product"):
            return replace(intent, slots={**intent.slots, "product": own})
    return intent


def lead_in(tenant: TenantView, said: str) -> bool:
    """A sentence before the question that is no complaint: it tells what the caller did
    or has ("Ich habe gestern die Nougatcreme gekauft.", "I've got an iPhone.") and says
    nothing went wrong; one that says how a product of ours was ("In den Brezeln war ein
    Fingernagel.", "Die Spätzle schmecken nach Seife.") stays a complaint."""
    if reports_problem(said):
        return False
    if is_lead_in(said):
        return True
    if not tenant.catalog:  # no products to tell of: a sentence read as urgent that is no
        return False  # "I bought …" story says its concern ("I also think someone has my
    # card details" beside a blocked PIN: the fraud team)
    folded = set(fold(said).split())
    return not (tenant.product_in(said) and folded & _PRODUCT_STATE)


def aside(tenant: TenantView, intent: Intent, part: Intent, said: str) -> bool:
    """A part of the turn that is no concern of its own beside the one taken: a lead-in
    read as an urgent concern alone ("Ich habe gestern die Nougatcreme gekauft."), or the
    product corrected to ("Ach nee, doch lieber die Handcreme.")."""
    if introduces_only(said):  # (or the caller's name: "Guten Tag, mein Name ist …")
        return True
    if tenant.product_only(said) or product_followed_up(tenant, said):  # "doch lieber die
        return True  # Handcreme" (the product corrected to), "Und die Spätzle?", "was ist mit
    # den Käsespätzle" (answered with the first)
    spec = tenant.intents.get(part.name or "")  # "Ich will meinen Tarif wechseln und was
    if spec is not None and spec.action == "handoff" and asks_back_only(said):  # kostet das?":
        return True  # about the concern taken, no bill question for another team ("… und ist
    # das vegan?" is a question the bot answers)
    taken = tenant.intents.get(intent.name or "")  # "i made a transfer on friday and when
    if taken is not None and taken.action == "handoff" and asks_back_only(said):  # will it
        return True  # arrive": asked of the team the transfer goes to, no card-delivery answer
    if (  # "My bank transfer is still pending. Why is it taking so long?": no "also: a pending
        taken is not None
        and taken.action == "handoff"
        and part.name != intent.name
        and asks_back(said)
        and not tenant.names_distinctly(said, str(part.name))
    ):  # top-up" for the agent (the question names nothing of its guess's own)
        return True
    spec_taken = tenant.intents.get(intent.name or "")  # "i got my new card in the post and
    if (  # how do i activate it": the story of the concern, for its team; no card to chase
        spec is not None and spec_taken is not None and spec.action == "handoff"
        and spec.queue is not None and spec.queue == spec_taken.queue
        and not is_urgent(tenant, part) and is_lead_in(said)
    ):  # fmt: skip
        return True
    background = is_urgent(tenant, part) and lead_in(tenant, said)
    return background and is_new_concern(tenant, intent) and not is_urgent(tenant, intent)


def asks_back_only(said: str) -> bool:
    """A part that only asks about what the turn said before it ("und was kostet das?", "wann
    ist das behoben?"): a question pointing back, with at most one word of content."""
    from voicebot.nlu.slots import FUNCTION_WORDS

    if not asks_back(said):
        return False
    words = [w for w in fold(said).split() if w not in FUNCTION_WORDS and w not in
             QUESTION_WORDS and w not in BACK_REFERENCES and w not in OPENING_WORDS]  # fmt: skip
    return len(words) <= 1


_PRODUCT_STATE = frozenset((  # how a product was ("war", "schmeckt", "riecht", "sah … aus")
    "war", "waren", "ist", "sind", "hat", "haben", "hatte", "hatten", "schmeckt", "schmecken",
    "schmeckte", "riecht", "riechen", "roch", "sieht", "sehen", "sah", "fuehlt", "klebt",
    "was", "is", "are", "tastes", "smells", "looks", "had",
))  # fmt: skip


def product_followed_up(tenant: TenantView, said: str) -> str | None:
    """ "Ist der Fruchtaufstrich vegan, und was ist mit den Käsespätzle?": a part that asks
    the same question about another product ("was ist mit …", "wie sieht es mit … aus",
    "und …?") and names nothing else: that product's id; None otherwise."""
    folded = fold(said)
    opener = FOLLOW_UP.match(folded)
    if opener is None:
        return None
    rest = _TRAILING.sub("", folded[opener.end() :])  # ("… mit dem Müsli aus")
    return tenant.product_only(rest) if rest.strip() else None


_TRAILING = re.compile(r"\s+(?:aus|denn|so|eigentlich)\s*[?.!]*\s*$")


# Words a caller starts a turn with before the concern ("yes, I want to check my transfer",
# "yeah hi so my card …", "ja also ähm …"): answers to "How can I help?", greetings, fillers
_LEAD_WORDS = frozenset((
    "yes", "yeah", "yep", "yup", "ok", "okay", "right", "well", "so", "oh", "ah", "um", "uh",
    "erm", "er", "hm", "hmm", "hi", "hello", "hey", "good", "morning", "afternoon", "evening",
    "ja", "jo", "also", "gut", "genau", "na", "naja", "aeh", "aehm", "hallo", "guten", "tag",
    "morgen", "abend", "moin", "servus",
))  # fmt: skip


# A question announced before it is asked ("ich wollte mal fragen, ob …", "ich hätte da eine
# Frage, und zwar …", "I was wondering if …"): Whisper writes it without the comma
_ASKS_LEAD = re.compile(
    r"^(?:ich (?:wollte|möchte|moechte|wollt|würde|wuerde) (?:gern |gerne |mal |nur |kurz |eben "
    r"|einfach )*(?:fragen|wissen|nachfragen)|ich (?:hätte|haette|hab|habe) (?:da )?(?:mal |nur "
    r")?(?:eine|ne|'ne) (?:kurze )?frage(?: und zwar)?|(?:eine )?kurze frage(?: und zwar)?"
    r"|i (?:wanted|want|would like|d like) to (?:ask|know)|i (?:was|am|m) wondering"
    r"|i have a (?:quick )?question)"
    r"(?: (?:ob|if|whether|wie|was|wann|how|what|when))?\b\s*",
    re.IGNORECASE,
)


def _without_stutter(words: list[str]) -> list[str]:
    """A word the recogniser wrote twice in a row ("ich ich wollte", "ob ob", "to to") once."""
    kept: list[str] = []
    for word in words:
        if not kept or fold(word.strip(".,!?")) != fold(kept[-1].strip(".,!?")):
            kept.append(word)
    return kept


def concern_after_lead_in(tenant: TenantView, text: str, intent: Intent) -> Intent:
    """An unsure turn that starts with "yes", "yeah so", "hallo also …", announces its question
    ("ich wollte fragen ob …") or stutters ("ich ich wollte"): the rest, classified alone, when
    it is a sure concern ("yes i want to check if my transfer went through" was not
    understood: the "yes" took the transfer below the threshold; "ich wollte fragen ob in der
    Nougatcreme Milch drin ist" was asked back)."""
    if is_new_concern(tenant, intent):
        return intent
    words = _without_stutter(text.split())
    while True:
        lead = 0
        while lead < len(words) and fold(words[lead].strip(",.")) in _LEAD_WORDS:
            lead += 1
        rest = " ".join(words[lead:])
        asks = _ASKS_LEAD.match(rest)
        if asks is not None and asks.end() > 0:
            rest = rest[asks.end() :]
        if rest == " ".join(words):
            break
        words = rest.split()
    if rest == text or len(rest.split()) < 3:
        return intent
    found = tenant.classify(rest, intent)
    return (
        replace(found, slots={**intent.slots, **found.slots})
        if is_new_concern(tenant, found)
        else intent
    )


# The caller's own age told as background ("I'm 82 and my grandson set up this app …", "ich
# bin 75 Jahre alt und …"): read as the bank's age-limit question before
_OWN_AGE = re.compile(
    r"\b(?:i m|i am|im|ich bin) (?:now |already |jetzt |schon )?(?P<age>\d{2,3}|[a-z]+(?: [a-z]+)?"
    r")(?! (?:percent|per cent|pounds?|quid|pence|euros?|dollars?|minutes|mins|hours|days|"
    r"weeks|months|prozent|euro|minuten|stunden|tage|wochen)\b)"
    r"(?: years? old| years of age| jahre alt| jahre)?(?: (?:and|und|so|now|jetzt))?\b"
)
ADULT_AGE = 21  # from here an age said is background, not the question whether one may join


def concern_without_own_age(tenant: TenantView, text: str, intent: Intent) -> Intent:
    """A turn that tells the caller's adult age: the concern read from the rest ("I'm 82 and
    my grandson set up this app … I just want to know if my pension has arrived" got the
    minimum age for an account as its answer)."""
    from voicebot.nlu.numbers import spoken_digits

    folded = fold(text)
    match = _OWN_AGE.search(folded)
    if match is None:
        return intent
    age = spoken_digits(match.group("age"), tenant.language)
    rest = (folded[: match.start()] + " " + folded[match.end() :]).strip()
    if not age or not ADULT_AGE <= int(age) <= 120 or len(rest.split()) < 3:
        return intent
    found = tenant.classify(rest, intent)
    return replace(found, slots={**intent.slots, **found.slots})


# A complaint the caller says they are not making ("ich möchte mich nicht beschweren, ich will
# nur wissen, wann …", "das ist keine Beschwerde", "I'm not complaining, I just …")
_DENIED_COMPLAINT = re.compile(
    r"\b(?:(?:ich )?(?:will|moechte|mochte|wollte|mag|muss) mich (?:\w+ ){0,2}nicht "
    r"(?:\w+ ){0,2}beschweren|(?:das ist |es ist )?keine beschwerde|"
    r"(?:i m |i am )?not (?:\w+ ){0,2}complain\w*|(?:i )?(?:don t|do not) (?:\w+ ){0,2}"
    r"complain|(?:this is |it s |it is )?not a complaint|(?:i ve |i have )?(?:got )?no "
    r"complaints?(?: really| as such| at all)?|nothing to complain about|(?:i )?can t complain)\b"
)


def concern_without_denied_complaint(
    tenant: TenantView, text: str, intent: Intent
) -> tuple[str, Intent]:
    """A turn that says it is no complaint, read as one or as nothing sure: the turn without
    those words and the concern read from them ("ich möchte mich nicht beschweren ich will nur
    wissen wann das internet wieder geht" went to the complaints team with high priority, its
    first clause read as a complaint). The rest decides, sure or not; "ich will mich ja nicht
    beschweren, aber der Techniker war dreimal nicht da" stays a complaint by its rest."""
    folded = fold(text)
    match = _DENIED_COMPLAINT.search(folded)
    if match is None or (is_new_concern(tenant, intent) and not is_urgent(tenant, intent)):
        return text, intent
    rest = (folded[: match.start()] + " " + folded[match.end() :]).strip()
    rest = re.sub(r"^(?:(?:aber|but|ja|also|so|nur|und|and)\s+)+", "", rest)
    if len(rest.split()) < 3:
        return text, intent
    found = tenant.classify(rest, intent)
    return rest, replace(found, slots={**intent.slots, **found.slots})


# When something is to come ("wann kommt mein neuer Router", "wann kommt der Techniker", "when
# will my new router arrive"): a question after a delivery, an appointment or a case
_WHEN_COMING = re.compile(
    r"\b(?:wann (?:\w+ )?(?:kommt|kommen)|when (?:will|does|is|do|are) (?:\w+ ){0,4}"
    r"(?:arrive|come|coming|get here))\b"
)
_WHEN = re.compile(r"\b(?:wann|when)\b")


def status_asked_of_an_answer(tenant: TenantView, text: str, intent: Intent) -> bool:
    """A turn that asks when something is to come, read as a self-service answer none of whose
    examples asks when ("wann kommt mein neuer Router" was told how to restart the router):
    no sure concern. (An answer that is about when, "When will my card arrive?", stays.)"""
    spec = tenant.intents.get(intent.name or "")
    if spec is None or spec.action != "selfservice" or not _WHEN_COMING.search(fold(text)):
        return False
    return not any(_WHEN.search(fold(said)) for said in tenant.examples_of(spec.id))


# Where a second concern starts inside one sentence: a comma or "and" before a request or a
# question ("my card is not working and i want to know the exchange rate", "…, second thing,
# what is …"); not before a remark ("…, I sent it to the wrong person", "…, it got reversed")
_CONCERN_BREAK = re.compile(
    r"(?:,|;|\band\b|\bund\b)\s+(?=(?:(?:and|also|plus|then|und|ausserdem|außerdem|"
    r"second(?:ly)?|second thing|the other thing|another thing|zweitens)\W+)*"
    r"(?:i (?:want|need|would like|d like|also want|also need)|can (?:you|i)|"
    r"could (?:you|i)|how (?:do|can|much|long)|what (?:is|s|are|about)|when|where|why|"
    r"is there|are there|do you|ich (?:will|moechte|möchte|brauche|muss|haette|hätte)|"
    r"wie (?:kann|viel|lange)|was (?:kostet|ist)|wann|warum|gibt es|koennen sie|können sie|"
    r"kann ich)\b)|\band\s+(?=(?:also\s+)?(?:my|our)\b)|"
    r"\bund\s+(?=(?:auch\s+)?(?:mein|unser)\w*\b)",
    re.IGNORECASE,
)
CLAUSE_SURE = 0.8  # a clause is short: only this sure counts as a concern of its own


def clause_concerns(tenant: TenantView, text: str, intent: Intent) -> list[tuple[Intent, str]]:
    """Other concerns in the clauses of one sentence without sentence marks ("my card is not
    working and i want to know the exchange rate": the rate was answered, the card was lost):
    each clause of three words or more, cut at commas and "and", that is surely a concern of
    the tenant other than the one taken, with its words."""
    clauses = [c.strip() for c in _CONCERN_BREAK.split(text) if len(c.split()) >= 3]
    if len(clauses) < 2:
        return []
    found = []
    for clause in clauses:
        part = tenant.classify(clause, intent)
        same = dict(part.alternatives).get(intent.name or "", 0.0) >= 0.1  # (the taken concern
        # in other words: "two things, my card is not working" beside a declined payment)
        if (
            part.name != intent.name
            and not same
            and part.confidence >= max(tenant.threshold, CLAUSE_SURE)
        ):
            found.append((part, clause))
    return found


def concerns_by_clause(tenant: TenantView, text: str, intent: Intent) -> list[tuple[Intent, str]]:
    """An unsure turn without sentence marks that says two concerns, each surely in a clause of
    its own ("das internet geht nicht und die rechnung ist auch zu hoch": the turn between a
    fault and the bill): each such clause's concern in the order said, one per concern, when
    they are two or more and among the turn's three best guesses; [] otherwise."""
    guesses = {name for name, _ in list(intent.alternatives)[:3]}
    if is_new_concern(tenant, intent) or not guesses:
        return []
    found: list[tuple[Intent, str]] = []
    for clause in loose_clauses(text):
        if len(clause.split()) < 2:
            continue
        part = tenant.classify(clause, intent)
        sure = part.confidence >= max(tenant.threshold, CLAUSE_SURE)
        if not sure or part.name not in guesses or part.name in AGENT_INTENTS:
            continue
        if found and not _adds(clause):
            return []  # ("ich hab den Router schon neu gestartet und das Internet geht immer
            # noch nicht": one fault told with its story, not a restart question first)
        if all(part.name != f.name for f, _ in found):
            found.append((part, clause))
    return found if len(found) >= 2 else []


def _adds(clause: str) -> bool:
    """A clause that says it adds a concern ("… und die Rechnung ist auch zu hoch", "zweitens
    …"), not a question whether something is so too ("ob das auch für Babys ist")."""
    said = fold(clause)
    return bool(_ADDS.search(said)) and not re.search(r"\b(?:ob|if|whether)\b", said)


def concerns_added_in_clauses(
    tenant: TenantView, text: str, intent: Intent
) -> list[tuple[Intent, str]]:
    """Concerns a clause of a sure turn adds with "auch/außerdem" ("mein Fernseher zeigt nur
    noch Schnee und die Rechnung ist auch zu hoch": the fault taken, the bill lost): each
    clause that says it adds and is surely another concern of the tenant, with its words."""
    found = []
    for clause in loose_clauses(text):
        if not _adds(clause) or len(clause.split()) < 3:
            continue
        part = tenant.classify(clause, intent)
        sure = part.confidence >= max(tenant.threshold, CLAUSE_SURE)
        if sure and part.name != intent.name and part.name not in AGENT_INTENTS:
            found.append((part, clause))
    return found


def concerns_beside_a_guess(
    tenant: TenantView, text: str, intent: Intent, guessed: str
) -> list[tuple[Intent, str]]:
    """Concerns an unsure turn adds in clauses of their own beside the one asked about ("meine
    Rechnung ist zu hoch und ich will kündigen": "Geht es um Ihre Rechnung?", the cancellation
    was lost): each clause after the first that adds ("auch", "außerdem") or asks anew ("ich
    will …") and is surely another concern of the tenant."""
    found = []
    for clause in loose_clauses(text)[1:]:
        if not (_adds(clause) or _ASKS_ANEW.search(fold(clause))) or len(clause.split()) < 2:
            continue
        part = tenant.classify(clause, intent)
        sure = part.confidence >= max(tenant.threshold, CLAUSE_SURE)
        if sure and part.name not in (guessed, None) and part.name not in AGENT_INTENTS:
            found.append((part, clause))
    return found


_ASKS_ANEW = re.compile(
    r"^(?:(?:und|aber|also|dann|and|but|so) )*(?:ich|wir) (?:will|moechte|moechten|wollen|muss|"
    r"wuerde gerne?|haette gerne?)\b|"
    r"^(?:(?:and|but|so) )*(?:i|we) (?:want|need|would like|d like)\b"
)
_ADDS = re.compile(
    r"\b(?:auch|ausserdem|zusaetzlich|zudem|obendrein|zweitens|also|as well|too|secondly)\b"
)


def sold_asked_last(
    tenant: TenantView, sentences: list[str]
) -> tuple[str | None, str | None, bool] | None:
    """ "Ihre Brezeln sind super. Gibt es die auch als Laugenstangen?": whether we sell a
    product, asked in the last sentence after others: (our product, the kind not ours, whether
    an earlier sentence praised), the product of an earlier sentence standing for "die"; None
    when the last sentence asks no such thing."""
    from voicebot.dialog.product_reading import says_praise

    if len(sentences) < 2:
        return None
    sold = tenant.asked_if_sold(sentences[-1])
    if sold is None:
        return None
    product, other = sold
    before = " ".join(sentences[:-1])
    named = tenant.product_in(before)
    if product is None and other and named is not None and _POINTS_BACK.search(fold(sentences[-1])):
        product = named  # ("… auch als Laugenstangen": not that kind, only our Brezeln)
    return product, other, any(says_praise(s) for s in sentences[:-1])


_POINTS_BACK = re.compile(r"\b(?:die|der|das|den|es|sie|ihn|diese\w*)\b")
