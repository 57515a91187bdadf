"""Someone already ate or used a product and is at risk: a swallowed foreign body ("da war
ein Glassplitter drin, und meine Tochter hat schon davon gegessen") or signs of a reaction
("meine Tochter hat von der Zahnpasta rote Flecken um den Mund bekommen") are urgent by
themselves, not only when the caller asks "ist das gefährlich?". The advice fits the
hazard: a doctor (112 in an emergency) for a foreign body or symptoms, the poison centre for
a suspected poisoning.
"""

from __future__ import annotations

import re

from voicebot.dialog.harm_words import health_emergency, reports_body_reaction
from voicebot.dialog.question_words import is_question
from voicebot.dialog.words import fold

# Taken in: eaten, drunk, swallowed ("hat schon davon gegessen", "runtergeschluckt")
_TAKEN_IN = re.compile(
    r"\b(?:gegessen|gefuttert|genascht|verschluckt|geschluckt|runtergeschluckt|getrunken|"
    r"probiert|abgebissen|swallowed|ate|eaten|drank|drunk)\b"
)
# Something hard or sharp that does not belong in food ("Glassplitter", "ein Stück Draht")
_FOREIGN_BODY = re.compile(
    r"\b(?:glas(?:splitter|scherbe|stueck|teil)\w*|\w*splitter\w*|scherbe\w*|draht\w*|metall\w*|nadel\w*|schraube\w*|"
    r"plastikteil\w*|hartplastik|stein(?:e|en|chen)?|glass|splinter\w*|wire|metal|needle)\b"
)
# Signs of a reaction that happened ("rote Flecken bekommen", "hat sich übergeben")
_SYMPTOMS = re.compile(
    r"\b(?:ausschlag|rote flecken|flecken|roetung\w*|geroetet|quaddeln|juckt|jucken|"
    r"geschwollen|anschwellen|uebel|erbrochen|uebergeben|gebrochen|durchfall|bauchschmerzen|"
    r"bauchweh|fieber|atemnot|schwindel\w*|rash|swollen|itching|threw up|vomited|red spots)\b"
)


# Symptoms had, said in the perfect tense within a question ("was ist in dem Duschgel drin,
# ich hab so Ausschlag bekommen"), not asked about ("Kann man davon Ausschlag bekommen?")
_HAD_SYMPTOMS = re.compile(
    r"\b(?:hab|habe|hat|haben|hatte|hatten|bekam|kriegt|krieg)\b(?:\s+\w+){0,4}\s+"
    r"(?:ausschlag|rote flecken|flecken|quaddeln|durchfall|bauchschmerzen|bauchweh|fieber|"
    r"atemnot|juckreiz)\b"
)
# What to do now, asked after something was taken in ("mein Sohn hat die Handcreme gegessen,
# was soll ich tun?"): a case for the poison centre, not a question about the product
_WHAT_TO_DO = re.compile(
    r"\b(?:was (?:soll|sollen|muss|muessen|kann|koennen) (?:ich|wir|man) (?:\w+ )?(?:jetzt |nun |"
    r"denn )?(?:tun|machen)|was mach(?:e)? ich (?:jetzt|nun)|what should i do|what do i do)\b"
)


# A pet that ate or licked a product ("mein Hund hat die Nougatcreme gefressen"): the vet
_PET = (
    r"(?:hund|hunde|hundes|katze|kater|welpe\w*|kaninchen|hamster|meerschweinchen|"
    r"wellensittich\w*|papagei\w*|haustier\w*|dog|cat|puppy|kitten)"
)
_PET_TOOK_IN = re.compile(
    rf"\b{_PET}\b(?: \w+){{0,8}} (?:gefressen|gefuttert|gegessen|geleckt|abgeleckt|"
    r"verschluckt|geschluckt|erwischt|angeknabbert|zerbissen|ate|eaten|licked|swallowed)\b"
)


# Worry about it ("ist das schlimm?", "was soll ich tun?") or signs of harm
_WORRIED = re.compile(
    r"\b(?:schlimm|gefaehrlich|giftig|schaedlich|bedenklich|tierarzt\w*|notfall|"
    r"(?:is|was) (?:that|it|this) (?:bad|dangerous|toxic|poisonous)|poison\w*|toxic)\b"
)


def pet_took_it_in(text: str) -> bool:
    """ "Mein Hund hat die ganze Nougatcreme gefressen, was soll ich tun?": a pet at risk (the
    vet, not the poison centre); said with worry, what to do or signs of harm (not "mein Hund
    hat die Brezel gefressen, und wie lange halten die eigentlich?")."""
    folded = fold(text)
    if not _PET_TOOK_IN.search(folded):
        return False
    return bool(_WORRIED.search(folded) or _WHAT_TO_DO.search(folded) or _SYMPTOMS.search(folded))


def urgent_advice(text: str) -> str | None:
    """The prompt key of the advice for a health risk the words report, or None: a foreign
    body swallowed or symptoms after use -> "health_see_doctor"; a suspected poisoning
    (health_emergency) -> "health_emergency"; a pet that ate it -> "health_pet". A question
    of what might happen ("Kann man von der Handcreme Ausschlag bekommen?") reports nothing."""
    folded = fold(text)
    if pet_took_it_in(text):
        return "health_pet"
    taken_in = bool(_TAKEN_IN.search(folded))
    if taken_in and _FOREIGN_BODY.search(folded):
        return "health_see_doctor"
    if health_emergency(text) or (taken_in and _WHAT_TO_DO.search(folded)):
        return "health_emergency"
    if _HAD_SYMPTOMS.search(folded):
        return "health_see_doctor"
    if _SYMPTOMS.search(folded) and (taken_in or not is_question(text)):
        return "health_see_doctor"
    if reports_body_reaction(text):  # "er hat die Handcreme benutzt, seine Haut ist ganz rot"
        return "health_see_doctor"
    return None


def hazard_noted(text: str) -> str | None:
    """How the agent's summary marks it: "Fremdkörper verschluckt", "Beschwerden nach
    Verzehr/Anwendung", "Verdacht auf Vergiftung"; None: no health risk reported."""
    advice = urgent_advice(text)
    if advice is None:
        return None
    if advice == "health_emergency":
        return "Verdacht auf Vergiftung"
    if advice == "health_pet":
        return "Haustier hat davon gefressen"
    if _FOREIGN_BODY.search(fold(text)) and _TAKEN_IN.search(fold(text)):
        return "Fremdkörper verzehrt"
    return "Beschwerden nach Verzehr/Anwendung"


# What was wrong with a product, as callers say it ("Glassplitter", "Schimmel", "ranzig")
DEFECT = re.compile(
    r"(?:glas(?:splitter|scherbe|stueck|teil)\w*|\w*splitter\w*|scherbe\w*|draht\w*|metall\w*|plastik\w*|nadel\w*|"
    r"schraube\w*|stein(?:e|en|chen)?|haar\w*|insekt\w*|fliege\w*|motte\w*|wurm|wuermer|made|maden|"
    r"kaefer\w*|fremdkoerper\w*|schimmel\w*|verschimmelt|pelz|ranzig\w*|sauer|bitter|"
    r"klumpig\w*|klumpen|verdorben\w*|muffig\w*|gammelig|faulig|stinkt|komisch\w*|"
    r"seltsam\w*|ausgelaufen|undicht|kaputt\w*|aufgetaut|ausgetrocknet|fluessig|"
    r"verfaerbt\w*|ausschlag|flecken|roetung\w*|geschwollen|uebel|erbrochen|durchfall|"
    r"bauchschmerzen|ungeniessbar|ekelhaft|spuelmittel|tot|tote|toter|totes|abgelaufen|"
    r"verbrannt|angebrannt|zerbrochen|zerbroeselt|zerkruemelt|zerdrueckt|zerquetscht|"
    r"beschaedigt|eingedrueckt|aufgerissen)"
)
_NOT = frozenset(("nicht", "kein", "keine", "keinen", "nie", "not", "no", "never"))
_CHILD = re.compile(r"\b(?:kind\w*|tochter|sohn|baby\w*|enkel\w*|kleine[nr]?)\b")


def problem_said(lines: list[str], most: int = 4) -> list[str]:
    """The caller's problem in a few words for the agent's summary, as said: the defect words
    ("Glassplitter", "ranzig"), then who took it in ("Kind hat davon gegessen" -> "von einem
    Kind verzehrt") or "verzehrt"; empty when no defect or consumption was said."""
    found: list[str] = []
    for line in lines:
        words = re.findall(r"[\wÄÖÜäöüß]+", line)
        for at, word in enumerate(words):
            denied = _NOT & {fold(w) for w in words[max(0, at - 3) : at]}  # ("obwohl das
            if denied or not DEFECT.fullmatch(fold(word)):  # Datum noch lange nicht
                continue  # abgelaufen ist")
            if word not in found and len(found) < most:
                found.append(word)
    said = fold(" ".join(line for line in lines if not denies_intake(line)))
    if _TAKEN_IN.search(said):  # (not "gegessen hat noch keiner davon")
        found.append("von einem Kind verzehrt" if _CHILD.search(said) else "verzehrt")
    return found


_NOT_WORD = r"(?:kein\w*|nicht|nichts|niemand|no|not|nobody|didn t|hasn t|nothing)"
_TAKEN_WORD = _TAKEN_IN.pattern.removeprefix(r"\b").removesuffix(r"\b")
_NEGATED = re.compile(  # "gegessen hat noch keiner davon", "nein, keiner hat davon gegessen"
    rf"\b{_NOT_WORD}\b(?: \w+){{0,3}} {_TAKEN_WORD}\b|\b{_TAKEN_WORD}(?: \w+){{0,3}} {_NOT_WORD}\b"
)


def denies_intake(text: str) -> bool:
    """ "Gegessen hat noch keiner davon": the words say nobody took it in."""
    return bool(_NEGATED.search(fold(text)))


def urgent_completed(earlier: list[str], text: str) -> str | None:
    """The advice for a risk this turn completes with the concern's earlier turns ("mein Kind
    hat von der Zahnpasta gegessen" - batch asked - "ist das gefährlich?" was asked for the
    batch twice more), or None. The turn itself must ask about danger or what to do, tell
    symptoms, or tell that someone took it in (not "gegessen hat keiner"); a risk the earlier
    turns held alone was dealt with there."""
    before = " ".join(earlier)
    if not before or urgent_advice(before) is not None:
        return None
    folded = fold(text)
    adds = bool(
        _DANGER_ASKED.search(folded)
        or _WHAT_TO_DO.search(folded)
        or _SYMPTOMS.search(folded)
        or _HAD_SYMPTOMS.search(folded)
        or (_TAKEN_IN.search(folded) and not _NEGATED.search(folded))
    )
    return urgent_advice(f"{before}. {text}") if adds else None


_DANGER_ASKED = re.compile(
    r"\b(?:gefaehrlich\w*|giftig\w*|vergift\w*|schlimm|arzt|notarzt|krankenhaus|notaufnahme|"
    r"dangerous|poison\w*|toxic|doctor|hospital)\b"
)
