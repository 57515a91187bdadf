"""Dates as callers say them: "morgen", "am Montag", "am 3. Dezember", "3.12.", "december 3rd"."""

from __future__ import annotations

import re
from datetime import date, timedelta

from voicebot.nlu.normalize import fold

_RELATIVE = {
    "vorgestern": -2, "gestern": -1, "heute": 0, "morgen": 1, "uebermorgen": 2,
    "day before yesterday": -2, "yesterday": -1, "today": 0, "tomorrow": 1,
    "day after tomorrow": 2,
}  # fmt: skip
_WEEKDAYS = {
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4, "samstag": 5,
    "sonnabend": 5, "sonntag": 6, "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
_MONTHS = {
    "januar": 1, "jaenner": 1, "februar": 2, "maerz": 3, "april": 4, "mai": 5, "juni": 6,
    "juli": 7, "august": 8, "september": 9, "oktober": 10, "november": 11, "dezember": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7, "october": 10,
    "december": 12,
}  # fmt: skip
_ORDINAL_STEMS = {
    "ers": 1, "zwei": 2, "drit": 3, "vier": 4, "fuenf": 5, "sechs": 6, "sieb": 7, "sieben": 7,
    "ach": 8, "neun": 9, "zehn": 10, "elf": 11, "zwoelf": 12, "dreizehn": 13, "vierzehn": 14,
    "fuenfzehn": 15, "sechzehn": 16, "siebzehn": 17, "achtzehn": 18, "neunzehn": 19,
    "zwanzig": 20, "dreissig": 30,
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30,
}  # fmt: skip
_ENGLISH_ORDINALS = {w for w in _ORDINAL_STEMS if w.endswith(("st", "nd", "rd", "th"))}
_UNITS = {"ein": 1, "zwei": 2, "drei": 3, "vier": 4, "fuenf": 5, "sechs": 6, "sieben": 7,
          "acht": 8, "neun": 9}  # fmt: skip


def _ordinal_day(word: str) -> int | None:
    """1-31 from "3", "3rd", "dritten", "einundzwanzigsten", "twenty-first" pieces."""
    if m := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th|ten|te|ter)?", word):
        return int(m.group(1))
    if word in _ENGLISH_ORDINALS:
        return _ORDINAL_STEMS[word]
    for suffix in ("sten", "ster", "stem", "ste", "ten", "ter", "tem", "te"):
        if word.endswith(suffix) and word[: -len(suffix)] in _ORDINAL_STEMS:
            return _ORDINAL_STEMS[word[: -len(suffix)]]
    if m := re.fullmatch(r"(\w+?)und(zwanzig|dreissig)s(?:te|ten|ter|tem)", word):
        unit = _UNITS.get(m.group(1))
        return None if unit is None else unit + (20 if m.group(2) == "zwanzig" else 30)
    return None


def _nearest(today: date, month: int, day: int, year: int | None) -> date | None:
    """The date with that day and month closest to today (or in the given year)."""
    years = [year] if year else [today.year - 1, today.year, today.year + 1]
    candidates = []
    for y in years:
        try:
            candidates.append(date(y, month, day))
        except ValueError:
            continue
    return min(candidates, key=lambda d: abs((d - today).days), default=None)


def extract_date(text: str, language: str, today: date) -> date | None:
    """The date a caller names relative to `today`; weekdays mean the next such day."""
    words = " ".join(fold(text).replace("-", " ").split())
    if m := re.search(r"\b(\d{1,2})\.(\d{1,2})\.(\d{2,4})?", words):
        year = int(m.group(3)) if m.group(3) else None
        year = year + 2000 if year is not None and year < 100 else year
        return _nearest(today, int(m.group(2)), int(m.group(1)), year)
    if m := re.search(r"\b(\d{4})-(\d{2})-(\d{2})\b", words):
        return _nearest(today, int(m.group(2)), int(m.group(3)), int(m.group(1)))
    clean = re.sub(r"[^\w\s]", " ", words).split()
    for i, word in enumerate(clean):
        if word in _MONTHS:
            around = clean[max(0, i - 2) : i] + clean[i + 1 : i + 3]
            days = [d for d in map(_ordinal_day, around) if d is not None and 1 <= d <= 31]
            year = next((int(w) for w in clean[i + 1 : i + 3] if re.fullmatch(r"\d{4}", w)), None)
            if days:
                return _nearest(today, _MONTHS[word], days[0], year)
    joined = " ".join(clean)
    for phrase, offset in sorted(_RELATIVE.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{phrase}\b", joined):
            return today + timedelta(days=offset)
    for word in clean:
        if word in _WEEKDAYS:
            ahead = (_WEEKDAYS[word] - today.weekday()) % 7 or 7
            return today + timedelta(days=ahead)
    return None
