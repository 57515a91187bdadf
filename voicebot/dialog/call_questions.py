"""Questions about the call itself rather than a concern the hotline serves: what the call costs
("was kostet mich eigentlich dieser Anruf") and what happens to the caller's data ("was passiert
mit meinen Daten, wenn ich hier anrufe", "wird das Gespräch aufgezeichnet"). The classifier
reads them by their words alone (a bill question, a change of details, nothing): the cost
question was asked for the customer number and put through to billing, the data question got
"nicht verstanden" twice and the keypad menu.

The cost is told from the hotline's dialed numbers (a freephone number costs the caller
nothing; otherwise it depends on the caller's provider); the data question is one the bot has
no information on: said so, and a person offered (company_question's way)."""

from __future__ import annotations

import re

from voicebot.dialog.words import fold

# The call named as what costs ("was kostet der Anruf", "ist der Anruf kostenlos", "kostet das
# Gespräch etwas", "what does this call cost", "is this call free")
_CALL = r"(?:anruf\w*|gespraech\w*|telefonat\w*|hotline|nummer|call|number|line)"
_COST = re.compile(
    rf"\b(?:was|wie viel|wieviel)\s+kostet\s+(?:\w+\s+){{0,3}}?(?:der|dieser|dies|das|den|ein|"
    rf"so ein|mein)\s+(?:\w+\s+)?{_CALL}\b|"
    rf"\b{_CALL}\s+(?:\w+\s+){{0,3}}?(?:kostenlos|kostenfrei|gebuehrenfrei|umsonst|gratis|"
    rf"kostenpflichtig|kostet|teuer)\b|"
    rf"\b(?:kostenlos|kostenfrei|gebuehrenfrei|kostenpflichtig)\s+(?:\w+\s+){{0,2}}?{_CALL}\b|"
    rf"\bkostet\s+(?:mich\s+)?(?:das|der|die|dieser|diese|dieses|es)\s+(?:\w+\s+){{0,2}}?"
    rf"(?:hier|{_CALL})\s+(?:\w+\s+){{0,2}}?(?:was|etwas|geld|gebuehren)\b|"
    rf"\b(?:was|wie viel|wieviel)\s+kostet\s+(?:mich|uns)\s+(?:\w+\s+){{0,2}}?(?:hier|{_CALL})\b|"
    rf"\b(?:how much|what)\s+(?:does|will|is)\s+(?:this|the|a)\s+{_CALL}\s+(?:cost|charged)|"
    rf"\bis\s+(?:this|the)\s+{_CALL}\s+(?:free|charged)"
)
_ENGLISH = re.compile(r"\b(?:how much|what|is|does|will|this|the|call|free)\b")

# Where the service counts as free to call: Germany 0800, UK 0800/0808, North America toll-free
_FREEPHONE = re.compile(r"^(?:49800|44800|44808|1800|1833|1844|1855|1866|1877|1888)")

# The caller's data or the call's recording asked about ("was passiert mit meinen Daten",
# "wird das Gespräch aufgezeichnet", "Datenschutz", "DSGVO"); not a change of details ("ich
# möchte meine Daten ändern")
PRIVACY = re.compile(
    r"\b(?:datenschutz\w*|dsgvo|gdpr|data protection|privacy)\b|"
    r"\b(?:passiert|geschieht)\b(?:\s+\S+){0,3}?\s+mit\s+(?:meinen|den|unseren)\s+"
    r"(?:persoenlichen\s+)?daten\b|"
    r"\b(?:was|wo|wie lange|wer)\b(?:\s+\S+){0,4}?\s+(?:mit\s+)?(?:meinen|meine|den|unseren)\s+"
    r"(?:persoenlichen\s+)?daten\b(?:\s+\S+){0,4}?\s+(?:passiert|gemacht|gespeichert|"
    r"weitergegeben|verwendet|genutzt|aufbewahrt)\b|"
    r"\b(?:werden|wird|sind|geben|verkaufen|gebt|verkauft)\b(?:\s+\S+){0,2}?\s+(?:meine|unsere|"
    r"die)\s+(?:persoenlichen\s+)?daten\b(?:\s+\S+){0,4}?\s+(?:weitergegeben|weiter|verkauft|"
    r"geloescht|weitergeleitet|sicher|geschuetzt)\b|"
    r"\bverkauf\w*\s+(?:\w+\s+){0,2}?(?:meine|unsere)\s+daten\b|"
    r"\b(?:wird|werden|ist)\b(?:\s+\S+){0,3}?\s+(?:gespraech|anruf|telefonat|das)\s+"
    r"(?:\w+\s+){0,2}(?:aufgezeichnet|aufgenommen|mitgeschnitten|gespeichert)\b|"
    r"\b(?:is|are)\s+(?:this|the|my)\s+(?:call|conversation)\s+(?:being\s+)?recorded\b"
)


# A call going somewhere ("was kostet ein Anruf ins Ausland", "… der Anruf nach Polen", "… ein
# Telefonat aufs Handy"): a tariff's price, not this call's
_DESTINATION = re.compile(
    r"^\s*(?:\w+\s+)?(?:ins|in die|in das|in den|nach(?!\s+\d)|aufs|auf ein\w*|abroad|to)\b"
)


def asks_cost_of_call(text: str, language: str) -> bool:
    """The caller asks what this call costs them, in the hotline's language (an English
    question at a German hotline is the other language's to answer); not what a call somewhere
    else costs on their tariff."""
    said = fold(text)
    found = _COST.search(said)
    if found is None:
        return False
    if _DESTINATION.match(said[found.end() :]):
        return False
    return language.startswith("en") or len(_ENGLISH.findall(found.group(0))) < 3


def asks_about_privacy(text: str) -> bool:
    """The caller asks what happens to their data or whether the call is recorded."""
    return PRIVACY.search(fold(text)) is not None


def cost_answer(dialed: list[str] | tuple[str, ...], language: str) -> str:
    """What the call costs, told from the hotline's dialed numbers."""
    free = bool(dialed) and all(_FREEPHONE.match(re.sub(r"\D", "", number)) for number in dialed)
    if language.startswith("de"):
        if free:
            return "Der Anruf bei unserer Hotline ist für Sie kostenlos."
        return "Was der Anruf kostet, hängt von Ihrem Telefonanbieter ab."
    if free:
        return "Calls to this number are free of charge."
    return "What the call costs depends on your phone provider."


def without_cost_question(text: str) -> str:
    """The words said after the question about the cost, or before it when it ends the turn
    ("ist der Anruf kostenlos, ich hab eine Frage zur Rechnung" -> "ich hab eine Frage zur
    Rechnung"); "" when it is all the turn says."""
    said = fold(text)
    found = _COST.search(said)
    if found is None:
        return said
    after = said[found.end() :].split()
    if len(after) >= 3:
        return " ".join(after)
    before = said[: found.start()].split()
    return " ".join(before) if len(before) >= 3 else ""
