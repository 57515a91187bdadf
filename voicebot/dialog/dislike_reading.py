"""A product the caller does not like is feedback, not a defect.

"Die Zahnpasta schmeckt meinen Kindern nicht", "der Duft vom Duschgel ist mir zu stark", "die
Nougatcreme ist mir viel zu süß": nothing went wrong with the product, so no batch number is
asked and the quality team is not alarmed at high priority (nor is the caller thanked for
praise, as "zu süß" was). The caller is thanked for the feedback and told it is passed on; a
refund wish said with it is offered a person, a question said with it is answered. A changed
or spoiled product ("schmeckt komisch", "ist sauer geworden", "riecht ranzig") or a reaction of
the body stays a complaint.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from voicebot.dialog.harm_words import reports_harm, reports_problem
from voicebot.dialog.question_words import is_question
from voicebot.dialog.tenant_view import TenantView
from voicebot.dialog.words import fold
from voicebot.events import Intent

_PERSON = (
    r"(?:mir|uns|ihm|ihr|ihnen|meinem \w+|meiner \w+|meinen \w+|unserem \w+|unserer \w+|"
    r"unseren \w+|den kindern|der familie|keinem|niemandem)"
)
_TASTE = (
    r"(?:suess\w*|sauer|salzig|scharf|stark|fad|fade|bitter|intensiv|kuenstlich|trocken|fettig|"
    r"klebrig|streng|penetrant|dominant|parfuemiert|herb|lasch|wuerzig|muskatig|zitronig|"
    r"aufdringlich|mehlig|zaeh|hart|weich|duenn|dick|fluessig|schwach)"
)
# Not liking it, in words of taste and liking ("schmeckt meinen Kindern nicht", "ich mag den
# Geruch nicht", "gefällt mir nicht", "nicht so mein Fall"), or "too" something for someone
# ("ist mir zu süß", "riecht mir zu künstlich", "der Duft ist zu stark")
_DISLIKE = re.compile(
    rf"\b(?:(?:schmeck|gefaell|gefall|gefiel)\w* (?:\w+ ){{0,3}}?{_PERSON} (?:\w+ ){{0,2}}?"
    r"(?:gar |ueberhaupt |leider |irgendwie |einfach )?(?:nicht|nich)\b(?! mehr)|"
    rf"{_PERSON} (?:\w+ ){{0,2}}?(?:gar |ueberhaupt |leider )?nicht (?:so )?(?:schmeck|gefall|"
    r"gefaell)\w*|"  # ("… dass die Brezeln meinen Kindern nicht schmecken")
    r"(?:mag|moeg\w*|mochte\w*) (?:\w+ ){0,6}?(?:gar |ueberhaupt |leider |einfach )?"
    r"(?:nicht|nich)\b(?! mehr)|"
    r"nicht (?:so |ganz |wirklich )?(?:mein|unser|sein|ihr)\w* (?:fall|geschmack|ding|sache)|"
    rf"(?:{_PERSON} (?:\w+ ){{0,4}}?)?(?:viel |etwas |echt |einfach |ein bisschen |bisschen |"
    r"ein wenig |ganz schoen |deutlich |leider |irgendwie |total |sehr )?(?<!nicht )zu "
    rf"{_TASTE}\b(?! geworden| (?:sachen|dinge|zeug|produkte|lebensmittel|speisen|getraenke|"
    r"essen|suessigkeiten|aufstriche)\b)|"  # ("ich mag keine zu süßen Sachen, wie viel Zucker
    # ist in der Marmelade?" asks)
    r"(?:finde|finden|fand|fanden) (?:\w+ ){0,4}nicht (?:so |besonders |wirklich )?"
    r"(?:gut|lecker|toll|angenehm|schoen))"
)
# Liking denied in any way ("mag … nicht mehr", "schmeckt keinem"): no praise
_NOT_LIKED = re.compile(
    r"\b(?:mag|moeg\w*|mochte\w*|schmeck\w*|gefaell\w*|gefall\w*|gefiel\w*) (?:\w+ ){0,6}?"
    r"(?:nicht|nich|keinem|niemandem|kein\w*)\b"
)
# The sense the dislike is about (for the words to the caller and the agent's note)
_SMELL = re.compile(r"\b(?:riech\w*|roch\w*|geruch\w*|duft\w*|parfu\w*)\b")
# A refund wish said with it ("… ich möchte mein Geld zurück")
_REFUND = re.compile(
    r"\b(?:geld (?:\w+ ){0,2}zurueck|erstatt\w*|rueckerstatt\w*|umtausch\w*|umtauschen|"
    r"zurueckgeben|zurueckbringen|gutschein|gutschrift|refund)\b"
)


def dislike_said(text: str) -> re.Match[str] | None:
    """The words saying the caller does not like the product, when they say nothing else
    went wrong with it and no one was harmed; None otherwise."""
    folded = fold(text)
    found = _DISLIKE.search(folded)
    if found is None or reports_harm(text):
        return None
    rest = _DISLIKE.sub(" ", folded)  # (every dislike said: "… nicht, der ist ihm zu sauer")
    if reports_problem(rest):  # "schmeckt mir nicht, irgendwie ranzig": a defect
        return None
    return found


def praise_of_a_dislike(tenant: TenantView, text: str, intent: Intent) -> Intent:
    """A dislike read as praise ("das Müsli ist zu süß und ich möchte mich beschweren": 'Lob'
    first, then the complaint): never thanked for; the next reading instead."""
    from voicebot.dialog.product_reading import is_praise

    spec = tenant.intents.get(intent.name or "")
    folded = fold(text)
    if spec is None or not is_praise(tenant, spec):
        return intent
    if not (_DISLIKE.search(folded) or _NOT_LIKED.search(folded)):  # ("ich mag die Brezeln
        return intent  # nicht mehr essen")
    others = tuple((n, c) for n, c in intent.alternatives if n != spec.id)
    if not others:
        return replace(intent, name=None, confidence=0.0, alternatives=())
    name, confidence = others[0]
    return replace(intent, name=name, confidence=max(confidence, tenant.threshold),
                   alternatives=others[1:])  # fmt: skip


def words_after(text: str, found: re.Match[str]) -> str:
    """What the caller said after the dislike ("… ist da Parfum drin"), folded."""
    return fold(text)[found.end() :].strip()


def wants_refund(words: str) -> bool:
    """A refund or exchange wished for in the words."""
    return bool(_REFUND.search(fold(words)))


def about_smell(text: str) -> bool:
    """The dislike is about a smell or scent rather than the taste."""
    return bool(_SMELL.search(fold(text)))


@dataclass(frozen=True, slots=True)
class Dislike:
    """A dislike of one of our products: the thanks to say, the note for the agent, whether a
    refund is wished, and a question said after it (to be answered), if any."""

    product: str
    thanks: str
    note: str
    refund: bool
    question: str | None
    praised: bool = False  # praise of something else said with it ("… aber die Hafermilch
    # ist super")


def dislike_of_product(tenant: TenantView, text: str, talked_about: str | None) -> Dislike | None:
    """The caller's dislike of a product of ours named or talked about (see above), said as a
    statement ("ist die Marmelade zu süß für Diabetiker?" asks); None otherwise."""
    found = dislike_said(text) if tenant.catalog else None
    if found is None or is_question(fold(text)[: found.end()]):
        return None
    said = fold(text)[: found.end()]  # (the product of the dislike, not of praise after it)
    product = tenant.product_in(said) or tenant.product_in(text) or talked_about
    if product is None:
        return None
    name = tenant.product_name(product)
    german = tenant.language.startswith("de")
    sense = ("Duft" if german else "scent") if about_smell(text) else (
        "Geschmack" if german else "taste")  # fmt: skip
    note = f"Rückmeldung: {name} sagt nicht zu ({sense})" if german else (
        f"feedback: {name} not to the caller's liking ({sense})")  # fmt: skip
    rest = words_after(text, found)
    refund = wants_refund(text)
    asks = not refund and len(rest.split()) >= 2 and (is_question(rest) or "?" in text)
    thanks = tenant.prompts.say("dislike_thanks", product=name)
    from voicebot.dialog.product_reading import says_praise

    praised = says_praise(_DISLIKE.sub(" ", fold(text)))
    from voicebot.dialog.praise_reading import product_put_in

    question = product_put_in(tenant, product, rest) if asks else None  # ("… gibt es die auch
    return Dislike(product, thanks, note, refund, question, praised)  # in einer anderen Sorte")
