"""Reading short caller answers: yes/no, an agent request, digits, a rating (German and English)."""

from __future__ import annotations

import re
import unicodedata

from voicebot.nlu.names import name_said, without_introduction

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_WORD = re.compile(r"[^\w\s]+")

BYE_WORDS = (
    "tschuess", "tschues", "tschau", "ciao", "auf wiederhoeren", "auf wiedersehen",
    "wiederhoeren", "bye", "goodbye", "good bye", "machen sie es gut", "machs gut", "pfiat di",
    "pfiat eana", "pfiat euch", "pfiat god", "pfiat gott", "ade", "tschoe", "wiederschaun",
    "wiederschauen", "auf wiederschaun", "auf wiederschauen",
)  # fmt: skip
# Said only at the end of a turn, these close it too ("Okay, vielen Dank, schönen Tag noch";
# "Ja, schönen Tag, ich hätte eine Frage" greets; "Und woher weiß ich Bescheid, …?" asks)
FAREWELL_WISHES = (
    "schoenen tag", "schoenen abend", "schoenes wochenende", "bis zum naechsten mal",
    "have a nice day", "have a good day", "have a lovely day", "have a great day", "take care",
)  # fmt: skip
CLOSING_AT_END = (
    *FAREWELL_WISHES, "wollte ich nur wissen", "wollt ich nur wissen", "weiss ich bescheid",
    "wollt i nur wissen", "wollte i nur wissen", "bis dann", "bis bald", "servus",
    "mir geholfen", "mir sehr geholfen", "mir weitergeholfen", "mir sehr weitergeholfen",
    "that s fine then", "that s all i needed", "that s all i wanted",
)  # fmt: skip
# "Kann ich sonst noch helfen?" - "Das war alles": the caller is done, whatever else was heard.
CLOSING_PHRASES = (
    "das war alles", "das wars", "das war es", "das waere alles", "das ist alles",
    "das war s", "das waer s", "das waers", "sonst nichts", "nichts weiter", "that s all",
    "that is all", "that was all", "that s it", "that ll be all", "that will be all",
    "nothing else", "nothing more", "i m done", *BYE_WORDS,
)  # fmt: skip
# Thanks alone ("Danke schön", "thank you very much") to "Kann ich sonst noch helfen?": done.
THANKS_WORDS = frozenset(("danke", "dankeschoen", "dank", "thanks", "thank", "cheers", "ta"))
_THANKS_COMPANY = frozenset((
    "vielen", "herzlichen", "besten", "schoen", "sehr", "ganz", "alles", "klar", "super", "prima",
    "gut", "toll", "you", "very", "much", "so", "a", "lot", "great", "perfect", "fine", "mate",
    "brilliant", "lovely", "have", "nice", "good", "day", "that", "s", "helpful", "wonderful",
    "ok", "okay", "ach", "achso", "aha", "na", "dann", "und", "and", "perfekt", "wunderbar",
    "klasse", "spitze", "vielmals", "trotzdem", "schade", "ah", "oh",
))  # fmt: skip
# "Möchten Sie mit einem Mitarbeiter sprechen?" - "passt schon", "dann warte ich halt ab": no
NO_NEED_PHRASES = (
    "schon gut", "passt schon", "nicht noetig", "nicht notwendig", "brauch ich nicht",
    "brauche ich nicht", "warte ich ab", "warte ich halt ab", "dann warte ich", "warte ab",
    "passt scho", "passt eh", "alles in ordnung", "dann ist ja gut", "dann ist ja alles gut",
    "schau ich morgen", "schaue ich morgen", "probier ich", "probiere ich", "versuch ich",
    "versuche ich",
    "no need", "not necessary", "ill wait", "i will wait",
)  # fmt: skip


def needs_no_more(text: str) -> bool:
    """Thanks with "ok" ("ok danke", "alles klar, danke") or a word that no more is needed
    ("passt schon", "dann warte ich ab"): a no to "shall I put you through?"."""
    folded = fold(text.replace("'", "").replace("’", ""))
    if folded.split()[:1] in (["ja"], ["yes"], ["gerne"]):  # "Ja, dann warte ich halt": a yes
        return False
    settled = only_thanks(text) and bool(_SETTLED & set(folded.split()))  # (a bare "danke"
    no_need = any(says_phrase(folded, p) for p in NO_NEED_PHRASES) or bool(_NO_NEED.search(folded))
    return settled or no_need or _noted_with_thanks(text)  # says neither: asked again)


def _noted_with_thanks(text: str) -> bool:
    """ "Ach so, okay, danke für die Info", "Ah ja, stimmt, hab ich vergessen. Danke!": the
    answer taken note of, with thanks, and nothing more wanted: no yes after the words of
    noting ("Okay, danke, ja bitte"), no "but", "one more", waiting, "didn't help", question
    or person asked for."""
    words = fold(text.replace("'", "").replace("’", "")).split()
    if not words or words[0] not in _NOTED or not thanks_in(text) or len(words) > 12:
        return False
    start = 1  # "ah ja", "ach ja", "oh yes": noting (a yes later is one)
    while start < len(words) and (words[start] in _NOTED or words[start] in ("ja", "so")):
        start += 1
    if set(words[start:]) & _WANTS_MORE:
        return False
    return not (
        is_question(text) or asks_for_agent(text) or asks_for_transfer(text) or has_more(text)
        or asks_to_wait(text) or not_helped(text)
    )  # fmt: skip


_NOTED = frozenset(("ach", "achso", "ah", "aha", "oh", "ok", "okay", "alles", "verstehe",
                    "stimmt", "gut", "super", "prima", "i", "right", "alright", "got"))  # fmt: skip
_WANTS_MORE = frozenset((  # after the words of noting: a yes, a "but", something more
    "ja", "jawohl", "gerne", "gern", "bitte", "yes", "yeah", "yep", "please", "aber", "but",
    "noch", "auch", "also", "too", "actually", "eigentlich", "another", "more", "other",
    "moment", "wait", "hang", "sekunde", "second", "reicht", "brauche", "need", "husband",
    "wife", "mann", "frau", "though", "slow", "langsam",
))  # fmt: skip


_NO_NEED = re.compile(
    r"\bbrauch\w* (?:ich|wir) (?:\w+ ){0,3}(?:nicht|keinen|keine)\b"
    # "das wart ich ab", "warten wir mal ab" (Whisper drops the e), "nee lassen Sie mal"
    r"|\bwarte?n? (?:ich|wir) (?:\w+ ){0,2}ab\b|\blassen sie (?:mal|nur|ruhig)$"
    r"|\blassen sie (?:mal|nur|ruhig) (?:das|dann|gut|schon|ich|wir)\b"
)


_SETTLED = frozenset(("ok", "okay", "klar", "gut", "super", "prima", "ach", "achso", "perfekt",
                      "fine", "great", "perfect", "alright"))  # fmt: skip
NO_PHRASES = (
    "keine zeit", "kein interesse", "nein danke", "no thanks", "not now", "no time",
    # Whisper by telephone writes "Nein, danke" as "9 Dank" / "Neun danke" (nein ~ neun)
    "9 dank", "9 danke", "neun dank", "neun danke",
    *CLOSING_PHRASES,
)  # fmt: skip
# Words of a short answer or a greeting, not of a concern ("ja, danke", "hallo, guten Tag").
ANSWER_WORDS = frozenset((
    "ja", "jawohl", "jo", "jap", "jep", "nein", "nee", "ne", "noe", "no", "nope", "nah", "yes",
    "yeah", "yep", "yup", "ok", "okay", "gut", "genau", "richtig", "klar", "sicher", "gerne",
    "gern", "danke", "dankeschoen", "vielen", "dank", "bitte", "bitteschoen", "also", "aber",
    "doch", "na", "naja", "oh", "ah", "aeh", "aehm", "hm", "hmm", "aha", "so", "well", "thanks",
    "thank", "you", "please", "sorry", "actually", "eigentlich", "sure", "right", "correct",
    "fine",
))  # fmt: skip
# Words of a correction ("nein, ich meinte das Duschgel"; "sorry, I meant the card").
CORRECTION_WORDS = frozenset((
    "meinte", "meine", "meinen", "gemeint", "falsch", "verstanden", "entschuldigung", "sorry",
    "meant", "mean", "wrong", "misunderstood", "sondern", "instead", "vertan", "verwechselt",
))  # fmt: skip
# Words that only announce a question about something ("ich hab kurz eine Frage zur Hafermilch").
ABOUT_WORDS = frozenset((
    "hab", "kurz", "wegen", "zu", "bezueglich", "betreffend", "anliegen", "thema", "auskunft",
    "info", "infos", "information", "informationen", "question", "questions", "got", "quick",
    "regarding", "concerning", "calling", "rufe", "ruf", "anrufen", "angerufen", "zum", "zur",
    "gekauft", "bought", "call", "ringing", "ihrem", "ihren", "ihrer",
))  # fmt: skip
GREETING_WORDS = frozenset((
    "hallo", "hello", "hi", "hey", "guten", "tag", "morgen", "abend", "moin", "servus", "gruess",
    "gott", "gruezi", "good", "morning", "afternoon", "evening",
))  # fmt: skip
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


def fold(text: str) -> str:
    """Lowercase, umlauts as ae/oe/ue/ss, no punctuation, single spaces."""
    text = unicodedata.normalize("NFC", text).lower().translate(_UMLAUTS)
    return " ".join(_NON_WORD.sub(" ", text).split())


def yes_or_no(text: str, language: str = "de", question: str = "") -> bool | None:
    """True for a yes, False for a no, None when the answer is neither (voicebot.nlu.slots)."""
    from voicebot.nlu.slots import extract_yes_no

    folded = fold(text)
    if any(says_phrase(folded, phrase) for phrase in NO_PHRASES):
        return False
    return extract_yes_no(text, language, question)


def says_phrase(folded: str, phrase: str) -> bool:
    """The phrase said as whole words in the folded text."""
    return f" {phrase} " in f" {folded} "


MORE_PHRASES = (
    "noch eine frage", "noch ne frage", "noch was", "noch etwas", "eine andere frage",
    "one more question", "another question", "one more thing", "something else",
)  # fmt: skip


def has_more(text: str) -> bool:
    """ "Nein, ich hab noch eine Frage": the caller is not done, whatever the first word says."""
    folded = fold(text)
    return any(says_phrase(folded, phrase) for phrase in MORE_PHRASES)


NOT_HELPED_PHRASES = (
    "hilft nicht", "nicht geholfen", "bringt nichts", "nichts gebracht", "immer noch nicht",
    "trotzdem nicht", "klappt nicht", "funktioniert nicht", "schon gemacht", "schon probiert",
    "schon versucht", "didnt help", "did not help", "doesnt help", "still not", "still doesnt",
    "already tried", "already did", "doesnt work", "didnt work", "did not work", "geht nicht",
    "komm nicht rein", "komme nicht rein", "nicht einloggen", "cant log in", "cannot log in",
    "cant get in", "bringt mir nichts", "hilft mir nicht", "nicht wirklich geholfen",
    "hilft mir nicht wirklich", "didnt really help", "doesnt really help", "not really help",
    "didnt answer", "did not answer", "doesnt answer", "not helpful", "not really helpful",
    "no help", "hilft nix", "bringt nix", "nix gebracht", "hilft gar nicht", "hilft gar nichts",
    "hilft auch nicht", "hilft auch nix", "geht trotzdem nicht", "made no difference",
)  # fmt: skip
_DONE_BEFORE = re.compile(
    r"\bschon (?:\w+ ){0,3}(?:gemacht|probiert|versucht|ausprobiert|getan)\b|\balready (?:\w+ )"
    r"{0,2}(?:tried|done|did)\b"
)  # "Das hab ich schon dreimal gemacht"


def not_helped(text: str) -> bool:
    """ "Hab ich schon gemacht, hilft nicht", "still not working": the answer did not help."""
    folded = fold(text.replace("'", "").replace("’", ""))
    return any(says_phrase(folded, phrase) for phrase in NOT_HELPED_PHRASES) or bool(
        _NOT_IN.search(folded) or _DONE_BEFORE.search(folded)
    )


_NOT_IN = re.compile(r"\bkomm\w* (?:\w+ ){0,2}nicht (?:\w+ ){0,3}rein\b")  # "ins Portal"

# The answer was to another question than the caller's ("no, that's not what I asked", "das
# meinte ich nicht", "nein, ich meine den heutigen Kurs"): not a "no" to "anything else?"
_REJECTIONS = (
    "not what i asked", "not what i meant", "not what i mean", "not what i wanted",
    "not my question", "didnt ask", "did not ask", "thats not it", "that is not it",
    "misunderstood", "not what im asking", "not what i am asking", "thats not the question",
    "meinte ich nicht", "mein ich nicht", "meine ich nicht", "nicht meine frage",
    "nicht gefragt", "falsch verstanden", "nicht was ich", "nicht das was ich",
    "wollte ich nicht wissen", "nicht die frage", "darum gehts nicht", "darum geht es nicht",
    "um das gehts nicht", "das ist es nicht",
)  # fmt: skip
_NO_I_MEAN = re.compile(r"^(?:no|nope|nein|nee|ne)\b(?: \w+){0,2} (?:i mean|i meant|ich mein\w*)\b")


def rejects_the_answer(text: str) -> bool:
    """ "No, that's not what I asked", "nein, ich meine den Kurs von heute": the answer missed
    the question (an "ich meine" after the no says what was meant instead)."""
    folded = fold(text.replace("'", "").replace("’", ""))
    return any(says_phrase(folded, p) for p in _REJECTIONS) or bool(_NO_I_MEAN.search(folded))


def thanks_in(text: str) -> bool:
    """ "…, vielen Dank für Ihre Hilfe", "I don't think so, thank you": a thanks said."""
    return bool(THANKS_WORDS & set(fold(text).split()))


# "Kundennummer?" - "Die hab ich gerade nicht zur Hand": no number to come, go on without.
NO_NUMBER_PHRASES = (
    "nicht zur hand", "nicht dabei", "nicht parat", "nicht griffbereit", "habe ich nicht",
    "hab ich nicht", "habe keine", "hab keine", "weiss ich nicht", "weiss nicht",
    "keine ahnung", "kenne ich nicht", "finde ich nicht", "finde sie nicht",
    "dont have", "do not have", "havent got", "have not got", "dont know", "do not know",
    "no idea", "cant find", "cannot find", "not to hand", "not at hand", "hab nicht",
    "habe nicht", "nicht hier", "nicht bei mir", "nicht im kopf", "finde nicht", "vergessen",
    "kenne nicht", "kenn nicht", "kenn ich nicht", "weiss die nicht", "hab die nicht",
    "not with me", "dont remember", "cant remember", "forgot", "weggeworfen", "weggeschmissen",
    "entsorgt", "nicht mehr da", "threw it away", "thrown away", "binned it", "chucked it",
)  # fmt: skip


_NO_NUMBER_FILLER = frozenset((
    "leider", "gerade", "grad", "jetzt", "echt", "wirklich", "momentan", "aktuell", "moment",
    "die", "sie", "kundennummer", "nummer", "da", "noch", "genau", "so", "actually", "really",
    "right", "now", "it", "the", "my", "number", "customer", "sorry", "ich", "i", "auswendig",
    "zur", "zeit", "heute", "meine", "mein", "my",
))  # fmt: skip
_NUMBER_WORD = re.compile(r"\b(?:kunden)?nummer\b|\b(?:customer )?number\b")  # (not the
# "Kontonummer" or "Telefonnummer" of a concern: "eigentlich will ich meine Kontonummer ändern")


_WHERE = re.compile(r"\b(?:wo (?:\w+ )*(?:steht|stehen|finde|find|sehe|ist)|where)\b")


def asks_where(text: str) -> bool:
    """ "Wo steht die denn?", "where do I find it?": the caller looks for what was asked for."""
    return bool(_WHERE.search(fold(text)))


_WHERE_WORDS = frozenset(("steht", "stehen", "finde", "find", "sehe", "see", "look", "nochmal"))


def asks_where_it_is(text: str) -> bool:
    """ "Wo finde ich die denn?", "where do I find that?": where the thing just asked for is,
    named by a pronoun only (not "wo finde ich meine Rechnungen online?")."""
    from voicebot.nlu.slots import FUNCTION_WORDS

    words = fold(text).split()
    rest = [w for w in words if w not in FUNCTION_WORDS and w not in _WHERE_WORDS]
    return asks_where(text) and not rest


def asks_about_own_number(text: str) -> bool:
    """A question about the customer number itself and nothing else ("wo finde ich meine
    Kundennummer?", "was war nochmal meine Kundennummer", "können Sie mir meine Kundennummer
    sagen"), not a concern that names it ("meine Kundennummer hat sich geändert")."""
    from voicebot.nlu.slots import FUNCTION_WORDS

    folded = fold(text)
    if not re.search(r"\b(?:kundennummer|kundennr|customer number)\b", folded):
        return False
    if not (is_question(text) or asks_where(text) or _ASKS_FOR_IT.search(folded)):
        return False
    rest = [w for w in _NUMBER_WORD.sub(" ", folded).split()
            if w not in FUNCTION_WORDS and w not in _WHERE_WORDS and w not in QUESTION_WORDS
            and w not in _ASKING_VERBS and w not in ANSWER_WORDS]  # fmt: skip
    return not rest


_ASKING_VERBS = frozenset((
    "sagen", "nennen", "geben", "finden", "suchen", "nachschauen", "nachsehen", "raussuchen",
    "heraussuchen", "weiss", "wissen", "war", "lautet", "lautete", "koennen", "koennten",
    "kannst", "tell", "give", "find", "look", "what", "was", "nochmal", "mal", "bitte",
    "eigentlich", "denn", "please", "again", "ueberhaupt",
))  # fmt: skip
_ASKS_FOR_IT = re.compile(r"\b(?:sagen|nennen|geben|raussuchen|nachschauen|tell|give)\b")


def asks_someone_for_number(text: str) -> bool:
    """The caller asks someone beside them for the number ("Schatz, wie ist nochmal unsere
    Kundennummer?", "weißt du die Kundennummer?"): they need a moment, as with "Moment"."""
    words = set(fold(text).split())
    if not words & {"kundennummer", "nummer", "kundennr"}:
        return False
    asks = is_question(text) or bool(words & {"wie", "was", "wo", "weisst", "hast"})
    return asks and bool(words & _ADDRESSING)  # ("Schatz" first: no question word first)


_ADDRESSING = frozenset((
    "du", "dir", "schatz", "schatzi", "liebling", "mama", "papa", "mutti", "vati", "oma", "opa",
    "unsere", "unser", "wir", "ihr", "weisst",
))  # fmt: skip


def about_the_number(text: str) -> bool:
    """The reply talks about the number asked for ("wo steht die Kundennummer denn?", "die
    Nummer hab ich nicht hier"): no new concern, however the classifier reads it."""
    return bool(_NUMBER_WORD.search(fold(text)))


# "Weiß ich nicht" to a survey question: an answer of its own (kept as no answer), not unclear.
DONT_KNOW_PHRASES = (
    "weiss ich nicht", "weiss nicht", "keine ahnung", "kann ich nicht sagen",
    "schwer zu sagen", "keine meinung", "dont know", "do not know", "no idea", "not sure",
    "hard to say",
)  # fmt: skip


def does_not_know(text: str) -> bool:
    """ "Weiß ich nicht", "keine Ahnung", "Ich weiß es wirklich nicht", "I don't know": the
    caller has no answer to give."""
    folded = fold(text.replace("'", "").replace("’", ""))
    said = any(says_phrase(folded, p) for p in DONT_KNOW_PHRASES) or _KNOW_NOT.search(folded)
    return len(folded.split()) <= 8 and bool(said)


_KNOW_NOT = re.compile(r"\b(?:ich )?weiss (?:ich |es |das )*(?:\w+ )?nicht\b")


def has_no_number(text: str) -> bool:
    """The caller says they do not have or know the number asked for ("weiß ich leider nicht")."""
    folded = fold(text.replace("'", "").replace("’", ""))  # "don't" -> "dont", as extract_yes_no
    words = [w for w in folded.split() if w not in _NO_NUMBER_FILLER]
    return any(says_phrase(" ".join(words), phrase) for phrase in NO_NUMBER_PHRASES)


def besides_no_number(text: str) -> str:
    """The words of a turn besides its saying that the number is not at hand ("ich hab keine
    Kundennummer, mein Telefon geht nicht" -> "mein telefon geht nicht"; "ich hab keine
    Kundennummer" -> ""), folded: what the classifier reads for the concern ("ich hab keine
    Kundennummer" alone was a fault of the line, like "ich hab kein Freizeichen")."""
    words = fold(text.replace("'", "").replace("’", "")).split()
    named = [i for i, w in enumerate(words) if _NUMBER_WORD.fullmatch(w) or w == "kundennr"]
    every = list(enumerate(words))
    kept = [(i, w) for i, w in every if w not in _NO_NUMBER_FILLER]
    for sequence in (every, kept):  # the phrase as said, or with the fillers left out
        padded = f" {' '.join(w for _, w in sequence)} "
        for phrase in NO_NUMBER_PHRASES:
            at = padded.find(f" {phrase} ")
            if at < 0:
                continue
            first = len(padded[:at].split())
            start, end = sequence[first][0], sequence[first + phrase.count(" ")][0]
            near = [i for i in named if start - 4 <= i <= end + 4]
            if not near:
                continue
            start, end = min(start, *near), max(end, *near)
            while start > 0 and words[start - 1] in _BEFORE_NO_NUMBER:
                start -= 1
            while end + 1 < len(words) and words[end + 1] in _AFTER_NO_NUMBER:
                end += 1
            return " ".join(words[:start] + words[end + 1 :])
    return fold(text)


_JOINING = frozenset(("aber", "und", "also", "doch", "but", "and", "so", "weil", "because"))
_BEFORE_NO_NUMBER = _NO_NUMBER_FILLER | _JOINING | frozenset((
    "hab", "habe", "habs", "kenn", "kenne", "weiss", "find", "finde", "have", "know", "dont",
))  # fmt: skip
_AFTER_NO_NUMBER = _JOINING | frozenset((
    "leider", "gerade", "grad", "jetzt", "echt", "wirklich", "momentan", "aktuell", "auswendig",
    "zur", "hand", "zeit", "heute", "da", "noch", "sorry", "right", "now", "actually", "really",
    "dabei", "parat", "griffbereit", "mehr",
))  # fmt: skip


_PACK_GONE = re.compile(
    r"\b(?:packung|verpackung|flasche|dose|tube|glas|tuete|karton|becher|package|packaging|"
    r"bottle|jar|box)\b(?: \w+){0,4}? (?:weg|leer|aufgebraucht|nicht mehr da|gone|empty)\b"
)


def no_code_at_hand(text: str) -> bool:
    """A reply to "Bitte nennen Sie mir die Chargennummer" that says there is none to give:
    "weiß ich nicht" (has_no_number), a bare "nein", or the pack is gone ("Nein, die Packung
    ist weg.", "die Tube ist schon leer")."""
    if has_no_number(text) or _PACK_GONE.search(fold(text)):
        return True
    return yes_or_no(text) is False and len(fold(text).split()) <= 2


# "Moment, ich suche die Nummer": the caller needs time, the question stands.
WAIT_PHRASES = (
    "moment", "momentchen", "sekunde", "augenblick", "warten sie", "ich suche", "ich schaue",
    "ich schau", "muss ich suchen", "muss ich nachschauen", "ich hole", "hold on", "one moment",
    "just a moment", "just a second", "one second", "let me check", "let me look",
    "let me find", "wait a", "ueberlegen", "nachdenken", "let me think", "warte mal", "wart mal",
    "warte kurz",
)  # fmt: skip


# "Wie bitte?", "können Sie das wiederholen?": the caller did not catch what the bot said.
REPEAT_PHRASES = (
    "wie bitte", "wiederholen", "was haben sie gesagt", "was hast du gesagt",
    "sie nicht verstanden", "das habe ich nicht verstanden", "sie nicht gehoert", "repeat",
    "say again", "come again", "what did you say", "didn t hear you", "didn t get that",
    "was war die frage", "wie war die frage", "was war nochmal die frage", "what was the question",
)  # fmt: skip
# ... these plainly asking to hear it again, even in a longer turn of up to 12 words ("sorry I
# didn't catch that can you say it again"), so not listed above again
REPEAT_PLAIN = (
    "didn t catch",
    "did not catch",
    "say it again",
    "say that again",
    "das nicht verstanden",
    "das hab ich nicht verstanden",
    "nicht mitbekommen",
)
# ... and these asking for it more slowly, even in a turn of up to 16 words ("Entschuldigung, ich
# bin schon alt, können Sie langsamer sprechen?")
REPEAT_SLOWER = (
    "langsamer sprechen", "langsamer reden", "etwas langsamer", "bitte langsamer",
    "nicht so schnell", "speak slower", "more slowly", "slow down", "talk slower",
)  # fmt: skip
# ... and these at the end of a short turn ("sorry, what was that?"; not "what was that payment")
REPEAT_AT_END = ("what was that", "was war das", "what did you say")  # fmt: skip
# ... and these only alone or nearly ("noch mal bitte"; not "ich rufe noch mal wegen ...").
REPEAT_ALONE = ("nochmal", "noch mal", "noch einmal", "bitte was", "wie war das", "pardon",
                "sorry what", "what", "sorry", "excuse me")  # fmt: skip
# ... and these as the whole turn ("Hä?", "Was?"; not "was kostet das")
REPEAT_WHOLE = frozenset(("hae", "haeh", "hae was", "haeh was", "was", "was denn", "hm was"))


# ... and the caller who cannot hear or follow the bot ("sprechen Sie lauter", "ich versteh Sie
# so schlecht", "ich hör so schlecht, was sagen Sie?"; not "ich verstehe nicht, warum die
# Rechnung so hoch ist", said of something else)
_CANNOT_HEAR = re.compile(
    r"\b(?:(?:sprechen|reden) sie (?:\w+ ){0,3}(?:lauter|deutlicher|langsamer)|"
    r"(?:bitte|etwas|bisschen|mal|geht das|gehts|noch) lauter|lauter (?:bitte|sprechen|reden)|"
    r"(?:versteh|verstehe|hoer|hoere) sie (?:\w+ ){0,2}(?:nicht|schlecht|kaum)|"
    r"(?:ich|i) (?:hoer|hoere|hoeren|versteh|verstehe) (?:sie |dich )?(?:so |sehr |ganz |echt "
    r"|leider |nur |ja )*(?:schlecht|kaum|nichts|nix|kein wort)(?= was\b| wie\b| bitte\b|"
    r" koennen\b| sprechen\b| reden\b|$)|"
    r"speak up|(?:speak|talk) (?:\w+ )?(?:louder|slower)|louder please|cant hear you|"
    r"can not hear you|cannot hear you)\b"
)


def asks_to_repeat(text: str) -> bool:
    """A short request to hear the bot again ("Wie bitte?", "sorry, can you repeat that?",
    "sprechen Sie lauter")."""
    folded = fold(text)
    words = len(folded.split())
    if folded in REPEAT_WHOLE or (
        words <= 10 and any(_CANNOT_HEAR.search(clause) for clause in _heard_clauses(text))
    ):
        return True
    if words <= 12 and any(says_phrase(folded, p) for p in REPEAT_PLAIN):
        return True
    if words <= 16 and any(says_phrase(folded, p) for p in REPEAT_SLOWER):
        return True
    if words <= 5 and folded.endswith(REPEAT_AT_END):
        return True
    if words <= 9 and _WHAT_MEANT.search(folded):  # "was meinen Sie damit?", "wie meinen Sie
        return True  # das", "was soll ich denn sagen": the question not understood
    if words > 7:
        return False
    return any(says_phrase(folded, p) for p in REPEAT_PHRASES) or (
        words <= 3 and any(says_phrase(folded, p) for p in REPEAT_ALONE)
    )


# The caller does not understand what the bot asks ("was meinen Sie damit", "was meinen Sie mit
# Mitarbeiter", "was soll ich da sagen", "what do you mean"), the whole turn (not "was meinen
# Sie, wann geht das wieder", a question of its own)
_WHAT_MEANT = re.compile(
    r"^(?:(?:aeh|aehm|ja|hm|also|entschuldigung|sorry|aber|und|aehm) )*"
    r"(?:(?:was|wie) (?:meinen sie|meinst du)(?: (?:denn|damit|das|jetzt|genau|bitte))*"
    r"(?: mit (?:dem |der |den |einem |einer )?\w+)?|"
    r"was soll ich (?:\w+ ){0,2}(?:sagen|antworten)|what do you mean(?: by (?:that|it|\w+))?|"
    r"what (?:should|do) i (?:say|answer))$"
)


def _heard_clauses(text: str) -> list[str]:
    """The turn folded whole and cut at its commas and sentence ends ("Ich hör so schlecht,
    was sagen Sie?")."""
    parts = [fold(p) for p in re.split(r"[,.;!?]+", text.replace("'", "").replace("’", ""))]
    return [fold(text.replace("'", "").replace("’", "")), *(p for p in parts if p)]


def asks_to_wait(text: str) -> bool:
    """The caller asks for a moment to find what was asked for ("Moment, ich suche sie")."""
    folded = fold(text)
    waits = any(says_phrase(folded, p) for p in WAIT_PHRASES)
    return waits and not any(c.isdigit() for c in folded)


# Asking the bot to hold the line ("Einen Moment bitte", "hold on one second"); "Moment mal"
# objects rather than asks to wait
_HOLD = re.compile(
    r"\b(?:moment(?!\s+mal)|momentchen|sekunde|augenblick|warten sie|hold on|hang on|"
    r"one moment|just a moment|just a second|one second|one sec|wait a|bear with me)\b"
)


def asks_to_hold(text: str) -> bool:
    """The caller asks the bot to hold on (see _HOLD), no digits said with it."""
    folded = fold(text)
    return bool(_HOLD.search(folded)) and not any(c.isdigit() for c in folded)


# "Und was ist mit dem Müsli?": the same question about another product.
FOLLOW_UP = re.compile(
    r"^(?:(?:ja|ok|okay|gut|yes|yeah|danke|thanks)\s+)*"
    r"(?:und|was ist mit|wie ist es mit|wie ist das mit|wie sieht es mit|what about|how about"
    r"|and)\b"
)


def follows_up(text: str) -> bool:
    """The reply asks the same again about something else ("und die Handcreme?")."""
    return bool(FOLLOW_UP.match(fold(text)))


FAREWELL_PHRASES = (
    *BYE_WORDS, "rufe ich spaeter", "ruf ich spaeter", "rufe spaeter", "call back later",
    "call you back", "falsch verbunden", "verwaehlt", "wrong number",
)  # fmt: skip


QUESTION_WORDS = frozenset((
    "was", "wie", "wo", "wann", "warum", "wieso", "welche", "welcher", "welches", "ist", "sind",
    "enthaelt", "hat", "haben", "gibt", "kann", "darf", "what", "how", "where", "when", "why",
    "which", "is", "are", "does", "do", "can",
    # "Welchen Lichtschutzfaktor hat …", "Woraus besteht …", "Woher kommen …"
    "welchen", "welchem", "wer", "wen", "wem", "woraus", "woher", "wofuer", "wozu", "weshalb",
    "wieviel", "gibts",
))  # fmt: skip


def asks_something(text: str) -> bool:
    """The words open a question ("Was ist in der Tomatensoße?"), not just name a thing."""
    words = [w for w in fold(text).split() if w not in ANSWER_WORDS and w not in GREETING_WORDS]
    return bool(words) and words[0] in QUESTION_WORDS


BACK_REFERENCES = frozenset((
    "das", "es", "dies", "dieses", "da", "dazu", "davon", "damit", "dafuer", "daran", "solange",
    "it", "that", "this", "they", "them",
))  # fmt: skip
_EXPLETIVE = re.compile(r"\b(?:gibt|gaebe|gab) es\b")  # "gibt es einen Shop in Köln?": no "es"
OPENING_WORDS = frozenset(("und", "and", "aber", "but", "ok", "okay", "also", "so", "na"))


def refers_back(text: str) -> bool:
    """The words point back at what was said ("actually it was stolen"): a refinement of the
    same concern, not another one."""
    return any(w in BACK_REFERENCES for w in _EXPLETIVE.sub("gibt", fold(text)).split())


def asks_back(text: str) -> bool:
    """A question that points back at what was just said ("und wie lange dauert das noch?",
    "wann ist das denn behoben?", "when will it be fixed?"), not one naming a new subject."""
    return is_question(text) and refers_back(text)


_FIGURE_QUESTION = re.compile(
    r"\b(?:wann|wie ?lange?|wie ?viele?|wie hoch|wie teuer|was kostet|when|how long|how much"
    r"|how many|what time)\b"
)


def asks_for_a_figure(text: str) -> bool:
    """A question for a time, a date or an amount ("und wann wird das abgebucht?", "wie lange
    dauert das noch?", "how much is it?"), which an answer with figures may hold."""
    return is_question(text) and bool(_FIGURE_QUESTION.search(fold(text)))


_CLAUSE_BREAK = re.compile(r"[.!?;,]+|\b(?:aber|und|but|and)\b", re.IGNORECASE)


def clauses(text: str) -> list[str]:
    """The text cut at sentence ends, commas and 'aber/und' ("Nein, dann warte ich. Und ich
    möchte meinen Tarif wechseln" -> three clauses)."""
    return [c.strip() for c in _CLAUSE_BREAK.split(text) if c.strip()]


def is_question(text: str) -> bool:
    """A question: a question mark, or a question word or verb first ("Ist da Sesam drin")."""
    words = fold(text).split()
    while words and words[0] in OPENING_WORDS:
        words = words[1:]
    if text.rstrip().endswith("?") or (bool(words) and words[0] in QUESTION_WORDS):
        return True
    return bool(_VERB_FIRST.match(" ".join(words)) or _ASKS_INDIRECTLY.search(" ".join(words)))


# A question asked as a wish to know ("ich will wissen, wann es wieder geht", "mich würde
# interessieren, ob …", "I'd like to know when …"), which Whisper writes without its "?"
_ASKS_INDIRECTLY = re.compile(
    r"\b(?:wissen|erfahren|interessieren|interessiert|know)(?: (?:bitte|mal|gerne?|nur|halt|"
    r"eben|doch|jetzt|endlich))* (?:wann|ob|wie|was|wo|warum|wieso|weshalb|wieviel|when|"
    r"whether|if|how|what|where|why)\b"
)


# A German yes/no question Whisper wrote without its "?": a verb of asking for something first,
# then its subject ("krieg ich dafür eine Gutschrift", "muss ich da was machen", "kommt da
# noch ein Techniker"); not "hab ich schon gemacht", where the subject is merely left out
_VERB_FIRST = re.compile(
    r"(?:krieg|kriege|kriegt|bekomm|bekomme|bekommt|muss|muessen|soll|sollen|wird|werde|"
    r"koennen|koennte|kostet|kommt|darf|duerfen|wuerde|wuerden|brauch|brauche) "
    r"(?:ich|es|das|man|der|die|er|sie|wir|mir|mich|da|denn|dann)\b"
)


def says_goodbye(text: str) -> bool:
    """ "Tschüss", "dann ruf ich später an, auf Wiederhören", "bye", "…, schönen Tag noch":
    the caller leaves."""
    folded = fold(text)
    said = any(says_phrase(folded, p) for p in FAREWELL_PHRASES)
    return said or _ends_with(text, FAREWELL_WISHES)


# Dialled wrong, said of the call itself ("Sorry, wrong number", not "I entered the wrong
# number on a transfer")
_WRONG_NUMBER = re.compile(
    r"\b(?:falsch verbunden|(?:mich|ich mich) verwaehlt|sorry wrong number|wrong number sorry|"
    r"(?:ich |hab |habe |ich hab |ich habe )(?:mich )?(?:wohl |glaube ich |da )?falsch gewaehlt|"
    r"(?:die )?falsche nummer (?:gewaehlt|erwischt|angerufen)|"
    r"(?:da |dann |hier )?bin ich (?:wohl |hier |da )?(?:falsch|verkehrt)(?! \w)|"
    r"(?:dialled|dialed|rang|called|phoned) (?:the )?wrong number|"
    r"(?:i ve|i have|must have|i) got (?:the )?wrong number(?! on| in| for| of))\b"
)
# Said before a goodbye: the caller no longer wants it ("Actually, I'll do it in the app")
_DISMISSING = re.compile(
    r"\b(?:never mind|forget it|i ll do it|i will do it|ill do it|"
    r"i ll sort it|i ll try|i ll check|i ll call back|vergessen sie (?:es|das)|"
    r"mach (?:ich|das) (?:\w+ )?(?:selbst|selber|online|in der app)|hat sich erledigt|"
    r"doch nicht|schon gut)\b"
)


def dialled_wrong(text: str) -> bool:
    """ "Sorry, wrong number", "falsch verbunden": said of the call itself."""
    return bool(_WRONG_NUMBER.search(fold_spoken(text)))


def besides_dialled_wrong(text: str) -> str:
    """The words of the turn besides its saying the call reached the wrong number, folded
    ("ich hab falsch gewählt, entschuldigung" -> "entschuldigung")."""
    return " ".join(_WRONG_NUMBER.sub(" ", fold_spoken(text)).split())


def leaves_now(text: str) -> bool:
    """ "Sorry, wrong number. Bye.", "Actually, I'll do it in the app. Bye.": the caller
    dialled wrong, or takes the concern back and says goodbye; not a question ("Ist die
    Hafermilch vegan? Danke, tschüss." is answered), not a concern with a goodbye ("My card
    isn't working. Bye." is served)."""
    if "?" in text or is_question(text):
        return False
    if dialled_wrong(text):
        return True
    said = clauses(text)
    ends = bool(said) and any(fold(said[-1]) == p for p in BYE_WORDS)
    return ends and bool(_DISMISSING.search(fold_spoken(text)))


def _ends_with(text: str, phrases: tuple[str, ...]) -> bool:
    """The turn ends with one of the phrases, but for thanks and courtesy words after it
    ("schönen Tag noch", "have a nice day, thanks")."""
    if "?" in text:  # "Und am Sonntag? Das wollte ich nur wissen.": the question first
        return False
    words = fold_spoken(text).split()
    while words and (words[-1] in THANKS_WORDS or words[-1] in _AFTER_WISH):
        words.pop()
    said = " ".join(words)
    return any(said == p or said.endswith(" " + p) for p in phrases)


_AFTER_WISH = frozenset(("noch", "auch", "ihnen", "too", "you", "as", "well", "vielen",
                         "herzlichen", "much", "very", "so"))  # fmt: skip


def corrects(text: str) -> bool:
    """ "Nein, ich meinte …", "sorry, I meant …": the caller corrects what the bot took."""
    return any(w in CORRECTION_WORDS for w in fold(text).split())


# A concern added to one already named ("und meine Rechnung ist auch zu hoch") or one taking its
# place ("nein, eigentlich geht es um die Rechnung").
ADDING_WORDS = frozenset((
    "auch", "ausserdem", "zusaetzlich", "noch", "weiterhin", "also", "too", "additionally",
    "another",
))  # fmt: skip
REPLACING_WORDS = frozenset((
    "nein", "nee", "sondern", "eigentlich", "meinte", "gemeint", "instead", "actually", "rather",
    "meant", "no",
))  # fmt: skip


def adds_concern(text: str) -> bool:
    """ "… und meine Rechnung ist auch zu hoch", "I also need a new PIN": one more concern."""
    folded = fold(text)
    return any(w in ADDING_WORDS for w in folded.split()) or says_phrase(folded, "as well")


_SELF_CORRECTION = frozenset(("nein", "nee", "no", "sorry", "quatsch"))
_CORRECTION_LEAD = frozenset((
    "no", "nein", "eigentlich", "ich", "meine", "meinte", "i", "mean", "meant", "actually",
    "sorry", "ach", "oh", "aeh", "moment", "warte", "wait", "warten", "sie", "mal", "halt",
    "stopp", "hold", "on", "doch", "lieber", "lassen", "lass",
))  # fmt: skip


def after_a_correction(text: str) -> str | None:
    """The words after a "nein"/"sorry" inside the turn ("Was kostet die Handcreme, äh nein,
    das Duschgel?"), None without one; for a product corrected in passing."""
    tokens = text.split()
    marks = _correction_marks([fold(t) for t in tokens])
    return " ".join(tokens[marks[-1] + 1 :]) if marks else None


def _correction_marks(folded: list[str]) -> list[int]:
    """Where a "nein"/"no"/"sorry" stands inside the turn (not opening it: that answers)."""
    return [i for i, w in enumerate(folded) if w in _SELF_CORRECTION and i >= 2]


def corrected_part(text: str) -> str | None:
    """The words after a correction inside the turn ("Ich will kündigen, ach nein, eigentlich
    möchte ich nur einen günstigeren Tarif"; "I need to change my pin, sorry no, I mean I forgot
    the passcode"): what the caller means; None without one (a "nein" opening the turn answers
    the bot)."""
    tokens = text.split()
    folded = [fold(t) for t in tokens]
    marks = [  # the no must lead into a restatement ("ach nein, eigentlich …"), not be part
        i for i in _correction_marks(folded)  # of the sentence ("und nein, ich hab den
        if _restates(folded[i + 1 : i + 6])  # Router schon neu gestartet", "no one told me")
    ]  # fmt: skip
    if not marks:
        return None
    start = marks[-1] + 1
    while start < len(tokens) and folded[start] in _CORRECTION_LEAD:
        subject = folded[start] in ("ich", "i")  # kept unless "ich meine": "…, ich meine, ich
        if subject and not set(folded[start + 1 : start + 2]) & _MEANING:  # ziehe um"
            break
        start += 1
    rest = tokens[start:]
    if rest and fold(rest[0]) in _FRAGMENT_START:  # "top up by card, no wait, I mean by bank
        before = [fold(t) for t in tokens[: marks[-1]]]  # transfer": the sentence completed
        if fold(rest[0]) in before:
            cut = len(before) - before[::-1].index(fold(rest[0])) - 1
            rest = tokens[:cut] + rest
    return " ".join(rest) if len(rest) >= 3 else None


# A corrected part that only replaces the end of the sentence ("… by card, no, I mean by bank
# transfer"): it starts with a preposition the sentence said before
_FRAGMENT_START = frozenset(("by", "with", "per", "via", "in", "to", "for", "mit", "ueber",
                             "nach", "fuer", "zum", "zur"))  # fmt: skip


_MEANING = frozenset(("meine", "meinte", "mean", "meant"))
_RESTATING = frozenset(("eigentlich", "meinte", "mean", "meant", "actually", "sondern",
                        "lieber", "rather"))  # fmt: skip


def _restates(words: list[str]) -> bool:
    """ "eigentlich …", "ich meine …", "I mean …" (not "meine Tochter"): a restatement, also
    after a word of pausing ("nein warten Sie, ich meine …", "no wait, I mean …")."""
    while words and words[0] in _PAUSING:
        words = words[1:]
    if words[:1] in (["ich"], ["i"]):  # "ach nee, ich will eigentlich kündigen", "…, ich will
        return (
            words[1:2] == ["meine"]
            or bool(  # nur wissen …", "ich meine …"
                (_RESTATING | {"nur", "just", "only"}) & set(words[1:3])
            )
        )
    return bool(_RESTATING & set(words[:2]))


_PAUSING = frozenset(("warten", "warte", "wartet", "sie", "moment", "mal", "halt", "stopp",
                      "aeh", "aehm", "wait", "hold", "on", "hang", "lassen", "lass"))  # fmt: skip


def restates_concern(text: str) -> bool:
    """ "…, aber ich wollte eigentlich nur meine Bankverbindung ändern": another concern (a
    plain "nein" is none: "nein, die hab ich nicht")."""
    return bool(_RESTATING & set(fold(text).split()))


def takes_concern_back(text: str) -> bool:
    """ "ach nein, ich will doch nicht umziehen", "nee, doch nicht": the concern said before
    is taken back."""
    return bool(_TAKEN_BACK.search(fold(text)))


_TAKEN_BACK = re.compile(r"\b(?:doch nicht|ach nein|ach nee|nein doch|nee doch|never mind)\b")


def replaces_concern(text: str) -> bool:
    """ "Nein, eigentlich geht es um die Rechnung": the concern said before is not wanted."""
    return any(w in REPLACING_WORDS for w in fold(text).split())


# "Können Sie mir das schriftlich geben / per E-Mail schicken?"
_IN_WRITING = re.compile(
    r"\b(?:schriftlich\w*|per (?:e ?mail|mail|post|brief|fax)|zuschicken|zusenden|mailen|"
    r"in writing|by (?:e ?mail|email|post|letter))\b"
)


def asks_in_writing(text: str) -> bool:
    """The caller wants the answer in writing: by letter, e-mail or fax."""
    return bool(_IN_WRITING.search(fold(text)))


# A call about a case reported before ("ich hab letzte Woche schon angerufen … und noch keine
# Antwort bekommen", "ich wollte nach meiner Reklamation fragen")
_EARLIER_CASE = re.compile(
    r"\b(?:(?:schon|bereits|letzte woche|letzten monat|vor \w+ (?:tagen|wochen)|neulich|"
    r"gestern) (?:\w+ ){0,3}(?:angerufen|gemeldet|geschrieben|reklamiert|beschwert)|"
    r"noch (?:keine|nichts|kein) (?:\w+ )?(?:antwort|rueckmeldung|nachricht|reaktion|"
    r"rueckruf|gehoert)|(?:nie|nicht) zurueckgerufen|nach (?:meiner|der) (?:reklamation|"
    r"beschwerde|meldung) (?:\w+ )?(?:fragen|erkundigen)|stand (?:meiner|der) (?:reklamation|"
    r"beschwerde)|called (?:last week|before|already)|(?:no|never) (?:heard back|got a reply))"
)


def asks_about_earlier_case(text: str) -> bool:
    """The caller follows up a case reported earlier: an agent looks it up (no batch number
    asked again)."""
    return bool(_EARLIER_CASE.search(fold(text)))


# The caller gives the concern up ("ach, vergessen Sie es", "dann eben nicht", "never mind")
GIVE_UP_PHRASES = (
    "vergessen sie es", "vergessen sie s", "vergessen sies", "vergiss es", "vergessts",
    "vergessen wirs", "ach egal", "ist egal", "is egal", "schon egal", "lassen wir das",
    "lassen wirs", "lassen sie es", "lassen sies", "lass mal", "schon gut", "dann eben nicht",
    "dann halt nicht", "never mind", "nevermind", "forget it", "forget about it",
    "doesn t matter", "it doesn t matter",
)  # fmt: skip


def gives_up(text: str) -> bool:
    """ "Ach, vergessen Sie es.", "Ist schon gut, dann eben nicht": the caller drops what they
    were asking (no question besides it)."""

    def given_up(words: str) -> bool:
        folded = fold(words.replace("'", " ").replace("’", " "))
        return any(says_phrase(folded, p) for p in GIVE_UP_PHRASES)

    said = clauses(text)  # ("Ist schon gut" is no question; "…, ist die vegan?" asks)
    asks = "?" in text or any(is_question(c) for c in said if not given_up(c))
    return given_up(text) and not asks


def closes_call(text: str) -> bool:
    """ "Das war alles", "that's all", "…, das wollte ich nur wissen", "Nichts mehr, danke":
    the caller has nothing more (a no to "anything else?")."""
    folded = fold(text)
    if "?" in text:  # "Und die Nougatcreme? Pfiat di.": the question first ("Das war's,
        asked = fold(text.split("?")[0])  # oder?" closes)
        if not (_only_closing_words(asked) or any(says_phrase(asked, p) for p in CLOSING_PHRASES)):
            return False
    return (
        any(says_phrase(folded, p) for p in CLOSING_PHRASES)
        or _ends_with(text, CLOSING_AT_END)
        or _only_closing_words(folded)
    )


# Closings that are one only when the turn says nothing else ("Da geht gar nichts mehr" is a
# fault; "Servus" alone may greet), with courtesy and answer words around them
_SHORT_CLOSINGS = (
    "nichts mehr", "nix mehr", "sonst nix", "sonst nix mehr", "sonst nichts mehr", "nix weiter",
    "nichts weiteres", "nix weiteres", "des wars", "des war s", "des war alles", "des is alles",
    "des wars servus", "nichts mehr servus", "nix mehr servus", "passt servus",
)  # fmt: skip


def _only_closing_words(folded: str) -> bool:
    words = [
        w for w in folded.split()
        if w not in ANSWER_WORDS and w not in THANKS_WORDS and w not in _THANKS_COMPANY
        and w not in ("jo", "ja", "mei", "gell", "dann", "erstmal", "wirklich")
    ]  # fmt: skip
    return 0 < len(words) <= 4 and " ".join(words) in _SHORT_CLOSINGS


def fold_spoken(text: str) -> str:
    """fold() with apostrophes as word breaks, as the phrase lists write them ("that s it")."""
    return fold(text.replace("'", " ").replace("’", " "))


def without_closing(text: str) -> str:
    """The words besides a closing phrase ("No, that's it, I lost my card" -> "no i lost my
    card"), folded."""
    folded = f" {fold_spoken(text)} "
    for phrase in CLOSING_PHRASES:
        folded = folded.replace(f" {phrase} ", " ")
    return " ".join(folded.split())


def heard_as_noun(
    text: str, heard: str, articles_only: bool = False, in_names_product: bool = False
) -> bool:
    """The words heard (default: any word) name a thing of their own: written with a capital
    or after an article ("und die sojamilch?"), not after a preposition ("und in der
    Mikrowelle?", "und ohne Kühlung?") nor in a question ("und in welcher Menge?");
    articles_only: only an article counts; in_names_product: "im/in" names a product, as
    after a question about what is in one ("und im Ketchup?")."""
    folded = [fold(w) for w in text.replace("?", " ").replace(",", " ").split()]
    if _QUESTION_WORDS_IN & set(folded):
        return False
    words = text.replace("?", " ").replace(",", " ").split()
    first = fold(heard.split()[0]) if heard.strip() else ""
    for at, word in enumerate(words):
        if (first and folded[at] != first) or at == 0:
            continue
        before, before2 = folded[at - 1], (folded[at - 2] if at >= 2 else "")
        place = before in _PREPOSITIONS or (before in _ARTICLES and before2 in _PREPOSITIONS)
        in_product = in_names_product and (before == "im" or "in" in (before, before2))
        if place and not in_product:
            continue
        if before in _ARTICLES or in_product or (not articles_only and word[:1].isupper()):
            return True
    return False


_QUESTION_WORDS_IN = frozenset(("welche", "welcher", "welches", "welchen", "wie", "wo", "was",
                                "wann", "which", "what", "how", "where", "when"))  # fmt: skip
_ARTICLES = frozenset(("der", "die", "das", "den", "dem", "ein", "eine", "einen", "the", "a"))
# before a place, a time or what is in it ("in der Mikrowelle", "im Sommer", "ohne Kühlung")
_PREPOSITIONS = frozenset((
    "ohne", "mit", "bei", "nach", "vor", "in", "im", "an", "am", "auf", "unter", "ueber",
    "without", "with", "at", "on", "after", "before",
))  # fmt: skip


_PARTICLES = ("auf", "ab", "an", "aus", "ein", "nach", "vor", "zu")


def _stem(word: str) -> str:
    """A German word's first letters without 'un-' and a participle's '-ge-' ("ungeöffnet" ->
    "oeffn", "aufgetaut" -> "aufta")."""
    word = word.removeprefix("un")
    for particle in _PARTICLES:
        if word.startswith(particle + "ge"):
            word = particle + word[len(particle) + 2 :]
            break
    else:
        word = word.removeprefix("ge") if len(word) > 6 else word
    return word[:5]


def said_in_the_answer(text: str, answer: str) -> bool:
    """A content word of the follow-up is one of the answer's ("und aufgetaut?" after "nach dem
    Auftauen nicht wieder einfrieren", "und ungeöffnet?" after "Nach dem Öffnen: …")."""
    from voicebot.nlu.slots import FUNCTION_WORDS

    said = {_stem(w) for w in fold(answer).split() if len(w) >= 4}
    return any(
        len(w) >= 5 and w not in FUNCTION_WORDS and _stem(w) in said for w in fold(text).split()
    )


def topic_named(text: str, topic: str) -> bool:
    """A content word of the follow-up names the concern's topic ("und auch vegan?" - "Ist ein
    Produkt vegan")."""
    from voicebot.nlu.slots import FUNCTION_WORDS

    named = {_stem(w) for w in fold(topic).split() if len(w) >= 4 and w not in FUNCTION_WORDS}
    return any(len(w) >= 4 and _stem(w) in named for w in fold(text).split())


def names_only_the_topic(text: str, topic: str) -> bool:
    """A short reply to "Is it about topping up by card?" that only repeats a piece of the
    topic ("by card", "stolen", "ja, die Öffnungszeiten"): a yes, not a new concern ("by card"
    was asked about as "a charge for topping up by card?"). A bare "card" or "my card" to "a
    lost or stolen card?" is none."""
    from voicebot.nlu.slots import FUNCTION_WORDS

    words = fold(text).split()
    if not 1 <= len(words) <= 4 or _NO_WORDS & set(words):
        return False
    while words and words[0] in ANSWER_WORDS:
        words = words[1:]
    named = fold(topic).split()
    if not words or not any(w not in FUNCTION_WORDS for w in words):
        return False
    if len(words) == 1:
        return len(words[0]) >= 6 and words[0] in named
    return any(named[i : i + len(words)] == words for i in range(len(named)))


def asks_with_or_without(text: str) -> bool:
    """ "und ohne Mikroplastik?", "und mit Zucker?": about what is in it."""
    return bool({"ohne", "mit", "without", "with"} & set(fold(text).split()))


def names_allergen(text: str) -> bool:
    """An allergen or intolerance named ("und Erdnüsse?", "und Haselnuss?", "glutenfrei")."""
    from voicebot.dialog.answers import ALLERGEN_WORDS, AnswerFacts, asked_allergen

    folded = f" {fold(text)} "
    terms = (t.strip() for words in ALLERGEN_WORDS.values() for t in words)
    named = any(re.search(rf"\b{re.escape(t)}\w{{0,3}}\b", folded) for t in terms if len(t) >= 3)
    return named or asked_allergen(AnswerFacts(caller_lines=(text,))) is not None


def no_product_word(heard: str) -> bool:
    """Words heard where a product was expected that name no product: an allergen or a
    condition ("Zöliakie"), a person ("Sachbearbeiter"), the concern itself ("Beschwerde")."""
    words = fold(heard).split()
    concern = any(AGENT_WORDS.fullmatch(w) or COMPLAINT.fullmatch(w) or w in _CONCERN_NOUNS
                  for w in words)  # fmt: skip
    return concern or names_allergen(heard)


_CONCERN_NOUNS = frozenset(("problem", "probleme", "frage", "fragen", "reklamation", "anliegen",
                            "nummer", "packung", "verpackung", "etikett", "barcode", "strichcode",
                            "question", "issue", "complaint"))  # fmt: skip


def only_thanks(text: str) -> bool:
    """ "Danke schön", "vielen Dank, super": thanks and nothing else (no yes, no no, no concern)."""
    words = fold(text).split()
    return any(w in THANKS_WORDS for w in words) and all(
        w in THANKS_WORDS or w in _THANKS_COMPANY for w in words
    )


# "Anything else?" - "I'm good, thanks", "alles gut": the caller needs nothing more.
_SETTLED_PHRASES = (
    "i m good", "i am good", "i m fine", "i am fine", "i m ok", "i m okay", "i m all set",
    "all set", "all good", "we re good", "we re all good", "i m sorted", "all sorted",
    "alles gut", "alles bestens", "alles erledigt", "hat sich erledigt", "bin versorgt",
    "passt scho", "passt schon", "passt eh", "passt alles",
)  # fmt: skip


# "Is it about a lost card?" - "yes, that's it": the one meant (at "anything else?": done)
_THE_ONE = ("that s it", "thats it", "that s the one", "that s the thing", "das wars",
            "das war s", "das war es", "das ist es", "genau das", "um das geht s")  # fmt: skip
_NO_WORDS = frozenset(("nein", "nee", "ne", "noe", "no", "nope", "nah", "not", "nicht"))


def confirms_the_one(text: str) -> bool:
    """ "Yes, that's it", "ja genau, das war's": a yes to a question whether it is about
    something (not said to "anything else?", where it means nothing more)."""
    folded = fold_spoken(text)
    return any(says_phrase(folded, p) for p in _THE_ONE) and not _NO_WORDS & set(folded.split())


_LEADING_YES = frozenset(("ja", "jawohl", "jo", "genau", "richtig", "stimmt", "yes", "yeah",
                          "yep", "yup", "correct", "right", "exactly"))  # fmt: skip


def starts_with_yes(text: str) -> bool:
    """ "Ja, und außerdem …", "yes and …": the answer is a yes, whatever follows."""
    words = fold(text).split()
    return bool(words) and words[0] in _LEADING_YES


def starts_with_no(text: str) -> bool:
    words = fold(text).split()
    return bool(words) and words[0] in _NO_WORDS


def needs_nothing_more(text: str) -> bool:
    """ "I'm good, thanks", "nee, alles gut": answer words, thanks and one phrase saying the
    caller is settled, nothing else (a no to "anything else?")."""
    if _noted_with_thanks(text):  # "Oh okay, thanks for letting me know"
        return True
    folded = fold_spoken(text)
    for phrase in _SETTLED_PHRASES:
        if says_phrase(folded, phrase):
            rest = f" {folded} ".replace(f" {phrase} ", " ", 1).split()
            return all(w in ANSWER_WORDS or w in THANKS_WORDS or w in _THANKS_COMPANY
                       for w in rest)  # fmt: skip
    return False


# A no said with a hedge to "Is it about …?" ("not exactly, it was the cash machine", "not
# really, it's more that …", "well yes and no", "nicht ganz"): the guess missed; what follows
# tells the concern anew
_HEDGED_NO = re.compile(
    r"^(?:(?:well|um|uh|er|erm|hmm|oh|no|nah|nope|hm|also|naja|na ja|aeh|nein)\s+)*"
    r"(?:not (?:exactly|really|quite|as such|that exactly|that really)|yes and no|yeah and no|"
    r"nicht (?:ganz|wirklich|so ganz|so richtig|direkt)|jein)\b"
    r"(?:\s+(?:it s|its|it is|it was|es ist|es war|es geht)?\s*(?:more|rather|mehr|eher)"
    r"(?: (?:like|that|so|um|darum dass))?\b)?\s*"
)


def hedged_no(text: str) -> str | None:
    """The words after a hedged no to a guessed concern ("not exactly it was the cash machine"
    -> "it was the cash machine"; "not quite" -> ""); None when the turn opens with none."""
    folded = fold_spoken(text)
    found = _HEDGED_NO.match(folded)
    return folded[found.end() :].strip() if found else None


def after_answer_words(text: str) -> str:
    """The text after its leading answer words: "Nein, ich will kündigen" -> "ich will kündigen"."""
    words = text.split()
    while words and all(w in ANSWER_WORDS for w in fold(words[0]).split()):
        words.pop(0)
    return " ".join(words)


_PART_BREAK = re.compile(
    r"[.?!;]+\s+|,?\s+\b(?:oh and|and also|also|and then|außerdem|ausserdem|und dann noch|"
    r"und noch|und ausserdem|und außerdem|plus)\b\s*"
    # a second concern brought up "while I'm on" ("…, and while I'm on, how long does a transfer
    # to France take", "… und wo ich Sie gerade dran habe, …")
    r"|,?\s*\b(?:and )?(?:while i'?m on|while i have you|while i'?ve got you|"
    r"(?:und )?(?:wo|wenn|da) ich (?:sie|euch|dich) (?:schon |gerade |grad )?(?:mal )?dran habe?|"
    r"(?:und )?bei der gelegenheit)\b,?\s*"
    # a second question joined by "und" ("ist die Hafermilch vegan und enthält sie Palmöl?")
    r"|,?\s+\b(?:und|and)\s+(?=(?:was|wie|wo|wann|bis wann|warum|wieso|welche\w*|ist|sind|"
    r"enthält|enthaelt|hat|kostet|what|how|where|when|why|which|is|are|does|do|can)\b)"
    # a question announced after the first concern ("Ich will kündigen und hab eine Frage zur
    # Rechnung", "… and I have a question about my statement")
    r"|,?\s+\b(?:und|and)\s+(?=(?:ich\s+|i\s+)?(?:hab|habe|hätte|haette|hätt|have|ve got|"
    r"also have)\s+(?:noch\s+|auch\s+|also\s+)?(?:eine\s+|ne\s+|a\s+|an\s+)?"
    r"(?:frage|question|anliegen|issue|problem)\b)"
    # a wish added with "auch" ("Ich ziehe um und will bei der Gelegenheit auch gleich einen
    # schnelleren Tarif", "… and I also want …")
    r"|,?\s+\b(?:und|and)\s+(?=(?:ich\s+|i\s+)?(?:will|möchte|moechte|brauche|hätte gern|"
    r"haette gern|want|need|would like|d like)\b[^.?!]*\b(?:auch|außerdem|ausserdem|also|too)\b)",
    re.IGNORECASE,
)


_REASON = re.compile(
    r"\b(?:deshalb|deswegen|darum|daher|weshalb|weswegen|therefore|that's why|thats why|"
    r"which is why|so i want|so i'd like)\b",
    re.IGNORECASE,
)


_ANOTHER = re.compile(
    r"\b(?:ausserdem|zusaetzlich|und noch|auch noch|dann noch|and also|as well|another thing|"
    r"plus|while i m on|while im on|while i have you|while i ve got you|while ive got you|"
    r"ich (?:sie|euch|dich) (?:schon |gerade |grad )?(?:mal )?dran hab\w*|bei der gelegenheit)\b"
)


def adds_another(text: str, language: str = "de") -> bool:
    """ "… und muss außerdem meine Kontonummer ändern", "also, I lost my card": a second
    concern added to the first, served after it (German "also" means "so")."""
    folded = fold(text)
    return bool(_ANOTHER.search(folded)) or (language == "en" and says_phrase(folded, "also"))


def gives_reason(text: str) -> bool:
    """One part of the turn is the reason for the other ("… geht nicht. Deshalb will ich
    kündigen"): the concern is the turn's whole sense, not its first part."""
    return bool(_REASON.search(text))


def parts_of(text: str) -> list[str]:
    """The sentences or added clauses of one turn ("Which countries do you support? Also, I
    lost my card"): each may carry a concern of its own."""
    return [p.strip(" ,") for p in _PART_BREAK.split(text) if p and p.strip(" ,")]


_ANNOUNCING = frozenset((
    "ich", "i", "ve", "have", "habe", "haette", "hatte", "eine", "a", "kurze", "short",
    "frage", "fragen", "question", "questions", "anliegen", "got", "mal", "hab",
    # to no product named: "Ich habe eine Frage zu einem Produkt" (it was read as a complaint)
    "zu", "zum", "zur", "einem", "einer", "ihren", "ihrem", "ihrer", "euren", "eurem", "produkt",
    "produkte", "produkten", "artikel", "about", "one", "of", "your", "product", "products",
))  # fmt: skip


_LINE_CHECK = re.compile(
    r"\b(?:ist da (?:jemand|wer)|hoert mich (?:jemand|wer)|hoeren sie mich|hallo hallo|"
    r"is (?:any|some)(?:one|body) there|can (?:any|some)(?:one|body) hear me|can you hear me|"
    r"hello hello|is (?:this|the) (?:thing|line|phone) (?:working|on)|are you (?:still )?there|"
    r"sind sie (?:noch )?da|bist du (?:noch )?da)\b"
)
_REAL_PERSON = re.compile(r"\b(?:echt\w*|mensch\w*|person|real|human|live)\b")


# "Was können Sie denn überhaupt?", "what can you help me with?": what the bot is for
_ASKS_CAPABILITIES = re.compile(
    r"\b(?:was (?:koennen|kannst) (?:sie|du) (?:\w+ ){0,2}(?:ueberhaupt|alles|so|machen|tun)|"
    r"(?:wobei|wofuer|womit|wie) (?:koennen|kannst) (?:sie|du) (?:mir )?(?:\w+ )?helfen|"
    r"wofuer (?:sind sie|bist du) (?:\w+ )?(?:zustaendig|da)|"
    r"was kann ich (?:\w+ ){0,4}(?:machen|fragen|erledigen)|"
    r"what can (?:you|i) (?:\w+ ){0,2}(?:do|help|ask)|what do you (?:do|help with)|"
    r"what are you (?:for|able to do))\b"
)
# "Sind Sie ein Roboter?", "am I talking to a machine?": asked, not a refusal of the machine
_MACHINE_OR_PERSON = (
    r"(?:(?:ein|eine|einem|einer|einen|a|an|the|nem|ner) )?(?:(?:echte[nmrs]?|richtige[nmrs]?|"
    r"lebendige[nmrs]?|real|actual) )?(?:roboter|maschine|computer|sprachcomputer|bot|chatbot|"
    r"automat|robot|machine|ki|ai|kuenstliche intelligenz|bandansage|ansage|tonband|recording|"
    r"mensch|menschen|person|human|human being)"
)
# "Sind Sie ein Roboter?", "Spreche ich mit einem Menschen?", "Ist das eine Bandansage?", "Sind
# Sie ein Mensch oder eine Maschine?": a question what answers, the whole turn
_ASKS_MACHINE_OR_PERSON = (
    r"^(?:\w+ )?(?:sind sie|bist du|ist das|is this|are you|rede ich|red ich|spreche ich|"
    r"sprech ich|bin ich|am i|is that)(?: (?:hier|da|gerade|jetzt|eigentlich|wirklich|denn|"
    r"etwa|nur|doch|talking|speaking))* (?:(?:mit|bei|beim|to|with) )?"
    + _MACHINE_OR_PERSON
    + r"(?: (?:oder|or) (?:(?:mit|bei|beim|to|with) )?"
    + _MACHINE_OR_PERSON
    + r")?(?: (?:verbunden|am telefon|dran|am apparat|on the line|or not|oder nicht))?$"
)
# "Sind Sie ein Roboter?", "am I talking to a real person or a machine?", "is this a recorded
# message?", "ist das eine Bandansage?": asked, not a refusal of the machine
_WHAT_ANSWERS = (
    r"(?:ein|eine|einem|einer|einen|a|an)? ?(?:(?:real|actual|live|proper|echt\w*|richtig\w*) )?"
    r"(?:roboter|maschine|computer|bot|chatbot|automat|robot|machine|ki|ai|mensch|menschen|"
    r"person|human|recording|bandansage|ansage|band|(?:automated|automatic|automatisch\w*|"
    r"recorded|computer) (?:message|voice|service|system|line|ansage|stimme|dienst)|automated)"
)
_ASKS_WHAT_ANSWERS = (
    r"^(?:\w+ ){0,2}?(?:(?:sind sie|bist du|are you) (?:real|echt)|(?:sind sie|bist du|are you|"
    r"rede ich (?:hier )?mit|spreche ich (?:hier )?mit|bin ich (?:hier )?mit|"
    r"am i (?:talking|speaking) (?:to|with)|is (?:this|that|it)|ist (?:das|dies)) "
    rf"(?:really |just |wirklich |nur )?{_WHAT_ANSWERS}(?: (?:or|oder) {_WHAT_ANSWERS})?)"
    r"(?: verbunden| am telefon| dran| i m talking to| i am talking to| on the line| or what|"
    r" then)?$"
)
# either reading (two probes of session 15 wrote one each)
_ASKS_IF_MACHINE = re.compile(f"(?:{_ASKS_MACHINE_OR_PERSON})|(?:{_ASKS_WHAT_ANSWERS})")


def asks_capabilities(text: str) -> bool:
    """ "Was können Sie denn überhaupt?" and nothing more ("Ich möchte kündigen, was kann ich
    da machen?" is a concern)."""
    from voicebot.nlu.slots import FUNCTION_WORDS

    folded = fold(text)
    if not _ASKS_CAPABILITIES.search(folded):
        return False
    rest = _ASKS_CAPABILITIES.sub(" ", folded).split()
    allowed = FUNCTION_WORDS | ANSWER_WORDS | GREETING_WORDS | _CAPABILITY_VERBS
    return all(w in allowed for w in rest)


_CAPABILITY_VERBS = frozenset(("beantworten", "machen", "tun", "helfen", "sagen", "erledigen",
                               "fragen", "answer", "help", "do"))  # fmt: skip


def asks_if_machine(text: str) -> bool:
    """ "Sind Sie ein Roboter?", "are you a real person?" (the whole turn; "ich will nicht mit
    einem Roboter reden" is a request for a person)."""
    return bool(_ASKS_IF_MACHINE.search(fold(text)))


def checks_line(text: str) -> bool:
    """ "Hallo, ist da jemand?", "can you hear me?": the caller checks the line (no request
    for a person: "ist da jemand Echtes?" is one)."""
    folded = fold(text)
    if not _LINE_CHECK.search(folded) or _REAL_PERSON.search(folded):
        return False
    rest = _LINE_CHECK.sub(" ", folded).split()  # nothing else said ("…, mein Internet geht
    return all(w in GREETING_WORDS or w in ANSWER_WORDS for w in rest)  # nicht": a concern)


def greets_only(text: str) -> bool:
    """ "Hallo?", "hi, good morning", "ich hätte mal eine Frage": a greeting or an announced
    question, and nothing else (no concern yet)."""
    words = fold(text).split()
    if not words:
        return False
    if any(w in GREETING_WORDS for w in words) and says_nothing(text):
        return True
    named = name_said(text, weak=True)  # "Hoffmann hier.", "Guten Tag, hier spricht Frau Demir."
    if named:  # (and where from: "Huber hier aus Rosenheim.")
        words = [w for w in fold(without_introduction(text)).split() if w not in _INTRODUCING]
    announced = {"frage", "fragen", "question", "questions", "anliegen"} & set(words)
    plain = all(w in _ANNOUNCING or w in ANSWER_WORDS or w in GREETING_WORDS for w in words)
    return ((bool(named) or bool(announced)) and plain) or asks_for_help_only(text)


# "Can you help me?", "I was wondering if you could help me", "Können Sie mir helfen?": help
# asked for, no concern yet (it was "Sorry, I did not understand")
_HELP_ONLY = re.compile(
    r"^(?:(?:hello|hi|hey|yes|yeah|um|erm|oh|so|right|please|hallo|ja|also|aeh|good|morning|"
    r"afternoon|evening|guten|tag|sorry)\s+)*(?:(?:can|could|would) you (?:please )?help(?: me)?|"
    r"i (?:need|would like|d like) (?:some |a bit of |a little )?help|"
    r"i (?:wonder|was wondering|wondered) if you (?:can|could) help(?: me)?|"
    r"(?:koennen|koennten) sie mir (?:bitte |vielleicht )?helfen|ich brauche (?:bitte )?hilfe)"
    r"(?: (?:please|bitte|with something|mit etwas))?$"
)


# "Can you call me back later?", "Können Sie mich zurückrufen?": a call back asked for (not
# "I'll call back later", a goodbye)
_CALLBACK = re.compile(
    r"\b(?:(?:can|could|would|will) (?:you|someone|somebody|one of you) (?:please )?(?:call|ring|"
    r"phone) (?:me )?back|^(?:please )?(?:call|ring|phone) me back|"
    r"(?:can i|could i|i want|i d like|i would like|i need) (?:to (?:get|have|request|book|"
    r"arrange) )?a call ?back|"
    r"(?:koennen|koennten|wuerden) sie mich (?:\w+ ){0,4}zurueckrufen|"
    r"(?:ich (?:moechte|haette gern|haette gerne|will|brauche)|bitte um) (?:einen )?rueckruf|"
    r"^(?:bitte )?ruf(?:en sie|t) mich (?:\w+ ){0,4}zurueck)\b"
)


_LANGUAGE_ASKED = re.compile(
    r"\b(?:(?:speaks?|speaking|spricht|sprechen|in) (?:\w+ )?(?P<language>german|deutsch|"
    r"english|englisch)|(?P<before>deutsch|englisch) (?:spricht|sprechen|kann|versteht))\b"
)


def language_asked_for(text: str) -> str | None:
    """The language a person is asked for in ("someone who speaks German", "jemand, der
    Englisch spricht", "in English please"): "de" or "en", None when none is named."""
    found = _LANGUAGE_ASKED.search(fold(text))
    if found is None:
        return None
    said = found.group("language") or found.group("before")
    return "de" if said in ("german", "deutsch") else "en"


def asks_for_callback(text: str) -> bool:
    """A call back asked for (see _CALLBACK)."""
    return bool(_CALLBACK.search(fold(text)))


def asks_for_help_only(text: str) -> bool:
    """Help asked for and nothing else (see _HELP_ONLY)."""
    return bool(_HELP_ONLY.match(fold(text)))


_INTRODUCING = frozenset(("hier", "ist", "spricht", "mein", "name", "ich", "heisse", "am",
                          "apparat", "frau", "herr", "my", "is", "this", "it", "s", "mr", "mrs",
                          "ms"))  # fmt: skip


# Words that only take note of what was said ("ach so", "aha, verstehe", "I see")
_ACKNOWLEDGING = frozenset((
    "ach", "so", "achso", "aha", "ah", "oh", "okay", "ok", "verstehe", "verstanden", "alles",
    "klar", "schade", "na", "gut", "hm", "hmm", "naja", "i", "see", "right",
))  # fmt: skip


def only_acknowledges(text: str, language: str) -> bool:
    """Words that only take note ("Ach so.", "Aha, verstehe.", "I see."), nothing else."""
    from voicebot.nlu.normalize import normalize

    words = [fold(w) for w in normalize(text, language).split()]
    if words[:1] == ["na"] and len(words) <= 3:  # "Na toll.", "na super": said sourly, no
        return all(w in _ACKNOWLEDGING or w in _SOURLY for w in words)  # praise
    return bool(words) and all(w in _ACKNOWLEDGING for w in words)


_SOURLY = frozenset(("toll", "super", "prima", "klasse", "bravo", "wunderbar", "herrlich",
                     "spitze", "grossartig", "fantastisch"))  # fmt: skip


def says_nothing(text: str) -> bool:
    """Only answer words and greetings ("ja gut", "hallo, guten Tag"): no concern in it."""
    return all(w in ANSWER_WORDS or w in GREETING_WORDS for w in fold(text).split())


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


# A part of the body that reacted ("seine Haut ist jetzt ganz rot", "die Augen brennen",
# "Hautreizung"): a reaction that happened, said by the body part rather than a symptom's noun
BODY_REACTION = re.compile(
    r"\b(?:(?:haut|gesicht|haende|hand|mund|augen|auge|lippen|finger|kopfhaut|zunge|hals)\b"
    r"(?:\s+\w+){0,4}\s+(?:rot|geroetet|brennt|brennen|juckt|jucken|gereizt|entzuendet|"
    r"geschwollen|wund|trocken und rissig)|(?:brennt|brennen|juckt|jucken|traenen|schmerzt|"
    r"schmerzen)\s+(?:\w+\s+){0,2}(?:haut|augen|auge|lippen|haende|hand|mund|gesicht|"
    r"kopfhaut|zunge)|(?:mir|ihm|ihr|uns) (?:ist|war|wurde|wird) (?:\w+ ){0,4}(?:schlecht|"
    r"uebel|schwindelig)|hautreizung\w*|ekzem\w*|(?:skin|face|eyes?|lips?|"
    r"hands?|mouth)\b(?:\s+\w+){0,3}\s+(?:red|burn\w*|itch\w*|swollen|irritated|sore))\b"
)


def reports_body_reaction(text: str) -> bool:
    """A body part that reacted ("seine Haut ist ganz rot"), unless only asked about ("Kann
    die Haut davon rot werden?")."""
    return bool(BODY_REACTION.search(fold(text))) and not is_question(text)


# A product that did the caller harm ("ich habe allergisch reagiert", "mir ist übel geworden")
_HARM = re.compile(
    r"\b(ausschlag|juckt|jucken|geschwollen|uebel|erbrochen|schlecht geworden|krank geworden|"
    r"durchfall|bauchschmerzen|atemnot|rash|swollen|itching|threw up|vomited|got sick|"
    r"made me sick|reacted|(?:had|got) an? (?:allergic )?reaction|"
    r"(?:habe|hab|hat|hatte|haben)\b.{0,40}\b(?:allergisch reagiert|reaktion))\b"
)  # a reaction that happened, not "worauf man allergisch reagiert"


def health_emergency(text: str) -> bool:
    """ "Meine Tochter hat eine halbe Tube Zahnpasta gegessen, ist das gefährlich?", "mein
    Kind hat Spülmittel getrunken": something swallowed that may harm now, or the signs of it
    (a case for the poison centre and a person at once, not for a batch number)."""
    folded = fold(text)
    return bool(_SWALLOWED.search(folded) and _DANGER.search(folded)) or bool(
        _EMERGENCY.search(folded)
    )


_SWALLOWED = re.compile(
    r"\b(?:gegessen|verschluckt|geschluckt|getrunken|runtergeschluckt|eingenommen|ins auge|"
    r"swallowed|ate|eaten|drank|drunk)\b"
)
_DANGER = re.compile(
    r"\b(?:gefaehrlich\w*|giftig\w*|vergift\w*|schlimm|arzt|notarzt|krankenhaus|notaufnahme|"
    r"dangerous|poison\w*|toxic|doctor|hospital)\b"
)
_EMERGENCY = re.compile(
    r"\b(?:vergiftung|giftnotruf|bewusstlos|atemnot|kriegt keine luft|bekommt keine luft|"
    r"poisoning|unconscious|can t breathe|cannot breathe)\b"
)


def reports_harm(text: str) -> bool:
    """The caller reports a reaction or illness (for products: a case for a person)."""
    return bool(_HARM.search(fold(text))) or reports_body_reaction(text)


# Something went wrong, in words of its own ("war schimmelig", "someone stole my card", "der
# Techniker kam nicht"): what makes a sentence a complaint or an emergency, unlike a lead-in
# ("Ich habe gestern die Nougatcreme gekauft.", "Ich hab die Packung nicht da.")
_PROBLEM = re.compile(
    r"\b(kaputt\w*|defekt\w*|schimmel\w*|verschimmelt\w*|verdorben\w*|ranzig\w*|abgelaufen\w*|"
    r"schlecht\w*|falsch\w*|fehl\w*|glas\w*|splitter\w*|stein\w*|haar\w*|insekt\w*|motte\w*|"
    r"wurm\w*|wuermer|kaefer\w*|made|maden|plastik\w*|metall\w*|klumpen|sauer|bitter|"
    r"gestohlen|geklaut|geraubt|verloren|weg|gesperrt|betrug\w*|betrueger\w*|gehackt|"
    r"abgebucht|problem\w*|aerger\w*|frechheit|unverschaemt\w*|reklam\w*|stinkt|verbrannt|"
    r"stolen|stole|steal\w*|lost|lose|gone|missing|fraud\w*|scam\w*|hacked|compromised|"
    r"broken|wrong|declined|blocked|twice|unauthori[sz]ed|emptied|mugged|robbed|nicked|"
    r"pinched|swiped|komisch\w*|seltsam\w*|merkwuerdig\w*|ausgelaufen|undicht|"
    r"klumpig\w*|gaerig\w*|gegoren|flecken|verfaerbt\w*|schwarze|halb (?:voll|leer)|"
    r"zu wenig|geronnen|dickfluessig\w*|flocken|ausgeflockt|verklumpt|"
    r"(?:geht|ging|gehen|funktioniert|funktionierte|kam|kommt|klappt|klappte|laeuft|lief|"
    r"schmeckt|riecht|haelt|hielt|wurde|wurden|ist|war|sind|waren|hat|haben|hatte|"
    r"schmeckte|roch)\b(?:\s+\w+){0,3}\s+(?:nicht|nie)|"
    r"never (?:came|arrived|showed up|turned up|got|received|worked)|"
    r"warte\w* (?:\w+ ){0,2}seit|immer noch|still waiting|been waiting|"
    r"(?:didn t|did not|doesn t|does not|wasn t|was not|isn t|is not|won t|don t|not)\s"
    r"(?:\w+\s){0,2}(?:work\w*|arriv\w*|me|recogni[sz]e\w*|authori[sz]e\w*|come|show\w*))\b"
)


def reports_problem(text: str) -> bool:
    """The words say something went wrong (harm, damage, a loss, a theft, a failure, money
    or a card used by someone else)."""
    from voicebot.dialog.money_reading import used_by_someone_else

    folded = fold_spoken(text)
    return (
        reports_harm(text)
        or COMPLAINT.search(folded) is not None
        or bool(_PROBLEM.search(folded))
        or used_by_someone_else(text)
    )


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


def digits_in(text: str, language: str = "de") -> str:
    """All digits the caller said, written, digit by digit or in groups ("vierzig" -> "40")."""
    from voicebot.nlu.slots import digits_spoken

    return digits_spoken(text, language)


def rating_in(text: str, language: str = "de") -> int | None:
    """A rating 1-5 from "vier", "4", "vier von fünf"; None when unclear (voicebot.nlu.slots)."""
    from voicebot.nlu.slots import extract_rating

    return extract_rating(text, language)


def wants_something(text: str) -> bool:
    """ "Ich möchte kündigen", "I want to cancel": a wish said, not only a question asked."""
    return bool(_WANTS.search(fold(text)))


_WANTS = re.compile(
    r"\b(?:ich|wir) (?:moechte|moechten|will|wollen|wuerde gerne?|wuerden gerne?|muss|"
    r"haette gerne?)\b|\b(?:i|we) (?:want|would like|d like|need)\b|\bkuendigen sie\b"
)


def asks_for_technician(text: str) -> bool:
    """ "Ich will einen Techniker!", "send an engineer": a person from the concern's team (not
    "Nein danke, ich brauche keinen Techniker")."""
    folded = fold(text)
    refused = set(folded.split()) & {"kein", "keinen", "keine", "nicht", "nein", "no", "not",
                                      "dont", "nee"}  # fmt: skip
    return bool(_TECHNICIAN.search(folded)) and not refused


_TECHNICIAN = re.compile(r"\b(?:techniker\w*|servicetechniker\w*|technician|engineer)\b")


_INTRODUCTION = re.compile(
    r"^(?:(?:ja|hallo|guten tag|guten morgen|guten abend|moin|servus|gruess gott|hi|hello|"
    r"good morning|good afternoon|also|aeh|yes)\s+)*"
    r"(?:mein name ist|ich heisse|hier (?:ist|spricht)|ich bin (?:die|der|frau|herr)?|"
    r"my name is|this is|i m|i am)\s+\w+(?:\s+\w+)?$"
)


def introduces_only(text: str) -> bool:
    """ "Guten Tag, mein Name ist Aylin Demir": who calls, and nothing else (no concern, not
    a change of name)."""
    return bool(_INTRODUCTION.match(fold(text))) and name_said(text) is not None


_ENGLISH = frozenset((
    "i", "i m", "im", "my", "the", "is", "are", "you", "your", "to", "and", "it", "do", "don",
    "dont", "can", "would", "like", "want", "need", "please", "hello", "hi", "sorry", "speak",
    "english", "german", "what", "how", "with", "have", "this", "that", "of", "for", "not",
    "a", "an", "on", "at", "me", "we", "there", "here", "about", "does", "did", "were",
    "which", "when", "where", "why", "who", "any", "much", "many",
))  # fmt: skip
_GERMAN = frozenset((
    "ich", "mein", "meine", "der", "die", "das", "ist", "sind", "sie", "ihr", "zu", "und", "es",
    "nicht", "kann", "moechte", "will", "bitte", "hallo", "mit", "habe", "hab", "dies", "von",
    "fuer", "ein", "eine", "auf", "wir", "da", "hier", "ueber", "wie", "was", "geht", "kein",
))  # fmt: skip


def speaks_english(text: str) -> bool:
    """The turn is English, not German with an English word in it ("Hi, I don't speak German,
    I'd like to cancel my contract"; not "Mein Internet ist down", "Hallo, sorry")."""
    words = fold_spoken(text).split()
    english = sum(w in _ENGLISH for w in words)
    german = sum(w in _GERMAN for w in words)
    if len(words) >= 4 and german == 0 and english >= 2:  # "is the oat milk vegan", "does
        return True  # your muesli contain nuts": short, not one German word
    return len(words) >= 4 and english >= 3 and english >= 3 * max(1, german)


def speaks_german(text: str) -> bool:
    """The turn is German, not English with a German word in it ("Ich spreche kein Englisch.
    Karte gestohlen."; not "Hi, my Kontonummer is wrong")."""
    words = fold_spoken(text).split()
    english = sum(w in _ENGLISH for w in words)
    german = sum(w in _GERMAN | _GERMAN_MORE for w in words)
    return len(words) >= 3 and german >= 2 and german >= 3 * max(1, english)


_GERMAN_MORE = frozenset(("spreche", "sprechen", "englisch", "deutsch", "keine", "nur", "bin",
                          "hat", "haben", "wurde", "gestohlen", "karte", "konto", "guten", "tag",
                          "entschuldigung", "verstehe", "nichts", "helfen", "jemand"))  # fmt: skip


# What a caller tells before the question, none of it a complaint ("Ich habe gestern die
# Nougatcreme gekauft.", "Meine Nachbarin hat mir von der Hafermilch erzählt.", "Jetzt sind die
# Brezeln aufgetaut.", "Ich hab die Packung nicht da.")
_LEAD_IN = re.compile(
    r"\b(?:gekauft|kaufe|kaufen|bestellt|geschenkt|bekommen|mitgebracht|gesehen|gehoert|"
    r"gelesen|erzaehlt|empfohlen|probiert|eingefroren|aufgetaut|aufbewahrt|nicht da|nicht zur "
    r"hand|weggeworfen|im angebot|immer|gerne?|liebe|lieben|mag|moegen|esse|essen|trinke|"
    r"trinken|nutze|benutze|verwende|backe|koche|gegessen|getrunken|gekocht|gebacken|daheim|"
    r"zu ?hause|offen|geoeffnet|angebrochen|bought|buy|ordered|heard|saw|seen|tried|got|"
    r"love|usually|always)\b"
)


def is_lead_in(text: str) -> bool:
    """A sentence that only tells what the caller did or has (bought, heard of, thawed), with
    no word of something gone wrong: background to the question that follows."""
    return bool(_LEAD_IN.search(fold(text))) and not reports_problem(text)


_CORRECTING_WORDS = frozenset(("lieber", "meine", "meinte", "rather", "mean", "meant"))


def corrects_a_product(text: str) -> bool:
    """The turn corrects what it named ("… ach nee, ich meine die Tomatensauce", "doch lieber
    die Handcreme"): one product meant, the one corrected to."""
    return after_a_correction(text) is not None or bool(_CORRECTING_WORDS & set(fold(text).split()))


# A concern said by its area alone: "I have a question about my account", "I'm calling about
# my card please", "Ich hab eine Frage zu meinem Vertrag", "Es geht um mein Konto"
_OPENERS = r"(?:(?:hi|hello|hallo|yes|yeah|ja|um|uh|so|well|ok|okay|also|aeh|guten tag|hey) )*"
_AREA_EN = re.compile(
    _OPENERS + r"(?:i have|i ve got|ive got|i got|i m calling|im calling|i am calling|calling|"
    r"it s|its|it is|there s|theres|there is|i need help|i need|i d like to ask|i would like to "
    r"ask|i wanted to ask|i want to ask|i m ringing|im ringing)? ?(?:a |an |some )?(?:quick )?"
    r"(?:question|query|problem|issue|enquiry|inquiry|help|something)? ?(?:about|with|"
    r"regarding|concerning|on) (?:my|a|an|the|our) (?P<area>\w+)(?: please)?"
)
_AREA_DE = re.compile(
    _OPENERS + r"(?:(?:ich )?(?:habe|hab|haette|hatte) (?:da )?(?:mal )?(?:eine |ne )?"
    r"(?:frage|problem|anliegen) (?:zu|zur|zum|wegen|mit|bezueglich|ueber) |es geht um |"
    r"ich rufe wegen |ich ruf wegen |wegen )(?:meiner|meinem|meinen|meine|mein|meines|der|dem|"
    r"die|den|das|des) (?P<area>\w+)(?: an)?(?: bitte)?"
)


def area_named(text: str) -> str | None:
    """The one noun of a turn that says only which area the concern is in ("account" in "I
    have a question about my account"), or None when the turn says more."""
    folded = fold(text.replace("'", " ").replace("’", " "))
    found = _AREA_EN.fullmatch(folded) or _AREA_DE.fullmatch(folded)
    return found.group("area") if found else None


# Where a turn Whisper wrote without punctuation may change its subject: a comma, "aber", "und",
# "but", "and", "because", a number said in digits ("meine frau hat den vertrag kundennummer
# 40817253 das internet geht nicht"), or before "I need / ich möchte …" ("where's your nearest
# branch in leeds I need to pay some cash in")
_LOOSE_BREAK = re.compile(
    r",|\b(?:aber|und|but|and|because|cause|weil)\b|\d[\d ]*\d|\d|"
    r"(?=\b(?:i|ich) (?:need|want|would like|d like|have to|moechte|möchte|will|brauche|muss)\b)",
    re.IGNORECASE,
)


def loose_clauses(text: str) -> list[str]:
    """The stretches of a turn between commas, conjunctions and numbers (see _LOOSE_BREAK)."""
    return [c.strip(" .!?") for c in _LOOSE_BREAK.split(text) if c.strip(" .!?")]


# An urgent card matter said in German at the English hotline, glossed in English for its
# classifier ("Meine Karte wurde gestohlen, bitte sperren Sie sie" -> a stolen card)
_GERMAN_URGENT = (
    (re.compile(r"\b(?:gestohlen|geklaut|geraubt|entwendet)\b"), "my card has been stolen"),
    (re.compile(r"\b(?:verloren|verlegt|nicht mehr finden|ist weg)\b"), "i lost my card"),
    (re.compile(r"\b(?:abbuchung|buchung|zahlung|lastschrift|abgebucht|belastung)\w*\b.*\b(?:"
                r"nicht (?:erkannt|kenne|gemacht|von mir)|kenne ich nicht|unbekannt\w*|fremd\w*)|"
                r"\b(?:nicht (?:erkannt|kenne|gemacht|von mir)|unbekannt\w*|fremd\w*)\b.*\b(?:"
                r"abbuchung|buchung|zahlung|lastschrift|abgebucht)"),
     "there is a card payment i do not recognise"),
    (re.compile(r"\b(?:betrug\w*|betrueger\w*|gehackt|phishing)\b"),
     "someone used my card without my permission"),
    (re.compile(r"\b(?:sperren|sperrung)\b"), "my card has been stolen"),
)  # fmt: skip


def german_urgent_gloss(text: str) -> str | None:
    """An English gloss of an urgent card matter said in German, or None."""
    folded = fold(text)
    return next((gloss for pattern, gloss in _GERMAN_URGENT if pattern.search(folded)), None)


# "Is this Harbour Bank?", "Bin ich hier richtig bei Nordwelle?", "ist da die Sparkasse": who
# answers the call (the name asked about is the group)
_WHO_ANSWERS = re.compile(
    r"^(?:(?:hallo|hello|hi|ja|yes|guten tag|entschuldigung|sorry|aeh|um) )*(?:is (?:this|that)|"
    r"am i (?:speaking to|talking to|through to)|have i (?:got|reached)|"
    r"ist (?:da|dort|hier|das(?: hier)?)|spreche ich mit|bin ich (?:hier |da )?(?:richtig )?bei|"
    r"sind sie(?: von)?)"
    r"(?: (?:die|der|das|den|the))?(?: (?:kundenservice|kundendienst|hotline|service|support|"
    r"stoerungsstelle|customer service) (?:von|vom|bei|der|of))? (?P<name>\w+(?: \w+)?)$"
)
# How the names of other companies a caller may have meant end ("Sparkasse", "Telekom")
_COMPANY_END = re.compile(
    r"(?:bank|kasse|telekom|vodafone|versicherung|werke|post|amt|o2|congstar|telefonica|aok|"
    r"praxis|apotheke)$"
)


def asks_who_answers(text: str, ours: str, language: str = "de") -> bool | None:
    """Whether the caller asks if they reached `ours` ("is this harbour bank?": True) or
    another company ("ist da die Sparkasse": False); None when the turn asks neither (a name
    of one or two words, ours spelt alike or a company by its ending, or in English by its
    capitals: German writes every noun so, "ist da die Störungsstelle")."""
    from rapidfuzz import fuzz

    found = _WHO_ANSWERS.match(fold(text))
    if found is None:
        return None
    name, folded = found.group("name"), fold(ours)
    if fuzz.ratio(name, folded) >= 80 or fuzz.partial_ratio(folded, name) >= 90:
        return True
    capitals = [
        w for w in text.split()[1:]
        if language == "en" and w[:1].isupper() and fold(w) in name.split()
    ]  # fmt: skip
    return False if capitals or _COMPANY_END.search(name) else None
