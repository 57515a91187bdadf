"""When the team is there, told from the tenant's `business_hours` to a caller who asks and
whose tenant has no intent of its own for it ("Can you tell me your opening hours?" at the bank
was "did not understand")."""

from __future__ import annotations

import re
from datetime import datetime, time
from typing import Any

from voicebot.dialog.question_words import is_question
from voicebot.dialog.words import fold_spoken
from voicebot.nlu.model import WEEKDAYS

_ASKS_HOURS = re.compile(
    r"\b(?:oeffnungszeit\w*|geschaeftszeit\w*|sprechzeit\w*|servicezeit\w*|"
    r"wann (?:\w+ ){0,4}(?:offen|geoeffnet|erreichbar|da|auf)|(?:offen|geoeffnet|erreichbar) "
    r"(?:\w+ ){0,2}(?:heute|morgen|am wochenende|samstags?|sonntags?)|"
    r"opening (?:hours|times)|business hours|office hours|"
    r"when (?:\w+ ){0,3}(?:open|closed|available)|what time do you (?:open|close)|"
    r"(?:are|is) (?:you|the bank|the team|anyone) open|open (?:on|at) (?:the )?weekends?|"
    r"hours (?:are you|do you)|what are your hours)\b"
)
_DAYS = {
    "de": ("montags", "dienstags", "mittwochs", "donnerstags", "freitags", "samstags", "sonntags"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}


# Words that can only mean the hours ("wann haben Sie geöffnet", not "wann ist der Techniker
# da"): such a question is told the hours even when the classifier was sure of another concern
_ONLY_HOURS = re.compile(
    r"\b(?:oeffnungszeit\w*|geschaeftszeit\w*|sprechzeit\w*|servicezeit\w*|"
    r"wann (?:\w+ ){0,3}(?:offen|geoeffnet)|opening (?:hours|times)|business hours|"
    r"office hours|when (?:\w+ ){0,3}open|what time do you (?:open|close))\b"
)


def names_opening_hours(text: str) -> bool:
    """The words ask for opening hours, question or not (an intent's examples)."""
    return bool(_ASKS_HOURS.search(fold_spoken(text)))


def only_about_hours(text: str) -> bool:
    """Words that can only mean opening hours ("Wann haben Sie geöffnet?")."""
    return bool(_ONLY_HOURS.search(fold_spoken(text)))


def asks_opening_hours(text: str) -> bool:
    """ "Wann haben Sie geöffnet?", "What are your opening hours?" (a question, not "Ihre
    Öffnungszeiten sind mir egal, mein Internet geht nicht")."""
    folded = fold_spoken(text)
    return bool(_ASKS_HOURS.search(folded)) and (is_question(text) or len(folded.split()) <= 4)


def hours_text(hours: Any, language: str, now: datetime | None = None) -> str | None:
    """ "Unser Team ist montags bis freitags von 8 bis 18 Uhr für Sie da." from the weekly
    spans (days with the same span grouped); None without business hours. On a day closed
    besides them (a public holiday, `closed:`), when the call's moment is known: "…, heute
    jedoch nicht." """
    weekly = getattr(hours, "weekly", None)
    if not weekly:
        return None
    lang = "de" if language.startswith("de") else "en"
    told = _weekly_text(weekly, lang)
    if told and now is not None and hours.closed_all_day(now):
        return told[:-1] + (", heute jedoch nicht." if lang == "de" else ", but not today.")
    return told


def _weekly_text(weekly: Any, lang: str) -> str | None:
    spans = [weekly.get(day) for day in WEEKDAYS]
    if all(s is not None and s[0] == time(0) and s[1] == time(0) for s in spans):
        return ("Unser Team ist rund um die Uhr für Sie da." if lang == "de"
                else "Our team is available around the clock.")  # fmt: skip
    groups: list[tuple[int, int, tuple[time, time]]] = []
    for index, span in enumerate(spans):
        if span is None:
            continue
        if groups and groups[-1][1] == index - 1 and groups[-1][2] == span:
            groups[-1] = (groups[-1][0], index, span)
        else:
            groups.append((index, index, span))
    if not groups:
        return None
    days = _DAYS[lang]
    said = []
    for first, last, (start, end) in groups:
        named = days[first] if first == last else (
            f"{days[first]} bis {days[last]}" if lang == "de" else f"{days[first]} to {days[last]}"
        )  # fmt: skip
        said.append(f"{named} {_span(start, end, lang)}")
    joined = ", ".join(said[:-1]) + (f" und {said[-1]}" if lang == "de" else f" and {said[-1]}")
    joined = joined if len(said) > 1 else said[0]
    if lang == "de":
        return f"Unser Team ist {joined} für Sie da."
    return f"Our team is available {joined}."


def _span(start: time, end: time, lang: str) -> str:
    if lang == "de":
        return f"von {_de(start)} bis {_de(end)} Uhr"
    return f"from {_en(start)} to {_en(end)}"


def _de(moment: time) -> str:
    hour = 24 if moment == time(0) else moment.hour
    return f"{hour}" if moment.minute == 0 else f"{hour}:{moment.minute:02d}"


def _en(moment: time) -> str:
    if moment == time(0):
        return "midnight"
    hour = moment.hour % 12 or 12
    suffix = "am" if moment.hour < 12 else "pm"
    return f"{hour} {suffix}" if moment.minute == 0 else f"{hour}:{moment.minute:02d} {suffix}"


# What any question about opening hours names: a time of being open or reachable, a place that
# opens (a shop), a day or clock time, the hotline ("hat der Shop am Sonntag auf", "zu welchen
# Zeiten kann ich anrufen")
_HOURS_WORDS = re.compile(
    r"\b(?:oeffnungszeit\w*|geschaeftszeit\w*|zeiten|offen|geoeffnet|oeffnet|auf|zu|"
    r"geschlossen|erreichbar|erreiche\w*|anrufen|shops?|laden|filiale\w*|geschaeft\w*|"
    r"hotline|uhr|wochenende|montags?|dienstags?|mittwochs?|"
    r"donnerstags?|freitags?|samstags?|sonntags?|feiertag\w*|open\w*|close\w*|hours|times|"
    r"available|reach|call|weekends?|branch\w*)\b|"
    r"\b(?:sind|seid|ist) (?:sie|ihr|jemand|wer) (?:\w+ ){0,3}da\b"  # "sind Sie morgen da?"
)
# ... and what a question of another concern asks after: who or what is to come or be done
# ("wann kommt denn der Techniker", "wann kommt mein neuer Router", "wann kommt die Gutschrift",
# "wann geht das Internet wieder")
_OTHER_SUBJECT = re.compile(
    r"\b(?:techniker\w*|monteur\w*|lieferung|paket|sendung|bestellung|bestellt|router|"
    r"rechnung|gutschrift|erstattung|geld|vertrag|stoerung|freischaltung|freigeschaltet|"
    r"internet|telefon|fernseh\w*|tv|wlan|dsl|netz|leitung|festnetz|empfang|"
    r"technician|engineer|delivery|parcel|order|refund)\b"
)


def hours_unsaid(intent_description: str, text: str) -> bool:
    """The classifier took a turn for the opening-hours intent (its description names them)
    that asks after someone or something of another concern and says nothing of hours, a place
    that opens or the hotline ("wann kommt denn jetzt der Techniker, der sollte zwischen acht
    und zwölf kommen" was told the shops' hours; "wie lange habt ihr heute noch" stays)."""
    folded = fold_spoken(text)
    return (
        names_opening_hours(intent_description)
        and bool(_OTHER_SUBJECT.search(folded))
        and not _HOURS_WORDS.search(folded)
    )
