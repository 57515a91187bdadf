"""What a person says to the survey besides an answer: consent after a hedge, asking not to
be called again or for the answers to be deleted, another time, refusing one question, breaking
off. Phrase tests on folded text (dialog/words.fold), German and English."""

from __future__ import annotations

import re

from voicebot.dialog.closing_words import NO_NEED_PHRASES, says_goodbye
from voicebot.dialog.question_words import is_question
from voicebot.dialog.words import fold, says_phrase

DECLINE_WORDS = ("keine zeit", "kein interesse", "no time", "not interested")
# Said instead of an answer (none read from the words): the survey ends ("nee lass mal")
STOP_WORDS = (
    "keine lust", "will doch nicht", "moechte doch nicht", "will nicht mehr mitmachen",
    "moechte nicht mehr mitmachen", "moechte abbrechen", "will abbrechen", "hoeren wir auf",
    "nee lass mal", "ne lass mal", "nein lass mal", "lass mal gut sein", "lassen wir das",
    "kein bock", "keinen bock", "null bock",
    "dont want to do this", "stop the survey", "i want to stop",
)  # fmt: skip
# Breaking off: the call is ended by the person ("ich leg auf"), or they say they have had
# enough, speaking of themselves ("Ich hab jetzt keine Zeit mehr"; not "Der Techniker hatte
# keine Zeit mehr", "Nein, mir reicht's mit denen", a comment or an answer)
HANG_UP_WORDS = ("ich leg auf", "ich lege auf", "ich leg jetzt auf", "ich lege jetzt auf",
                 "im hanging up", "i am hanging up")  # fmt: skip
HAD_ENOUGH_WORDS = ("jetzt reichts", "das reicht jetzt", "keine zeit mehr", "thats enough")
_MYSELF = frozenset(("ich", "hab", "habe", "i", "im", "ive"))
# Said instead of an answer: that question is left unanswered, the survey goes on (as "weiß
# ich nicht")
WITHHOLD_WORDS = (
    "sag ich nicht", "sage ich nicht", "sag ich ihnen nicht", "sage ich ihnen nicht",
    "geht sie nichts an", "geht sie gar nichts an", "keine angabe", "none of your business",
    "rather not say", "moechte ich nicht beantworten", "will ich nicht beantworten",
    "moechte das nicht beantworten", "will das nicht beantworten", "beantworte ich nicht",
    "moechte ich nicht sagen", "will ich nicht sagen", "kein kommentar", "dazu sag ich nichts",
    "dazu sage ich nichts", "no comment", "prefer not to", "rather not answer",
)  # fmt: skip
QUESTION_AGAIN = ("was war die frage", "wie war die frage", "was war nochmal die frage",
                  "what was the question")  # fmt: skip
LATER_WORDS = frozenset(("spaeter", "nochmal", "morgen", "andermal", "gerade", "jetzt", "later",
                    "tomorrow", "another"))  # fmt: skip


def breaks_off(folded: str) -> bool:
    """The person ends the survey: hangs up, or has had enough, said of themselves in a short
    turn (folded: the answer folded, padded by spaces)."""
    if says_any(folded, HANG_UP_WORDS):
        return True
    words = folded.split()
    mine = bool(_MYSELF & set(words)) and len(words) <= 8
    return mine and says_any(folded, HAD_ENOUGH_WORDS)


# How long the call still takes ("wie lange dauert das noch", "wie viele Fragen kommen noch"),
# not how long something of the provider's does ("… dauert das noch, bis Glasfaser kommt")
_HOW_LONG = re.compile(
    r"\b(?:wie (?:lange|lang) (?:dauert|geht|brauchen|braucht)(?: \w+){0,2}|wie viele fragen|"
    r"(?:dauert|geht) (?:das|es|die sache) (?:noch )?(?:lange|lang)|sind wir (?:bald|gleich) "
    r"(?:fertig|durch)|how long (?:will|does) (?:this|it) take)\b(?!.*\bbis\b)"
)
_PRIVACY = re.compile(
    r"\b(?:datenschutz\w*|dsgvo|gdpr|data protection|privacy|(?:meine|meinen|die) daten|"
    r"anonym\w*|gespeichert|speichern sie|weitergegeben|weitergeben)\b"
)


def asks_about_privacy(text: str) -> bool:
    """A question about data protection ("Ist das datenschutzkonform nach DSGVO?", "Was
    passiert mit meinen Daten?")."""
    asked = "?" in text or is_question(text) or wh_question(text)
    return asked and _PRIVACY.search(fold(text)) is not None


_TO_US = re.compile(r"\b(?:Sie|Ihnen|Ihr|Ihre|Ihren|Ihrem|Ihrer|you|your)\b")
_ABOUT_THE_SURVEY = frozenset((
    "umfrage", "befragung", "anonym", "nummer", "telefonnummer", "daten", "antworten",
    "institut", "computer", "roboter", "automat", "survey", "number", "data", "answers",
))  # fmt: skip


def asks_us(text: str) -> bool:
    """A question to the caller or about the survey ("Wo haben Sie meine Nummer her?", "Ist
    das anonym?"), not one about the provider, which is a comment ("Warum kostet das so
    viel?")."""
    about = _ABOUT_THE_SURVEY & set(fold(text).split())
    return bool(about) or bool(_TO_US.search(text)) or bool(_HOW_LONG.search(fold(text)))


_HAS_NONE = re.compile(
    r"\b(?:(?:ich|wir) (?:hab|habe|haben|besitze|besitzen|nutze|nutzen|benutze)|(?:hab|habe|"
    r"haben) (?:ich|wir))\b(?: \w+){0,2}? (?:kein|keine|keinen) (\w{4,})|\b(?:i|we) (?:dont|do "
    r"not)(?: even)? (?:have|use|own) (?:an? |any )?(\w{4,})"
)


def lacks_the_subject(text: str, subject: str) -> bool:
    """ "Ich hab gar kein Internet." to a survey on internet providers: the person has none of
    what the survey asks about (a word of `subject`, the survey's introduction and questions,
    holds the thing they lack or starts like it: "Internetanschluss"), so its questions are not
    for them."""
    words = fold(subject).split()
    if reports_an_outage(text):
        return False
    for match in _HAS_NONE.finditer(fold(text.replace("'", "").replace("’", ""))):
        lacked = match.group(1) or match.group(2)
        if any(lacked in word or _same_stem(lacked, word) for word in words):
            return True
    return False


_OUTAGE = re.compile(  # lacking it for a time, or with a complaint: it is out, not absent
    r"\b(?:seit|schon wieder|wieder|gerade|grad|grade|momentan|zurzeit|derzeit|im moment|"
    r"heute|gestern|tagen|wochen|staendig|dauernd|oft|ausfall|stoerung|gestoert|kaputt|"
    r"kuemmert|kuemmern|techniker|hotline|repariert|behoben|since|again|currently|outage)\b"
)


def reports_an_outage(text: str) -> bool:
    """ "Seit drei Wochen hab ich kein Internet und keiner kümmert sich!": the person has a
    provider and no service now (an outage, a complaint), unlike "Ich hab gar kein
    Internet."."""
    return bool(_OUTAGE.search(fold(text)))


def _same_stem(one: str, other: str) -> bool:
    """Compounds of one head ("internetanschluss", "internetanbieter")."""
    common = 0
    for a, b in zip(one, other, strict=False):
        if a != b:
            break
        common += 1
    return common >= 7


_BREAK_FILLER = frozenset((
    "ich", "hab", "habe", "jetzt", "doch", "leider", "sorry", "tut", "mir", "leid", "nee", "nein",
    "also", "ach", "so", "gar", "echt", "wirklich", "i", "im", "ive", "now", "really", "got",
))  # fmt: skip


def only_breaks_off(folded: str) -> bool:
    """The whole turn breaks off ("Ich hab jetzt doch keine Zeit mehr."), with nothing else in
    it: a comment that ends so ("Ich habe keine Zeit mehr. Besserer Service.") is kept."""
    if not breaks_off(folded):
        return False
    rest = f" {folded.strip()} "
    for phrase in (*HANG_UP_WORDS, *HAD_ENOUGH_WORDS):
        rest = rest.replace(f" {phrase} ", " ")
    return all(word in _BREAK_FILLER for word in rest.split())


def asks_meaning(text: str) -> bool:
    """ "Was heißt denn eins?", "Wie meinen Sie das?", "what does one mean": a question about
    the question, no answer."""
    folded = fold(text)
    asked = {"heisst", "bedeutet", "meint", "mean", "means"} & set(folded.split())
    return bool(asked) or says_phrase(folded, "meinen sie") or says_phrase(folded, "meinst du")


def leaves_the_survey(text: str) -> bool:
    """A short turn that says the person stops now and goes ("ich hab doch keine Lust mehr.
    Tschüss.", "Ich muss jetzt los, tschüss."): no comment, the survey ends; a comment that
    only ends with a goodbye ("Schnelleres Internet, tschüss") is a comment."""
    folded = " " + fold(text.replace("'", "").replace("’", "")) + " "
    words = folded.split()
    mine = bool({"ich", "i", "wir"} & set(words)) or words[:1] in (["muss"], ["hab"], ["habe"])
    if not (mine and _stops(folded) and len(words) <= 14):
        return False
    plain = text.replace("'", "").replace("’", "")  # (Whisper writes no comma: "die sollen
    for clause in re.split(r"[,.;!?]+|\s+(?=\baber\b|\bund\b)", plain):  # die Hotline
        # verbessern aber ich muss jetzt los tschüss" is a comment, then the goodbye)
        said = " " + fold(clause) + " "
        leaving = _stops(said) or says_any(said, HANG_UP_WORDS) or says_goodbye(clause)
        if not leaving and not set(said.split()) <= _FILLER:
            return False  # "Mehr Geschwindigkeit, ich lege jetzt auf, ich muss weg.": a comment
    return True


_FILLER = frozenset((
    "ach", "wissen", "sie", "was", "also", "naja", "na", "sorry", "tut", "mir", "leid", "doch",
    "jetzt", "oh", "aeh", "ok", "okay", "gut", "so", "well", "you", "know", "what", "danke",
))  # fmt: skip


_STOPPING = (
    "keine lust mehr", "muss jetzt los", "muss los",
    "muss aufhoeren", "muss jetzt aufhoeren", "mag nicht mehr", "keinen bock mehr",
    "i have to go", "i ve got to go", "gotta go", "i need to go", "will nicht mehr mitmachen",
    "moechte nicht mehr mitmachen", "moechte abbrechen", "will abbrechen", "hoeren wir auf",
    "lassen wir das", "i want to stop",
)  # fmt: skip


# "ich hör jetzt auf" (the survey), not "ich hör jetzt auf, mich bei denen zu beschweren"
_STOPS_HERE = re.compile(
    r"\bhoere? (?:jetzt |hier |da )+auf\b(?! (?:\w+ ){0,5}zu\b| mit\b| damit\b)"
)


# "ich möchte doch nicht mehr mitmachen", "will jetzt eigentlich nicht weitermachen" (words
# between the verbs that the phrases above leave out)
_QUITS = re.compile(
    r"\b(?:will|moechte|mag|wollte|moechten|wollen) (?:(?:doch|jetzt|eigentlich|lieber|dann|"
    r"ehrlich gesagt|echt|wirklich|also) )*(?:nicht|nich) (?:mehr )?(?:mit|weiter)machen\b"
)


def quits(folded: str) -> bool:
    """ "Ich möchte doch nicht mehr mitmachen": the person stops taking part (folded)."""
    return bool(_QUITS.search(folded))


def _stops(folded: str) -> bool:
    """Words of stopping the survey now (folded)."""
    return says_any(folded, _STOPPING) or bool(_STOPS_HERE.search(folded)) or quits(folded)


def says_any(folded: str, phrases: tuple[str, ...]) -> bool:
    """One of the phrases said as whole words (folded: the answer folded)."""
    return any(says_phrase(folded, phrase) for phrase in phrases)


_NEVER_AGAIN = re.compile(  # said to us ("rufen Sie …"), not about the provider ("die rufen
    r"\b(?:(?:rufen|ruf) sie (?:\w+ ){0,3}(?:nie|nicht) (?:wieder|mehr|nochmal|noch mal|"
    r"noch einmal) (?:\w+ ){0,2}an|(?<!die )(?:lassen sie|lass) mich (?:\w+ ){0,5}in ruhe"
    r"(?! (?:\w+ )?(?:ueberlegen|nachdenken|denken|schauen|gucken|nachsehen))|"
    r"nummer\b.{0,40}\b(?:loeschen|streichen|sperren) sie (?:die|sie|diese)\b|"
    r"(?:nicht|nie) (?:mehr|wieder) (?:\w+ ){0,2}(?:angerufen|kontaktiert|belaestigt) werden|"
    r"nicht dass sie mich (?:\w+ ){0,3}anrufen|(?:bitte|sie) nie (?:wieder|mehr) (?:\w+ )?anrufen|"
    r"hoeren sie (?:\w+ ){0,2}auf (?:\w+ ){0,3}(?:anzurufen|zu belaestigen|zu nerven)|"
    r"(?:streichen|loeschen|entfernen|sperren) sie (?:\w+ )?meine (?:\w+ )?(?:nummer|daten|"
    r"telefonnummer)|nehmen sie mich (?:\w+ ){0,3}(?:aus|von) (?:\w+ ){0,2}(?:liste|verteiler|"
    r"kartei|datei|datenbank)|robinson ?liste|sperrliste|(?:aus|von) ihrer liste|"
    r"keine anrufe mehr|"
    r"(?:dont|do not|never) (?:ever )?call (?:me|us|here|this number) again|"
    r"stop calling (?:me|us|here)|remove my number|do not call list|dont call list|"
    r"take (?:me|my number) off (?:your|the|this) (?:\w+ )?list)\b"
)
_CALL_BACK = re.compile(
    r"\b(?:zurueckrufen|(?:rufen|ruf) (?:\w+ ){0,6}zurueck|rueckrufnummer|"
    r"(?:rufen|ruf) sie (?:\w+ ){0,4}(?:spaeter|morgen|nochmal|noch mal|wieder|"
    r"ein andermal|ein anderes mal)\b|(?:spaeter|morgen|nochmal|noch mal|andermal|"
    r"anderes mal) (?:\w+ ){0,2}(?:an(?:rufen)?|probieren|versuchen|melden)\b|"
    r"(?:koennen|koennten|wuerden) sie (?:\w+ ){0,6}(?:wieder|nochmal|noch mal) anrufen\b|"
    r"(?:probieren|versuchen) sie (?:\w+ ){0,4}(?:nochmal|noch mal|spaeter|wieder|morgen)\b|"
    r"call (?:me )?back|another time|call later|try (?:me )?(?:again )?later|"
    r"(?:geht|passt|ginge|waere) (?:das|es) (?:\w+ ){0,2}(?:naechste \w+|naechsten \w+|"
    r"spaeter|morgen|uebermorgen|heute abend|am wochenende|ein andermal)|"
    r"(?:can|could) (?:we|you) do (?:this|it) (?:\w+ ){0,2}(?:later|tomorrow|next \w+))"
)


def never_again(text: str) -> bool:
    """ "Rufen Sie hier nie wieder an", "streichen Sie meine Nummer": do not call again."""
    return bool(_NEVER_AGAIN.search(fold(text.replace("'", "").replace("’", ""))))


def wants_data_deleted(text: str) -> bool:
    """ "Löschen Sie bitte meine Antworten", "ich möchte nicht, dass meine Daten gespeichert
    werden", "Ich widerspreche der Verarbeitung meiner Daten", "Widerspruch!": the answers are
    to go, and the number with them."""
    folded = fold(text.replace("'", "").replace("’", ""))
    return bool(_DELETE_DATA.search(folded) or _OBJECTION_ALONE.match(folded))


_DELETE_DATA = re.compile(  # asked for (an imperative, a wish), not asked about or told of
    r"\b(?:(?:loeschen|entfernen|vernichten) sie (?:\w+ ){0,2}(?:meine|die) (?:\w+ )?"
    r"(?:antworten|angaben|daten)|(?:ich|wir) (?:moechte|moechten|will|wollen|wuerde) "
    r"(?:\w+ ){0,4}(?:daten|antworten|angaben) (?:\w+ ){0,3}(?:geloescht|loeschen)|"
    r"(?:ich|wir) (?:moechte|moechten|will|wollen) nicht dass (?:\w+ ){0,3}"
    r"(?:daten|antworten|angaben) (?:\w+ ){0,2}(?:gespeichert|verwendet|weitergegeben)|"
    r"(?:please )?delete my (?:answers|data|details)|(?:i|we) (?:dont|do not) want (?:you )?"
    r"(?:to )?(?:store|keep|save|use) my (?:answers|data|details)|"
    # a GDPR objection ("Ich widerspreche der Verarbeitung meiner Daten", "Widerspruch gegen
    # die Speicherung"; not "ich widerspreche der Preiserhöhung", a comment)
    r"(?:widerspreche|widersprechen|widerspruch)\b(?: \w+){0,4} (?:der |die |einer )?"
    r"(?:\w+ )?(?:verarbeitung|speicherung|nutzung|verwendung|weitergabe|daten\w*)|"
    r"(?:verarbeitung|speicherung|nutzung|verwendung|weitergabe)\b(?: \w+){0,4} "
    r"(?:widerspreche|widersprechen) (?:ich|wir)|(?:i|we) object to (?:the )?(?:\w+ )?"
    r"(?:processing|storage|use) of my)\b"
)
_OBJECTION_ALONE = re.compile(r"^(?:ich )?(?:lege |erhebe )?widerspruch(?: ein)?$")


def agrees_after_all(text: str) -> bool:
    """Consent in the turn's last clause ("Ich hab nicht viel Zeit, aber okay.", "Wenn's nicht
    länger als zwei Minuten dauert, gern.", "Gut, fragen Sie.", "Na los."): it holds only words
    of agreeing, and a "nein" before it is followed by "aber" ("Nein danke, gut." is no)."""
    plain = text.replace("'", "").replace("’", "")
    if plain.rstrip().endswith("?") or says_goodbye(text):  # "…, ein andermal, okay?"
        return False
    said = re.split(r"[,.;!?]+|\b(?=aber\b|but\b)", plain)
    clauses = [fold(c).split() for c in said if fold(c).split()]
    if clauses and _agreeing(clauses[0]) and _HURRY.search(fold(plain)):
        return True  # "Na schön, aber ich hab nicht viel Zeit."
    if _agrees_hurrying(fold(plain).split()):
        return True  # "jaja machen Sie schnell ich hab nicht viel Zeit" (Whisper wrote no comma)
    last = " ".join(clauses[-1]) if clauses else ""
    if any(says_phrase(last, p) for p in NO_NEED_PHRASES):  # "Danke, schon gut." (not "Ja,
        return False  # schon gut, legen Sie los.")
    run = len(clauses)  # the agreeing clauses that end the turn
    while run > 0 and _agreeing(clauses[run - 1]):
        run -= 1
    if run == len(clauses):
        return False
    earlier = [w for c in clauses[:run] for w in c]
    after_but = clauses[run][0] in ("aber", "but")  # "nicht viel Zeit, aber okay"
    conditional = bool(earlier) and earlier[0] in ("wenn", "wenns", "if", "solange")
    return after_but or conditional or not set(earlier) & _REFUSING


def _agrees_hurrying(words: list[str]) -> bool:
    """Words of agreeing that hurry ("jaja, machen Sie schnell"), then only that there is
    little time ("ich hab nicht viel Zeit"): consent."""
    run = 0
    while run < len(words) and words[run] in _AGREEING:
        run += 1
    agreed = words[:run]
    if not (set(agreed) & _AGREE_CORE and set(agreed) & {"schnell", "fix", "kurz", "los"}):
        return False
    return bool(_LITTLE_TIME.fullmatch(" ".join(words[run:])))


_LITTLE_TIME = re.compile(
    r"(?:ich |wir )?(?:hab|habe|haben) (?:aber |eh |echt |wirklich )?(?:nicht viel|wenig|kaum|"
    r"nur wenig|nur kurz|nicht lange) zeit"
)
_HURRY = re.compile(
    r"\baber\b.*\b(?:nicht viel zeit|wenig zeit|kaum zeit|nur kurz|schnell|beeilen|"
    r"not much time|quickly|be quick)\b"
)


def opening_agrees(text: str) -> bool:
    """The turn opens with consent ("Na gut, was wollen Sie wissen?", "Gerne, was möchten Sie
    wissen?"): a question after it does not take the consent back."""
    said = re.split(r"[,.;!?]+", text.replace("'", "").replace("’", ""))
    first = fold(said[0]).split() if said else []
    return len(said) > 1 and _agreeing(first)


def _agreeing(words: list[str]) -> bool:
    kept = [w for w in words if w not in ("aber", "but")]
    if " ".join(kept) in ("wenn es sein muss", "wenns sein muss", "wenns denn sein muss"):
        return True
    return bool(kept) and set(kept) <= _AGREEING and bool(set(kept) & _AGREE_CORE)


_REFUSING = frozenset(("nein", "nee", "no", "nope", "noe", "nicht", "kein", "keine", "keinen",
                       "not", "never", "nie", "andermal", "sorry"))  # fmt: skip
_AGREE_CORE = frozenset((
    "ja", "jaja", "jo", "ok", "okay", "gut", "gern", "gerne", "klar", "meinetwegen", "los",
    "fragen", "schoen", "machen", "sure", "yes", "yeah", "fine", "alright", "go", "ahead",
    "shoot", "away",
))  # fmt: skip
_AGREEING = _AGREE_CORE | frozenset((
    "na", "dann", "also", "mal", "ruhig", "doch", "schon", "sie", "wir", "legen", "schiessen",
    "von", "mir", "aus", "ganz", "kurz", "bitte", "then", "schnell", "fix",  # "machen Sie
    # schnell"
    "fire", "ask", "away", "please", "um", "aeh", "aehm", "halt", "eben",
))  # fmt: skip


# Another time named as better ("Am Wochenende passt es besser", "heute Abend wäre besser",
# "nach dem Essen ginge es"): its "passt" is no yes to now
_LATER_TIME = re.compile(
    r"\b(?:morgen|uebermorgen|spaeter|nachher|abend|abends|heute abend|nachmittag|nachmittags|"
    r"vormittag|vormittags|mittag|wochenende|naechste woche|naechsten woche|montag|dienstag|"
    r"mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag|\d{1,2} uhr|\w+ uhr|"
    r"nach dem (?:essen|mittagessen|abendessen|fruehstueck|feierabend|urlaub)|"
    r"in (?:einer|zwei|drei|ein paar|zehn|zwanzig|dreissig|einer halben) (?:stunde|stunden|"
    r"minuten|tagen|tag|woche|wochen)|tomorrow|later|tonight|this evening|next week|weekend)\b"
)
_BETTER = re.compile(
    r"\b(?:(?:passt|passen|waere|waer|ist|geht|ginge|passte)(?: (?:es|das|mir|uns|ihnen|bei|"
    r"eher|viel|deutlich|auch))* (?:besser|lieber|guenstiger)|(?:would be|is|suits me) better|"
    r"better for me)\b"
)


# Now is bad ("gerade ganz schlecht", "jetzt passt es nicht", "im Moment ungünstig"): with a
# later time named, a call back ("… in einer Stunde gerne": its "gerne" is no yes to now)
_NOT_NOW = re.compile(
    r"\b(?:gerade|jetzt|im moment|momentan|grad|grade)(?: \w+){0,3} (?:schlecht|unguenstig|"
    r"nicht|keine zeit|beschaeftigt|busy)\b|\b(?:passt|geht) (?:\w+ )?(?:gerade|jetzt|grad) "
    r"(?:\w+ )?nicht\b|\bnot (?:now|a good time)\b|\bbad time\b"
)


def call_back(text: str) -> bool:
    """ "Rufen Sie mich in einer Stunde zurück", "call me back tomorrow", "am Wochenende passt
    es besser", "gerade ganz schlecht, in einer Stunde gerne": another time."""
    folded = fold(text)
    later = _LATER_TIME.search(folded)
    named = bool(later and (_BETTER.search(folded) or _NOT_NOW.search(folded)))
    return not never_again(text) and (named or bool(_CALL_BACK.search(folded)))


def question_keys(prompt: str) -> frozenset[str]:
    """The long words of a yes/no question that name what it asks ("Würden Sie ihn
    weiterempfehlen?": weiterempfehlen)."""
    return frozenset(w for w in fold(prompt).split() if len(w) >= 8)


def names_key(text: str, keys: frozenset[str]) -> bool:
    """The words name one of the question's keys, whole or in part ("empfehlen" for
    "weiterempfehlen"; not "weiter" alone)."""
    return any(
        len(w) >= 7 and any(w[:8] == k[:8] or w[:6] in k for k in keys) for w in fold(text).split()
    )


def echoes_yes(clause: str, keys: frozenset[str]) -> bool:
    """The answer says the question's own word as a plain statement ("Ich würde ihn schon
    weiterempfehlen", "weiterempfehlen würde ich ihn auf jeden Fall"): a yes. Not when negated
    ("nicht", "keinem"), hedged ("vielleicht", "wenn …", "weiß nicht") or asked back."""
    if "?" in clause:
        return False
    words = fold(clause).split()
    if not names_key(clause, keys):
        return False
    if _NOT_PLAIN & set(words) or any(w.startswith("kein") for w in words):
        return False
    return bool(_AFFIRMING & set(words))  # said as a statement, not the word alone


def echoes_no(clause: str, keys: frozenset[str]) -> bool:
    """The answer says the question's own word negated ("empfehlen würde ich die keinem",
    "weiterempfehlen eher nicht" is hedged: no answer)."""
    if "?" in clause or not names_key(clause, keys):
        return False
    words = set(fold(clause).split())
    return bool(words & _NEGATING) and not words & _HEDGING


_AFFIRMING = frozenset((
    "wuerde", "wuerd", "werde", "werd", "kann", "koennte", "tu", "tue", "mach", "mache",
    "schon", "gerne", "gern", "sicher", "bestimmt", "definitiv", "absolut", "klar", "jeden",
    "auch", "immer", "jederzeit", "sofort", "would", "will", "definitely", "sure", "certainly",
    "absolutely", "already", "do",
))  # fmt: skip


_NOT_PLAIN = frozenset((
    "nicht", "nie", "niemals", "niemandem", "niemand", "kaum", "vielleicht", "eventuell",
    "wahrscheinlich", "weiss", "wenn", "falls", "bedingt", "eher", "nur", "ob", "unter", "je",
    "weniger", "hoechstens", "mal", "sehen", "schwer", "sagen", "bisschen", "teilweise", "naja",
    "drauf", "kommt", "nein", "nee", "noe", "not", "never", "maybe", "perhaps", "if", "ungern",
    "ungerne", "schwerlich", "wenig", "lieber", "feind", "feinde", "aergsten", "probably",
    "dont", "wouldnt", "no",
))  # fmt: skip
_NEGATING = frozenset(("nicht", "nie", "niemals", "niemandem", "keinem", "keinen", "never"))
# What makes a negated answer unsure ("eher nicht", "weiß nicht"): the words that are no plain
# answer, but for those of negating
_HEDGING = _NOT_PLAIN - {
    "nicht", "nie", "niemals", "niemandem", "never", "not", "no", "nein", "nee", "noe"
}  # fmt: skip


_HEDGE = re.compile(
    r"\b(?:vielleicht|eventuell|kommt (?:\w+ )?(?:drauf|darauf) an|je nachdem|jein|teils teils|"
    r"mal sehen|mal schauen|unter umstaenden|moeglicherweise|kann sein|schwer zu sagen|"
    r"bedingt|maybe|perhaps|it depends|depends)\b"
)


def hedges(text: str) -> bool:
    """ "Vielleicht, kommt drauf an wem.", "je nachdem": a yes/no question answered, unsure
    (no comment said one question early)."""
    return bool(_HEDGE.search(fold(text)))


_WH = frozenset((
    "wer", "was", "warum", "wieso", "weshalb", "weswegen", "wozu", "woher", "wo", "wie",
    "welche", "welcher", "welches", "who", "what", "why", "where", "how", "which",
))  # fmt: skip


def wh_question(text: str) -> bool:
    """A question for information among the first words ("Moment, warum rufen Sie mich an?"),
    not a request put as a question ("Können Sie mich bitte in Ruhe lassen?")."""
    return bool(_WH & set(fold(text).split()[:3]))


def annoyed_by_calls(text: str) -> bool:
    """ "Wie oft wollen Sie mich denn noch anrufen?": no question for information but
    annoyance at being called (answered like a refusal, not with the introduction)."""
    folded = fold(text)
    calls = any(w.startswith(("anruf", "angeruf", "call")) for w in folded.split())
    return calls and bool(
        {"oft", "wieder", "staendig", "dauernd", "often", "again"} & set(folded.split())
    )


def unsubscribed_before(text: str) -> bool:
    """ "Ich hab mich doch abgemeldet!" at the consent question: an opt-out given before (said
    in a comment, "Ich hab mich bei denen vom Newsletter abgemeldet" is about the provider)."""
    return bool(re.search(r"\b(?:hab|habe|hatte) mich (?:\w+ ){0,2}abgemeldet\b", fold(text)))
