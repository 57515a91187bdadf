"""What is said to the survey's consent question besides yes or no: an answering machine, a
rude refusal, a question after a yes ("Ja, wer ist da?"), little time (not none). Phrase tests
on folded text (dialog/words.fold), German and English."""

from __future__ import annotations

import re

from voicebot.dialog.question_words import is_question
from voicebot.dialog.words import fold, starts_with_yes

# A question after the yes that asks to start, not for information ("Ja, was wollen Sie
# wissen?", "Ja klar, warum nicht?")
_GO_AHEAD = re.compile(
    r"\b(?:was (?:wollen|moechten|moechtest|willst) (?:sie|du)(?: \w+)? wissen|"
    r"was (?:gibts|gibt es)|was ist die erste frage|welche fragen|warum nicht|wieso nicht|"
    r"kanns? (?:\w+ )?los(?:gehen)?|koennen (?:\w+ )?(?:anfangen|loslegen|beginnen)|"
    r"why not|what do you want to know)\b"
)
_WH_OR_HELLO = frozenset((
    "wer", "was", "worum", "warum", "wieso", "weshalb", "wozu", "woher", "wo", "wie", "welche",
    "welcher", "welches", "wen", "wem", "hallo", "who", "what", "why", "where", "how", "which",
    "hello",
))  # fmt: skip


def asks_after_yes(text: str) -> bool:
    """ "Ja, wer ist da bitte?", "Ja, aber wer bekommt die Ergebnisse?", "Ja, hallo?", "Ja, ist
    das anonym?": the "ja" answers the phone or leads in, the question is what is said (no
    consent); "Ja, was wollen Sie wissen?", "Ja klar, warum nicht?" ask to start (consent)."""
    if not starts_with_yes(text) or _GO_AHEAD.search(fold(text)):
        return False
    rest = re.split(r"[,.;!?]+", text, maxsplit=1)[1:]
    later = fold(rest[0]).split() if rest else fold(text).split()[1:]
    while later and later[0] in ("aber", "und", "moment", "also", "mal", "bitte", "jetzt"):
        later = later[1:]
    asked = text.rstrip().endswith("?") or (bool(rest) and is_question(rest[0]))
    opens_a_question = bool(later) and (  # "wer ist da", "hallo?", "ist das anonym?"
        later[0] in _WH_OR_HELLO or is_question(" ".join(later))
    )
    if not rest and not asked:  # written without punctuation: "ja hallo worum geht es", "ja
        while later and later[0] in ("hallo", "hello", "guten", "tag"):  # wer ist da" (a
            later = later[1:]  # question word after the "ja", not "ja ist gut")
        return len(later) >= 2 and later[0] in _WH_OR_HELLO - {"hallo", "hello"}
    return asked and opens_a_question


_LITTLE_TIME = re.compile(
    r"\b(?:nicht (?:so )?viel zeit|wenig zeit|kaum zeit|nicht lange zeit|nur kurz zeit|"
    r"bin in eile|bin (?:etwas|ein bisschen) in eile|not much time|in a hurry)\b"
)


def little_time(text: str) -> bool:
    """ "Ich hab nicht viel Zeit", "nur wenig Zeit": little, not none ("keine Zeit" declines)."""
    return bool(_LITTLE_TIME.search(fold(text)))


_RUDE = re.compile(  # "Ich hab keinen Bock auf so was.", "Halt die Fresse, du Scheiß-Roboter."
    r"\b(?:kein|keinen|null) bock|halt (?:die|deine|ihre) (?:fresse|klappe|schnauze)|"
    r"halts maul|schnauze|verpiss dich|verpissen sie sich|leck mich|fick dich|hau ab|"
    r"(?:du|sie) (?:scheiss|bloeder|bloede|dummer|dumme|bescheuerter|mistiger) ?\w*|"
    r"scheiss ?(?:roboter|maschine|computer|umfrage|anruf|anrufe|verein|laden|bot)|"
    r"(?:du|sie) (?:idiot|arschloch|penner|wichser|vollidiot)|arschloch|wichser|"
    r"fuck off|piss off|shut up|screw you|sod off|bugger off"
)


def refuses_rudely(text: str) -> bool:
    """A refusal in rude words, to us ("keinen Bock", "Halt die Fresse"; "Scheiß-Roboter"),
    or weariness of being called ("Sie schon wieder!", "nicht schon wieder"): a polite goodbye
    at once. Said at a question about the provider, swearing about the provider ("Der
    Scheiß-Anbieter …") is an answer, so only callers of this check it."""
    folded = fold(text)
    return bool(_RUDE.search(folded) or _AGAIN_YOU.search(folded))


_AGAIN_YOU = re.compile(  # (its "schon" is no yes)
    r"^(?:(?:ach|och|oh|boah|nee|ne|na|ja|jetzt|also) )*(?:sie|ihr|du) schon wieder\b|"
    r"\bnicht schon wieder\b|\bschon wieder (?:sie|ihr|so ein\w*|eine umfrage|diese umfrage|"
    r"so eine umfrage)\b"
)


_MACHINE = re.compile(  # "… Anrufbeantworter von Familie Müller … nach dem Piepton", "Der
    # Teilnehmer ist zurzeit nicht erreichbar", "… ist leider nicht erreichbar, hinterlassen Sie"
    r"\b(?:anrufbeantworter|mailbox|sprachbox|sprachnachricht|piepton|signalton|"
    r"nach dem (?:ton|piep|beep)|hinterlassen sie (?:\w+ ){0,3}(?:nachricht|namen|nummer)|"
    r"(?:teilnehmer|teilnehmerin|gesprochene person) (?:\w+ ){0,4}nicht erreichbar|"
    r"nicht erreichbar (?:\w+ ){0,4}hinterlassen|kein anschluss unter dieser nummer|"
    r"voicemail|answering machine|leave (?:a|your) message|after the (?:beep|tone))\b"
)


def answering_machine(text: str) -> bool:
    """A recorded greeting, not a person ("Bitte hinterlassen Sie eine Nachricht nach dem
    Piepton."): a question about one ("Sind Sie ein Anrufbeantworter?") is a person's."""
    return not text.rstrip().endswith("?") and bool(_MACHINE.search(fold(text)))


_NO_FIRST = frozenset(("nein", "nee", "noe", "no", "nope"))
# A change of mind after the no ("Nein. Ach, doch, …", "Nee. Na gut, …", "Nein, ach was
# soll's, fragen Sie"), fillers before it
_CHANGE_OF_MIND = re.compile(
    r"^(?:(?:ach|also|hm|hmm|aeh|aehm|oh|wissen sie was) )*(?:doch|na gut|na schoen|also gut|"
    r"was solls|meinetwegen|ach komm|dann eben|okay|ok)\b(?P<after>.*)$"
)
_TAKES_BACK = frozenset((
    "nein", "nee", "noe", "nicht", "kein", "keine", "keinen", "nie", "spaeter", "andermal",
    "tschuess", "wiederhoeren", "danke", "no", "not", "never", "later", "bye",
))  # fmt: skip


def changes_mind_to_yes(text: str) -> bool:
    """ "Nein. Ach, doch, wissen Sie was, okay, ich mach mit.", "Nee. Na gut, weil Sie so
    freundlich sind.": a no, then consent after all (the last word decides). Not "Nein, doch
    nicht", "Nein. Okay, tschüss." or a question ("Nein, doch, wer sind Sie denn?")."""
    plain = text.replace("'", "").replace("’", "")
    clauses = [fold(c) for c in re.split(r"[,.;!?]+", plain) if fold(c)]
    if len(clauses) < 2 or clauses[0].split()[0] not in _NO_FIRST or plain.rstrip().endswith("?"):
        return False
    changed = _CHANGE_OF_MIND.match(" ".join(clauses[1:]))
    return changed is not None and not _TAKES_BACK & set(changed.group("after").split())


# (a question who calls, "Hallo? Wer ist da?", is answered by the tenant's intent)
_GREETING = frozenset(("hallo", "hello", "hi", "ja", "bitte", "guten", "tag", "moin", "servus",
                       "yes"))  # fmt: skip


def answers_the_phone(text: str) -> bool:
    """ "Hallo?", "Hallo? Hallo?", "Ja, bitte?", "Ja?": the phone answered, the introduction
    not heard; it is said again (no consent)."""
    words = fold(text).split()
    called = {"hallo", "hello", "hi", "moin", "servus"} & set(words)
    asked = text.rstrip().endswith("?") and bool(words) and words[0] in ("ja", "yes")
    return bool(words) and set(words) <= _GREETING and (bool(called) or asked)


# Suspicion that the call sells something, said with a mocking "ja ja" or as a claim ("Ja ja,
# ich kenn das, am Ende wollen Sie mir einen Vertrag andrehen"; not "gerne, solange Sie mir
# nichts verkaufen", a condition the survey keeps)
_SALE = re.compile(
    r"\b(?:andrehen|aufschwatzen|unterjubeln|verkaufen|vertrag|werbung|abzocke|masche|abo|"
    r"abofalle|betrug|verarschen|kenn ich|kenne ich|kenn das|kenne das|kenn ich schon)\b"
)
_CLAIMS_A_SALE = re.compile(
    r"\b(?:wollen|willst|woll) (?:sie|du) (?:mir|uns) (?:doch )?(?:nur |eh |bloss )?"
    r"(?:(?!nichts|nix|kein)\w+ ){0,3}(?:andrehen|aufschwatzen|unterjubeln|verkaufen)\b"
)


def doubts_the_call(text: str) -> bool:
    """A mocking "ja ja" with a suspicion of selling, or the claim that we sell ("Ja ja, ich
    kenn das, am Ende wollen Sie mir einen Vertrag andrehen"): no consent; who calls and why is
    said again."""
    folded = fold(text)
    mocking = folded.startswith(("ja ja", "jaja", "jaja ja"))
    return bool(mocking and _SALE.search(folded)) or bool(_CLAIMS_A_SALE.search(folded))


_ON_WHOSE_BEHALF = re.compile(  # "Sind Sie von der Telekom?", "Kommen Sie von meinem Anbieter?"
    r"^(?:(?:aeh|aehm|also|moment|hallo|ja|und|wie) )*(?:sind|rufen|kommen|arbeiten) (?:sie|"
    r"ihr) (?:\w+ ){0,2}(?:von|vom|aus|bei|fuer|im auftrag)\b|^(?:are|do) you (?:\w+ )?"
    r"(?:from|with|work for|calling (?:from|for))\b"
)


def asks_who_sent_us(text: str) -> bool:
    """ "Sind Sie von der Telekom?", "Kommen Sie von meinem Anbieter?": a question who we call
    for, answered with who calls and why (not a yes or no)."""
    return bool(_ON_WHOSE_BEHALF.search(fold(text)))
