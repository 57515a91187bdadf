"""English contractions as Whisper often writes them, without the apostrophe ("didnt",
"dont", "wasnt", "cant"): folded with the apostrophe as a word break ("didn t"), as the phrase
lists of the English readings write them."""

from __future__ import annotations

import re

from voicebot.dialog.words import fold_spoken

_RUN_TOGETHER = re.compile(r"\b(did|does|do|has|have|is|was|were|wo|would|ca|could)nt\b")


def fold_contracted(text: str) -> str:
    """fold_spoken() with "didnt" written as "didn t" (Whisper often leaves the apostrophe
    out)."""
    return _RUN_TOGETHER.sub(r"\1n t", fold_spoken(text))
