"""A caller asking for a person: an agent, a transfer, a technician (not one complained about or
merely mentioned)."""

from __future__ import annotations

import re

from voicebot.dialog.words import fold

AGENT_WORDS = re.compile(
    r"\b(mitarbeiter\w*|mensch(?:en)?|berater\w*|kundenberater\w*|kollegen?|kollegin\w*|"
    r"sachbearbeiter\w*|ansprechpartner\w*|person|agent|human|operator|representative|"
    r"someone|somebody|jemand\w*)\b"
)
# ... and not complained about ("ich will mich über Ihren Mitarbeiter beschweren")
COMPLAINT = re.compile(r"\b(beschwer\w*|complain\w*|unfreundlich\w*|rude|frech\w*)\b")
# ... asked for, not merely mentioned ("der Mitarbeiter im Laden war unfreundlich", "a person
# I don't know used my card", "my travel agent"): a request word near it, or hardly anything else
AGENT_REQUEST = re.compile(
    r"\b(sprechen|reden|verbinden|verbunden|durchstellen|weiterleiten|weiter|moechte|will|"
    r"wuerde|haette|hatte|gern|gerne|bitte|brauche|geben|gib|speak|talk|connect|transfer|put|"
    r"through|get|give|want|need|like|please|can|could|may)\b"
)


_OWN = re.compile(r"mein\w*|unser\w*|sein\w*|dein\w*|my|our|his|their")


_REAL_PERSON = re.compile(r"\b(?:echt\w*|mensch\w*|person|real|human|live)\b")


# "Verbinden Sie mich einfach", "put me through": a transfer asked for, to nobody named
_WORD_NOT_NOT = r"(?!nicht\b)\w+"  # a word between, but not "nicht"
_TRANSFER_ME = re.compile(
    rf"\b(verbinden sie mich|verbinde mich|verbindest du mich|"
    rf"stellen sie mich (?:{_WORD_NOT_NOT} ){{0,2}}durch|durchstellen|weiterverbinden|"
    rf"leiten sie mich (?:{_WORD_NOT_NOT} ){{0,2}}weiter|put me through|transfer me|connect me|"
    r"get me through|mich (?:\w+ )?(?:bitte )?(?:verbinden|weiterleiten))\b"
)  # "stellen Sie mich bitte einfach durch", not "stellen Sie mich bitte nicht durch"


def asks_for_transfer(text: str) -> bool:
    """ "Verbinden Sie mich einfach", "just put me through": a person, unless a concern is
    named with it (the caller of this checks)."""
    folded = fold(text)
    return bool(_TRANSFER_ME.search(folded)) and not COMPLAINT.search(folded)


def asks_for_agent(text: str) -> bool:
    """The caller wants a person ("Mitarbeiter bitte", "can I speak to someone"), whatever
    the bot just asked: a person named with a request word at most five words before or four
    after it, or in a reply of at most three words."""
    words = fold(text).split()
    if COMPLAINT.search(" ".join(words)):
        return False
    for index, word in enumerate(words):
        if not AGENT_WORDS.fullmatch(word):
            continue
        if index and _OWN.fullmatch(words[index - 1]):  # "für meine Kollegin", "mein Berater
            continue  # hat gesagt": someone of the caller's, not a request for ours
        near = " ".join(words[max(0, index - 5) : index + 5])
        vague = word.startswith(("someone", "somebody", "jemand"))  # "ist da jemand?"
        real = vague and _REAL_PERSON.search(near)  # "ist da jemand Echtes?"
        if (len(words) <= 3 and not vague) or real or AGENT_REQUEST.search(near):
            return True
    sentences = [s for s in re.split(r"[.!?;]+", text) if s.strip()]
    return len(sentences) > 1 and any(asks_for_agent(s) for s in sentences)  # "Das dauert mir
    # alles viel zu lange. Mitarbeiter!": a sentence of its own


def asks_for_technician(text: str) -> bool:
    """ "Ich will einen Techniker!", "send an engineer": a person from the concern's team (not
    "Nein danke, ich brauche keinen Techniker")."""
    folded = fold(text)
    refused = set(folded.split()) & {"kein", "keinen", "keine", "nicht", "nein", "no", "not",
                                      "dont", "nee"}  # fmt: skip
    return bool(_TECHNICIAN.search(folded)) and not refused


_TECHNICIAN = re.compile(r"\b(?:techniker\w*|servicetechniker\w*|technician|engineer)\b")
