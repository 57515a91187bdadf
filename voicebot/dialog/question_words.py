"""Whether and what a turn asks: a question (with or without "?"), a follow-up or a question
back, a figure, and the questions about the call itself: what the bot can do, whether it is a
machine, whether the line works, who answers, help, a call back, an answer in writing, an
earlier case."""

from __future__ import annotations

import re

from voicebot.dialog.agent_requests import _REAL_PERSON
from voicebot.dialog.words import ANSWER_WORDS, GREETING_WORDS, fold

# "Und was ist mit dem Müsli?": the same question about another product.
FOLLOW_UP = re.compile(
    r"^(?:(?:ja|ok|okay|gut|yes|yeah|danke|thanks)\s+)*"
    r"(?:und|was ist mit|wie ist es mit|wie ist das mit|wie sieht es mit|what about|how about"
    r"|and)\b"
)


def follows_up(text: str) -> bool:
    """The reply asks the same again about something else ("und die Handcreme?")."""
    return bool(FOLLOW_UP.match(fold(text)))


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


_LINE_CHECK = re.compile(
    r"\b(?:ist da (?:jemand|wer)|hoert mich (?:jemand|wer)|hoeren sie mich|hallo hallo|"
    r"is (?:any|some)(?:one|body) there|can (?:any|some)(?:one|body) hear me|can you hear me|"
    r"hello hello|is (?:this|the) (?:thing|line|phone) (?:working|on)|are you (?:still )?there|"
    r"sind sie (?:noch )?da|bist du (?:noch )?da)\b"
)


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
    said = fold(text)
    return bool(_ASKS_IF_MACHINE.search(said) or _ASKS_IF_MACHINE.search(_LEAD.sub("", said)))


# Greetings and "wer ist denn da" before the question ("hallo wer ist denn da bin ich mit einem
# Computer verbunden" was put through to a person at once)
_LEAD = re.compile(
    r"^(?:(?:hallo|hello|hi|ja|guten (?:tag|morgen|abend)|moin|aeh|aehm|also|aeh|aehm|aber) )*"
    r"(?:(?:wer ist (?:denn )?(?:da|dran)|who is (?:this|that|there)|whos (?:this|there)) )?"
)


def checks_line(text: str) -> bool:
    """ "Hallo, ist da jemand?", "can you hear me?": the caller checks the line (no request
    for a person: "ist da jemand Echtes?" is one)."""
    folded = fold(text)
    if not _LINE_CHECK.search(folded) or _REAL_PERSON.search(folded):
        return False
    rest = _LINE_CHECK.sub(" ", folded).split()  # nothing else said ("…, mein Internet geht
    return all(w in GREETING_WORDS or w in ANSWER_WORDS for w in rest)  # nicht": a concern)


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


def asks_for_callback(text: str) -> bool:
    """A call back asked for (see _CALLBACK)."""
    return bool(_CALLBACK.search(fold(text)))


def asks_for_help_only(text: str) -> bool:
    """Help asked for and nothing else (see _HELP_ONLY)."""
    return bool(_HELP_ONLY.match(fold(text)))


# "Is this Harbour Bank?", "Bin ich hier richtig bei Nordwelle?", "ist da die Sparkasse": who
# answers the call (the name asked about is the group)
_WHO_ANSWERS = re.compile(
    r"^(?:(?:hallo|hello|hi|ja|yes|guten tag|entschuldigung|sorry|aeh|um) )*"
    r"(?:(?:ich )?(?:hab|habe|haette) (?:da )?(?:mal )?(?:eine |ne )?(?:kurze )?frage )?"
    r"(?:is (?:this|that)|"
    r"am i (?:speaking to|talking to|through to)|have i (?:got|reached)|"
    r"ist (?:da|dort|hier|das(?: hier)?)|spreche ich mit|bin ich (?:hier |da )?(?:richtig )?bei|"
    r"sind sie(?: von)?)"
    r"(?: (?:die|der|das|den|the))?(?: (?:kundenservice|kundendienst|hotline|service|support|"
    r"stoerungsstelle|customer service) (?:von|vom|bei|der|of))? (?P<name>\w+(?: \w+)?)$"
)


def _asked_after_doubt(said: str) -> re.Match[str] | None:
    """The question asked after the caller doubts they dialled right ("ich glaub ich hab mich
    verwählt, oder bin ich hier bei Nordwelle": it was served as the new contract the
    classifier read)."""
    from voicebot.dialog.closing_words import dialled_wrong

    before, _, after = said.rpartition(" oder ")
    if not before or not (dialled_wrong(before) or _DOUBTS_LINE.search(before)):
        return None
    return _WHO_ANSWERS.match(after)


_DOUBTS_LINE = re.compile(
    r"\b(?:bin ich (?:hier |da )?(?:richtig|falsch)|am i (?:in the )?right)\b"
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
        found = _asked_after_doubt(fold(text))
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
