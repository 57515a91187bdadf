"""Something gone wrong in the caller's words: harm done (a reaction, a body part, something
swallowed, an emergency), a problem of any kind, and a lead-in that tells none."""

from __future__ import annotations

import re

from voicebot.dialog.agent_requests import COMPLAINT
from voicebot.dialog.question_words import is_question
from voicebot.dialog.words import fold, fold_spoken

# A part of the body that reacted ("seine Haut ist jetzt ganz rot", "die Augen brennen",
# "Hautreizung"): a reaction that happened, said by the body part rather than a symptom's noun
BODY_REACTION = re.compile(
    r"\b(?:(?:haut|gesicht|haende|hand|mund|augen|auge|lippen|finger|kopfhaut|zunge|hals)\b"
    r"(?:\s+\w+){0,4}\s+(?:rot|geroetet|brennt|brennen|juckt|jucken|gereizt|entzuendet|"
    r"geschwollen|wund|trocken und rissig)|(?:brennt|brennen|juckt|jucken|traenen|schmerzt|"
    r"schmerzen)\s+(?:\w+\s+){0,2}(?:haut|augen|auge|lippen|haende|hand|mund|gesicht|"
    r"kopfhaut|zunge)|(?:mir|ihm|ihr|uns) (?:ist|war|wurde|wird) (?:\w+ ){0,4}(?:schlecht|"
    r"uebel|schwindelig)|hautreizung\w*|ekzem\w*|(?:skin|face|eyes?|lips?|"
    r"hands?|mouth)\b(?:\s+\w+){0,3}\s+(?:red|burn\w*|itch\w*|swollen|irritated|sore))\b"
)


def reports_body_reaction(text: str) -> bool:
    """A body part that reacted ("seine Haut ist ganz rot"), unless only asked about ("Kann
    die Haut davon rot werden?")."""
    return bool(BODY_REACTION.search(fold(text))) and not is_question(text)


# A product that did the caller harm ("ich habe allergisch reagiert", "mir ist übel geworden")
_HARM = re.compile(
    r"\b(ausschlag|juckt|jucken|geschwollen|uebel|erbrochen|schlecht geworden|krank geworden|"
    r"durchfall|bauchschmerzen|atemnot|rash|swollen|itching|threw up|vomited|got sick|"
    r"made me sick|reacted|(?:had|got) an? (?:allergic )?reaction|"
    r"(?:habe|hab|hat|hatte|haben)\b.{0,40}\b(?:allergisch reagiert|reaktion))\b"
)  # a reaction that happened, not "worauf man allergisch reagiert"


def health_emergency(text: str) -> bool:
    """ "Meine Tochter hat eine halbe Tube Zahnpasta gegessen, ist das gefährlich?", "mein
    Kind hat Spülmittel getrunken": something swallowed that may harm now, or the signs of it
    (a case for the poison centre and a person at once, not for a batch number)."""
    folded = fold(text)
    return bool(_SWALLOWED.search(folded) and _DANGER.search(folded)) or bool(
        _EMERGENCY.search(folded)
    )


_SWALLOWED = re.compile(
    r"\b(?:gegessen|verschluckt|geschluckt|getrunken|runtergeschluckt|eingenommen|ins auge|"
    r"swallowed|ate|eaten|drank|drunk)\b"
)
_DANGER = re.compile(
    r"\b(?:gefaehrlich\w*|giftig\w*|vergift\w*|schlimm|arzt|notarzt|krankenhaus|notaufnahme|"
    r"dangerous|poison\w*|toxic|doctor|hospital)\b"
)
_EMERGENCY = re.compile(
    r"\b(?:vergiftung|giftnotruf|bewusstlos|atemnot|kriegt keine luft|bekommt keine luft|"
    r"poisoning|unconscious|can t breathe|cannot breathe)\b"
)


def reports_harm(text: str) -> bool:
    """The caller reports a reaction or illness (for products: a case for a person)."""
    return bool(_HARM.search(fold(text))) or reports_body_reaction(text)


# Something went wrong, in words of its own ("war schimmelig", "someone stole my card", "der
# Techniker kam nicht"): what makes a sentence a complaint or an emergency, unlike a lead-in
# ("Ich habe gestern die Nougatcreme gekauft.", "Ich hab die Packung nicht da.")
_PROBLEM = re.compile(
    r"\b(kaputt\w*|defekt\w*|schimmel\w*|verschimmelt\w*|verdorben\w*|ranzig\w*|abgelaufen\w*|"
    r"schlecht\w*|falsch\w*|fehl\w*|glas\w*|splitter\w*|stein\w*|haar\w*|insekt\w*|motte\w*|"
    r"wurm\w*|wuermer|kaefer\w*|made|maden|plastik\w*|metall\w*|klumpen|sauer|bitter|"
    r"gestohlen|geklaut|geraubt|verloren|weg|gesperrt|betrug\w*|betrueger\w*|gehackt|"
    r"abgebucht|problem\w*|aerger\w*|frechheit|unverschaemt\w*|reklam\w*|stinkt|verbrannt|"
    r"stolen|stole|steal\w*|lost|lose|gone|missing|fraud\w*|scam\w*|hacked|compromised|"
    r"broken|wrong|declined|blocked|twice|unauthori[sz]ed|emptied|mugged|robbed|nicked|"
    r"pinched|swiped|komisch\w*|seltsam\w*|merkwuerdig\w*|ausgelaufen|undicht|"
    r"klumpig\w*|gaerig\w*|gegoren|flecken|verfaerbt\w*|schwarze|halb (?:voll|leer)|"
    r"zu wenig|geronnen|dickfluessig\w*|flocken|ausgeflockt|verklumpt|zerbrochen|zerbroeselt|"
    r"zerkruemelt|zerdrueckt|zerquetscht|beschaedigt|eingedrueckt|aufgerissen|"
    r"(?:geht|ging|gehen|funktioniert|funktionierte|kam|kommt|klappt|klappte|laeuft|lief|"
    r"schmeckt|riecht|haelt|hielt|wurde|wurden|ist|war|sind|waren|hat|haben|hatte|"
    r"schmeckte|roch)\b(?:\s+\w+){0,3}\s+(?:nicht|nie)|"
    r"never (?:came|arrived|showed up|turned up|got|received|worked)|"
    r"warte\w* (?:\w+ ){0,2}seit|immer noch|still waiting|been waiting|"
    r"(?:didn t|did not|doesn t|does not|wasn t|was not|isn t|is not|won t|don t|not)\s"
    r"(?:\w+\s){0,2}(?:work\w*|arriv\w*|me|recogni[sz]e\w*|authori[sz]e\w*|come|show\w*))\b"
)


def reports_problem(text: str) -> bool:
    """The words say something went wrong (harm, damage, a loss, a theft, a failure, money
    or a card used by someone else)."""
    from voicebot.dialog.money_reading import used_by_someone_else

    folded = fold_spoken(text)
    return (
        reports_harm(text)
        or COMPLAINT.search(folded) is not None
        or bool(_PROBLEM.search(folded))
        or used_by_someone_else(text)
    )


# What a caller tells before the question, none of it a complaint ("Ich habe gestern die
# Nougatcreme gekauft.", "Meine Nachbarin hat mir von der Hafermilch erzählt.", "Jetzt sind die
# Brezeln aufgetaut.", "Ich hab die Packung nicht da.")
_LEAD_IN = re.compile(
    r"\b(?:gekauft|kaufe|kaufen|bestellt|geschenkt|bekommen|mitgebracht|gesehen|gehoert|"
    r"gelesen|erzaehlt|empfohlen|probiert|eingefroren|aufgetaut|aufbewahrt|nicht da|nicht zur "
    r"hand|weggeworfen|im angebot|immer|gerne?|liebe|lieben|mag|moegen|esse|essen|trinke|"
    r"trinken|nutze|benutze|verwende|backe|koche|gegessen|getrunken|gekocht|gebacken|daheim|"
    r"zu ?hause|offen|geoeffnet|angebrochen|bought|buy|ordered|heard|saw|seen|tried|got|"
    r"love|usually|always)\b"
)


def is_lead_in(text: str) -> bool:
    """A sentence that only tells what the caller did or has (bought, heard of, thawed), with
    no word of something gone wrong: background to the question that follows."""
    return bool(_LEAD_IN.search(fold(text))) and not reports_problem(text)
