"""Lines Whisper writes on silence or line noise that no caller said.

Whisper was trained on subtitled video: on a silent or noisy stretch it writes the credits of
its training data ("Untertitel der Amara.org-Community", "Untertitelung des ZDF, 2020",
"Copyright WDR 2021", "Vielen Dank fürs Zuschauen!", "Thanks for watching!", "[Musik]", a lone
"you"). Such a line is no answer, no concern and no comment: a turn of nothing else is silence,
and one said after real words is cut off them ("Mein Internet geht nicht. Untertitel der
Amara.org-Community"). A plain "Vielen Dank." is left alone: callers say it too.
"""

from __future__ import annotations

import re

_BROADCASTER = r"(?:amara|zdf|funk|wdr|swr|ndr|mdr|ard|br|hr|rbb|arte|3sat|phoenix)"
_CREDIT = re.compile(  # "Untertitel im Auftrag des ZDF für funk, 2017", "Subtitles by the …"
    r"\b(?:untertitel(?:ung)?\s*(?::\s*|(?:der|des)\s+|im\s+auftrag\s+des\s+)"
    r"|(?:subtitles?|captions?)\s+by\s+(?:the\s+)?)"
    rf"(?:{_BROADCASTER}\b)(?:\.org)?(?:[-\s]*community)?(?:\s+für\s+funk)?"
    r"[,\s]*(?:(?:19|20)\d\d)?\s*(?:[.!?]+|$)",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(rf"(?:©|\bcopyright\b)\s*(?:\w+\s+)?(?:{_BROADCASTER}\b|(?:19|20)\d\d)"
                        r"[^.!?]*[.!?]*", re.IGNORECASE)  # fmt: skip
# The sign-off of a video: thanks for watching, a call to subscribe, a see-you-next-time, joined
# by "and"/commas, and nothing else up to the sentence's end. Words going on after it are the
# caller's ("thank you for watching my account so closely, i got a text about a payment …", "I
# want to subscribe to text alerts"): left alone
_THANKS_WATCHING = (
    r"(?:vielen\s+)?dank(?:e)?\s+(?:schön\s+)?f(?:ü|u|ue)r['’]?s?\s+(?:das\s+)?zuschauen"
    r"|thanks?\s+(?:you\s+)?(?:so\s+much\s+|very\s+much\s+)?for\s+watching"
)
_SIGN_OFF = (
    rf"{_THANKS_WATCHING}"
    r"|(?:please\s+|and\s+)?(?:like\s+and\s+)?subscribe(?:\s+to\s+(?:my|our|the)\s+channel)?"
    r"|abonniert?\s+(?:doch\s+)?(?:meinen|unseren|den)\s+kanal"
    r"|(?:see\s+you|bis)\s+(?:next\s+time|soon|zum\s+nächsten\s+mal|bald)|tschüss|bye"
)
_WATCHING = re.compile(
    # thanks for watching anywhere, a call to subscribe only where a sentence begins
    rf"(?:\b(?:{_THANKS_WATCHING})|(?:^|(?<=[.!?])\s*)(?:please\s+)?(?:like\s+and\s+)?subscribe"
    r"(?:\s+to\s+(?:my|our|the)\s+channel)?|\babonniert?\s+(?:doch\s+)?(?:meinen|unseren|"
    rf"den)\s+kanal)(?:\s*(?:,|\band\b|\bund\b)?\s*\b(?:{_SIGN_OFF}))*\s*(?:[.!?]+|$)",
    re.IGNORECASE,
)
_SOUND = re.compile(  # "[Musik]", "*Musik*", "(Applaus)", "♪♪"
    r"[\[(*]\s*(?:musik|music|applaus|applause|lachen|laughter|stille|silence)\s*[\])*]|♪+",
    re.IGNORECASE,
)
_WHOLE = re.compile(  # only as the whole turn: a caller may say these words in a sentence
    r"^\W*(?:you|musik|music|applaus|applause|untertitel|subtitles)\W*$", re.IGNORECASE
)


def without_line_noise(text: str) -> str:
    """The turn without the recogniser's subtitle credits and sound marks; '' when nothing
    else was written."""
    if _WHOLE.match(text):
        return ""
    cleaned = text
    for pattern in (_CREDIT, _COPYRIGHT, _WATCHING, _SOUND):
        cleaned = pattern.sub(" ", cleaned)
    if cleaned == text:
        return text
    cleaned = " ".join(cleaned.split())
    return "" if not re.search(r"\w", cleaned) else cleaned


def only_line_noise(text: str) -> bool:
    """Something was written, but only what Whisper writes on silence: the turn is silence."""
    return bool(text.strip()) and not without_line_noise(text)
