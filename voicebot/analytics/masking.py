"""Masks caller speech before it is stored or shown: digit runs and spoken number runs.

`voicebot.privacy.mask_digits` covers "40817253"; callers also say numbers as words
("vier null acht eins ..."), so runs of 3+ number words become `***` as well.
"""

from __future__ import annotations

import re

from voicebot.payment_secrets import mask_secrets
from voicebot.privacy import mask_digits

_UNITS = (
    r"null|eins?|zwei|zwo|drei|vier|fünf|fuenf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwoelf"
    r"|zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
)
_TENS = r"zwanzig|dreißig|dreissig|vierzig|fünfzig|fuenfzig|sechzig|siebzig|achtzig|neunzig"
_NUMBER_WORD = re.compile(
    rf"(?:\d+|{_UNITS}|(?:(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)und)?(?:{_TENS})"
    rf"|\w+zehn|hundert|\w+teen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)",
    re.IGNORECASE,
)
MASK = "***"
RUN = 3  # this many number words in a row are a number worth hiding


def mask_spoken_numbers(text: str) -> str:
    """Replaces runs of RUN or more number words (or digit groups) by MASK."""
    words = text.split()
    out: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if word and _NUMBER_WORD.fullmatch(word.strip(".,;:!?")):
            run.append(word)
            continue
        out += run if len(run) < RUN else [MASK]
        run = []
        out += [word] if word else []
    return " ".join(out)


def mask_utterance(text: str) -> str:
    """Caller speech safe to store and show: card numbers, PINs, digit runs and spoken number
    runs masked."""
    return mask_spoken_numbers(mask_digits(mask_secrets(text)))


def is_masked_word(word: str) -> bool:
    """True for a word that is (part of) a masked number."""
    return "*" in word
