"""A concern taken back at the end of the turn that said it: the lost card found while
speaking ("i cant find my card oh wait here it is sorry"), "… never mind". Nothing is left
to hand on: the caller is asked whether there is anything else, not put through to the
fraud team at high priority for a card in their hand."""

from __future__ import annotations

import re

from voicebot.dialog.words import fold_spoken

# The taking back: the caller found it ("found it", "here it is", "it's here", "got it here")
# or drops it ("never mind", "forget that"); not someone else finding it ("someone found it
# and handed it in") nor a finding that is itself the concern ("found it but it's snapped").
_TAKEN_BACK = re.compile(
    r"(?:^|\s)(?:(?:oh|ah|no|wait|hang on|hold on|actually|sorry|um|uh|er|erm|it s ok|it s fine"
    r"|okay|ok)\s+)*(?:(?:i ve |i have |i )?(?:just )?found it|here it is|it s here|its here"
    r"|it is here"
    r"|(?:i ve )?got it here|never mind|nevermind|forget that|ignore (?:that|me)"
    r"|ach (?:hier|da) ist sie|(?:ich )?hab (?:sie|ihn|es) gefunden)"
    r"((?:\s+\S+){0,7})\s*$"
)
_NOT_THE_CALLER = re.compile(r"\b(?:someone|somebody|they|he|she|police|shop|staff|jemand)\s+"
                             r"(?:has |had |have )?(?:just )?$")  # fmt: skip
_MORE_TO_SAY = frozenset((  # the words after it go on to a concern ("… but it's snapped")
    "but", "and", "want", "need", "can", "could", "how", "what", "why", "when", "would",
    "broken", "snapped", "damaged", "cracked", "aber", "und",
))  # fmt: skip


def concern_taken_back(text: str) -> bool:
    """The turn says a concern and ends by taking it back: the thing lost was found while
    speaking, or "never mind"; the words after that only say where or sorry."""
    said = fold_spoken(text)
    found = _TAKEN_BACK.search(said)
    if found is None or len(said[: found.start()].split()) < 3:  # a concern said before it
        return False
    if _NOT_THE_CALLER.search(said[: found.start()] + " "):
        return False
    return not (_MORE_TO_SAY & set(found.group(1).split()))
