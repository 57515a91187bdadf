"""Slot extractors for recogniser text: numbers, postcode, product, batch code, yes/no, rating.

Every extractor returns None when unsure: the dialog asks again rather than guessing.
Dates live in `voicebot.nlu.dates`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from voicebot.nlu.normalize import fold, strip_punctuation
from voicebot.nlu.numbers import digit_runs, spoken_digits


def digits_spoken(text: str, language: str) -> str:
    """Every digit in `text`, written or spoken ("vier null acht" -> "408"), in order."""
    return re.sub(r"\D", "", spoken_digits(text, language))


def extract_digits(text: str, language: str, length: int | None) -> str | None:
    """A number of exactly `length` digits said in any grouping, or None (None: any length).
    Other numbers in the sentence are no part of it: "ich ziehe nach 10115, Kundennummer
    40817279" has the postcode 10115; of several such numbers the last one counts ("40817235,
    nein, 40817253")."""
    digits = digits_spoken(text, language)
    if length is not None:
        digits = said_once(digits, length)  # ("zwei null null neun fünf zwei null null …")
    if not digits or length is None or len(digits) == length:
        return digits or None
    exact = [run for run in digit_runs(text, language) if len(run) == length]
    if not exact:  # "Invalidenstraße 12, 10115": the comma parts (a number said in groups
        pieces = re.split(r"[,;]", text)  # with commas is one run: "4081, 7253")
        exact = [r for piece in pieces for r in digit_runs(piece, language) if len(r) == length]
    return exact[-1] if exact else None


def said_once(digits: str, length: int) -> str:
    """Digits said twice in a row (a caller repeating a number, or the recogniser writing a
    phrase twice: "vier null acht … fünf drei vier null acht … fünf drei") as said once, when
    twice `length` long; else as they are."""
    if length and len(digits) == 2 * length and digits[:length] == digits[length:]:
        return digits[:length]
    return digits


def extract_postcode(text: str, language: str) -> str | None:
    """A German 5-digit postcode ("zwei null null neun fünf", "20095")."""
    return extract_digits(text, language, 5)


# Spelled letters as callers say them: letter names and the German spelling alphabet.
_LETTER_WORDS = {
    "be": "b", "ce": "c", "ze": "c", "de": "d", "ef": "f", "ge": "g", "ha": "h", "jot": "j",
    "ka": "k", "el": "l", "ell": "l", "em": "m", "en": "n", "pe": "p", "ku": "q", "er": "r",
    "eff": "f", "emm": "m", "enn": "n", "ess": "s",
    "es": "s", "te": "t", "vau": "v", "we": "w", "ix": "x", "ypsilon": "y", "zet": "z",
    "anton": "a", "berta": "b", "caesar": "c", "dora": "d", "emil": "e", "friedrich": "f",
    "gustav": "g", "heinrich": "h", "ida": "i", "julius": "j", "kaufmann": "k", "ludwig": "l",
    "martha": "m", "nordpol": "n", "otto": "o", "paula": "p", "quelle": "q", "richard": "r",
    "samuel": "s", "siegfried": "s", "theodor": "t", "ulrich": "u", "viktor": "v",
    "wilhelm": "w", "xanthippe": "x", "zacharias": "z", "zeppelin": "z",
}  # fmt: skip
_BATCH_STOP = {"charge", "chargennummer", "los", "losnummer", "nummer", "batch", "lot", "code"}


def _code_piece(word: str, language: str) -> str | None:
    """A word as part of a batch code: a letter, digits, or an alphanumeric chunk."""
    if len(word) == 1 and word.isalnum():
        return word.upper()
    if word in _LETTER_WORDS:
        return _LETTER_WORDS[word].upper()
    if re.fullmatch(r"[a-z]{0,3}\d[a-z0-9]*", word):
        return word.upper()
    digits = digits_spoken(word, language)
    return digits or None


_DATE = re.compile(  # "12.05.2026", "Mai 2027", "haltbar bis 2027": a best-before date
    r"\b\d{1,2}\.\s?\d{1,2}\.(?:\s?\d{2,4})?|"
    r"\b(?:januar|februar|m(?:ae|ä)rz|april|mai|juni|juli|august|september|oktober|november|"
    r"dezember|january|february|march|may|june|july|october|december)\s+\d{2,4}\b|"
    r"\b(?:bis|mhd|ablaufdatum|until|expiry)\s+(?:zum\s+|ende\s+|end\s+of\s+)?(?:19|20)\d\d\b|"
    # written with spaces, as Whisper often does: "haltbar bis 12 03 2026", "MHD 12 3 26"
    r"\b(?:bis|mhd|datum|ablaufdatum|before|until|expiry|use by)\s+(?:zum\s+)?"
    r"\d{1,2}[\s./-]+\d{1,2}(?:[\s./-]+\d{2,4})?\b|"
    r"\b\d{1,2}[\s/-]+\d{1,2}[\s/-]+(?:19|20)\d\d\b",  # "12 03 2026" said alone
    re.IGNORECASE,
)
# "doppel null", "zweimal sieben", "double seven": the next piece said twice (or three times)
_REPEATED = {"doppel": 2, "doppelt": 2, "zweimal": 2, "double": 2, "dreimal": 3, "dreifach": 3,
             "triple": 3}  # fmt: skip
_PRICE = re.compile(r"\b\d+,\d{2}\b|\b\d+\s*(?:euro|eur|cent|€)", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d\d")
_DASHES = {"strich", "bindestrich", "minus", "dash", "hyphen", "schraegstrich", "slash"}
_BATCH_FILLER = {"dann", "danach", "und", "noch", "am", "ende", "zum", "schluss", "hinten", "then",
                 "and", "at", "the", "end", "finally"}  # fmt: skip
_ARTICLES = {"ein", "eine", "a", "an"}


def extract_batch(text: str, language: str) -> str | None:
    """A batch code spelled out ("L zwei drei vier fünf B" -> "L2345B"): 3-12 chars, a digit.
    A code with letters wins over bare digits, and a date is never one ("L 2 3 4 5 B,
    mindestens haltbar bis 12.05.2026" -> "L2345B")."""
    words = fold(strip_punctuation(_PRICE.sub(" . ", _DATE.sub(" . ", text)))).split()
    best = ""
    run: list[str] = []
    said = [*words, "."]
    times = 1
    for at, word in enumerate(said):
        if word in _DASHES and run:  # "L Strich 3 4 5 6 Strich B": the dashes are no break
            continue
        if word in _REPEATED and _code_piece(said[at + 1], language) is not None:
            times = _REPEATED[word]  # "L doppel null sieben vier" -> "L0074"
            continue
        if run and word in _BATCH_FILLER:  # "L, dann sieben, drei, eins, neun, und am Ende ein
            continue  # C": words between the pieces
        if run and word in _ARTICLES and len(said[at + 1]) == 1 and said[at + 1].isalpha():
            continue  # ("ein C": the letter's article, not a one)
        piece = None if word in _BATCH_STOP else _code_piece(word, language)
        if piece is not None:
            run.append(piece * times)
            times = 1
            continue
        code = "".join(run)
        if _YEAR.fullmatch(code):  # "Nein, 2027": a year, no code
            code = ""
        if any(c.isdigit() for c in code) and _rank(code) > _rank(best):
            best = code
        run = []
    return best if 3 <= len(best) <= 12 else None


def _rank(code: str) -> tuple[bool, int]:
    return (any(c.isalpha() for c in code), len(code))


# Words that never name a product: articles, pronouns, particles, fillers, question words and
# common verbs (German and English). "Was kostet das denn?" names none; "denn" is no product.
_FUNCTION_WORDS = """
der die das dem den des ein eine einen einem einer eines kein keine keinen keinem keiner
ich du er sie es wir ihr ihm ihn ihnen mich mir dich dir uns euch sich man mein meine meinen
meinem meiner dein deine ihre ihren ihrem ihrer unser unsere unseren unserem euer eure sein
seine seinen was wer wen wem wie wo wann warum wieso weshalb woher wohin welche welcher
welches welchen welchem denn doch mal eigentlich auch noch schon nur bitte danke etwa etwas
dann also aber oder und sondern wenn weil ob dass als mit ohne fuer von vom zum zur bei beim
aus nach seit ueber unter vor hinter neben zwischen gegen durch um an am im in ins auf hier da
dort dies diese dieser dieses diesen jetzt heute gestern morgen sehr ganz gar so ja nein nicht
nichts viel viele vielen wirklich gerade genau immer wieder einfach vielleicht irgendwie
irgendwas sowas halt eben wohl ist sind war waren hat haben habe hatte hatten wird werden
kann koennen kannst konnte muss muessen darf duerfen moechte moechten will wollen wuerde
wuerden waere sein gibt gibts geht gehen gesagt sagen sage sagt weiss wissen frage fragen
fragte gerne gern okay produkt produkte artikel sache sachen ding dinge zeug teil hallo
guten tag aeh aehm hmm aha naja tja klar prima super toll
hab hast habt per pro je kriegt kriege kriegen bekommt bekomme bekommen kaufen kaufe kauft
gekauft verkauft verkaufen vergessen
the a an this that these those it its i you he she we they me my your our their what who
how where when why which there here is are was were be been do does did have has had can
could would should will shall may might must please thanks thank yes no not some any about
with without from into onto for of to in on at by really actually just also still then
well okay product products item thing stuff hello
"""
FUNCTION_WORDS = frozenset(_FUNCTION_WORDS.split())
NEAR_PRODUCT = 70.0  # 0-100: heard words this close to one of ours are a misheard product


@dataclass(frozen=True, slots=True)
class ProductMatch:
    """A catalog product a caller named: `heard` is the phrase, `score` 0-100 (rapidfuzz)."""

    product_id: str
    name: str
    heard: str
    score: float


class ProductCatalog:
    """Fuzzy lookup of catalog products by name and aliases; no match below `min_score`."""

    def __init__(
        self,
        rows: Sequence[Mapping[str, str]],
        brand: str = "",
        min_score: float = 84,
        not_heads: Iterable[str] = (),
    ) -> None:
        self.min_score = min_score
        self._not_heads = {fold(w) for w in not_heads}  # words never matched as a name's end
        self._names: list[tuple[str, str, str]] = []  # (folded squeezed name, product_id, name)
        self._spoken: list[tuple[str, str, str]] = []  # (words as said, product_id, name)
        brand_words = set(fold(brand).split())
        for row in rows:
            names = [row["name"], *row.get("aliases", "").split("|")]
            for name in filter(None, (n.strip() for n in names)):
                words = [w for w in fold(strip_punctuation(name)).split() if w not in brand_words]
                self._names.append(("".join(words), row["product_id"], row["name"]))
                self._spoken.append((" ".join(words), row["product_id"], row["name"]))
        self._short_names = {squeezed for squeezed, _, _ in self._names if len(squeezed) < 4}

    def match(self, text: str) -> ProductMatch | None:
        """The best product named in `text` (any 1-4 word span), or None when none is close.
        A span holding the best one and more content words, itself close to another product's
        name or to a misheard one's, wins: the recogniser splits and misspells compounds ("Nugat
        Creme" is the Nougatcreme, not the Handcreme's alias "Creme"; "Kese Spetzle" names the
        Käsespätzle as a whole; "Tomatensoße bio" stays "Tomatensoße")."""
        words = fold(strip_punctuation(text)).split()
        found: list[tuple[tuple[float, int], int, int, ProductMatch]] = []
        for size in range(1, 5):
            for start in range(len(words) - size + 1):
                span = words[start : start + size]
                candidate = "".join(span)
                if len(candidate) < 4 and candidate not in self._short_names:
                    continue  # fuzzy on 3 letters matches anything; "Tee" itself is a name
                for squeezed, product_id, name in self._names:
                    score = fuzz.ratio(candidate, squeezed)
                    if score >= self.min_score:  # equal scores: the longer phrase wins
                        match = ProductMatch(product_id, name, " ".join(span), score)
                        found.append(((score, len(candidate)), start, start + size, match))
        if not found:
            return self._head_noun_match(words)
        _, start, end, best = max(found, key=lambda f: f[0])
        wider = [f for f in found if f[1] <= start and f[2] >= end and f[2] - f[1] > end - start
                 and (best.score < 100 or f[3].product_id != best.product_id)
                 and not FUNCTION_WORDS & {*words[f[1] : start], *words[end : f[2]]}]  # fmt: skip
        return max(wider, key=lambda f: f[0])[3] if wider else best

    def resembles(self, heard: str) -> bool:
        """Whether `heard` looks or sounds like one of our products ("Affirmüß" ~ "Hafermilch"):
        then it was misheard rather than a product we do not sell, and the bot asks again."""
        from voicebot.asr.expect_shortlist import phrase_similarity

        return any(
            phrase_similarity(heard, name) >= NEAR_PRODUCT and _starts_alike(heard, name)
            for name in self.spoken_names
        )

    def squeezed_names(self, product_id: str) -> list[str]:
        """A product's name and aliases, folded and squeezed ("erdbeermarmelade"; no brand)."""
        return [squeezed for squeezed, pid, _ in self._names if pid == product_id]

    @property
    def spoken_names(self) -> list[str]:
        """Every name and alias as said (brand left out)."""
        return [name for name, _, _ in self._spoken]

    def _head_noun_match(self, words: list[str]) -> ProductMatch | None:
        """ "das Brot" names the one product whose name ends in "brot" (German compounds)."""
        for word in words:
            if len(word) < 4 or word in self._not_heads:
                continue
            owners = {(pid, name) for squeezed, pid, name in self._names if squeezed.endswith(word)}
            if len(owners) == 1:
                product_id, name = owners.pop()
                return ProductMatch(product_id, name, word, 80.0)
        for word in words:  # "Tiefkühlbrezeln": a compound ending in one product's name or alias
            owners = {(pid, name) for squeezed, pid, name in self._names
                      if len(squeezed) >= 5 and len(word) > len(squeezed)
                      and word.endswith(squeezed)}  # fmt: skip
            if len(owners) == 1:
                product_id, name = owners.pop()
                return ProductMatch(product_id, name, word, 80.0)
        for word in words:  # "die Brezn" (Bavarian -n for -el/-en): only an exact name or alias
            owners = {(pid, name) for squeezed, pid, name in self._names
                      if squeezed in _dialect_forms(word)}  # fmt: skip
            if len(owners) == 1:
                product_id, name = owners.pop()
                return ProductMatch(product_id, name, word, 80.0)
        for word in words:  # "das Marmeladenglas", "die Zahnpastatube": a product and its pack
            owners = {(pid, name) for squeezed, pid, name in self._names
                      if squeezed in _without_pack(word)}  # fmt: skip
            if len(owners) == 1:
                product_id, name = owners.pop()
                return ProductMatch(product_id, name, word, 80.0)
        return None


_PACKS = ("glas", "glaeser", "tube", "tuben", "flasche", "flaschen", "packung", "packungen",
          "dose", "dosen", "becher", "tuete", "tueten", "karton", "schachtel", "tetrapack",
          "tetrapak", "packerl")  # fmt: skip


def _dialect_forms(word: str) -> set[str]:
    """Standard forms of a southern -n ending ("brezn" -> "brezel", "brezeln", "brezen");
    empty for a word that does not end so."""
    if len(word) < 5 or not word.endswith("n") or word[-2] in "aeiouln":
        return set()
    stem = word[:-1]
    return {stem + "el", stem + "eln", stem + "en"}


def _without_pack(word: str) -> set[str]:
    """The product a compound names before its pack ("marmeladenglas" -> "marmelade",
    "marmeladen"), with and without the joining -n/-s/-en; empty when no pack ends it."""
    for pack in _PACKS:
        stem = word.removesuffix(pack)
        if stem != word and len(stem) >= 4:
            return {stem, stem.removesuffix("n"), stem.removesuffix("s"), stem.removesuffix("en")}
    return set()


_YES = {
    "de": ("ja", "jawohl", "jo", "jap", "jep", "klar", "na klar", "natürlich", "gerne", "gern",
           "sicher", "genau", "richtig", "stimmt", "korrekt", "okay", "ok", "einverstanden",
           "auf jeden fall", "selbstverständlich", "passt", "doch", "machen wir", "warum nicht",
           "in ordnung", "logo", "freilich", "sehr gerne", "unbedingt", "absolut", "schon",
           "denke schon", "glaube schon", "eher ja", "bestimmt", "definitiv", "joa", "jau",
           "na gut", "meinetwegen", "von mir aus", "wenns schnell geht", "wenn es schnell geht",
           "aber schnell", "aber kurz", "jaja", "jajaja", "schiessen sie los", "legen sie los",
           "fangen sie an", "nur zu", "gerne doch", "bitte schnell", "bitte kurz", "mhm",
           "mhmm", "mm hmm"),
    "en": ("yes", "yeah", "yep", "yup", "sure", "of course", "certainly", "absolutely",
           "correct", "right", "that's right", "ok", "okay", "fine", "please do", "definitely",
           "go ahead", "sounds good", "why not", "i would", "i do", "indeed", "i think so",
           "i guess so", "i suppose so", "i would say so", "mhm", "mhmm", "mm hmm", "mmhmm",
           "uh huh", "mm hm"),
}  # fmt: skip
_NO = {
    "de": ("nein", "nee", "ne", "nö", "noe", "nicht", "eher nicht", "lieber nicht",
           "keine zeit", "kein interesse", "keine lust", "auf keinen fall", "lass mal",
           "niemals", "besser nicht", "falsch", "nie", "keinesfalls", "auf gar keinen fall",
           "gar keinen fall"),
    "en": ("no", "nope", "nah", "not", "not really", "no thanks", "don't", "dont", "do not",
           "never", "not at all", "rather not", "wrong", "incorrect", "i wouldn't", "wouldn't",
           "isn't", "not now"),
}  # fmt: skip
# "Abends sollte das Netz nicht mehr so langsam sein" (a comment, said where a yes/no was
# asked) is no "no": a bare negation counts in short answers only ("würde ich nicht", "I'd
# rather not"); "nein", "eher nicht", "auf keinen Fall" count in any sentence
_BARE_NEGATION = frozenset(("nicht", "nie", "not", "never", "dont", "do not"))
LONG_ANSWER_WORDS = 6
# "I don't know" is no "no" (it holds "nicht"/"don't"): the caller is asked again
_UNSURE = (
    "weiss nicht", "weiss es nicht", "weiss ich nicht", "weiss ich noch nicht",
    "weiss noch nicht", "keine ahnung", "nicht sicher", "kann ich nicht sagen",
    "vielleicht", "mal sehen", "mal schauen", "dont know", "do not know", "not sure",
    "no idea", "no clue", "maybe", "perhaps", "cant say", "cannot say", "ja und nein", "jein",
    "yes and no", "teils teils",
)  # fmt: skip
_DOUBLE_NEGATIVE = (
    "warum nicht",
    "wieso nicht",
    "why not",
    "nicht schlecht",
    "not bad",
    "kein problem",
    "no problem",
    "keine frage",
    "nichts dagegen",
)


# "Yes, that's incorrect": how Whisper by telephone wrote "Yes, that is correct" (SPEECH_NOTES);
# a yes that calls itself wrong is asked again, never read as either (English only: "Ja, das
# ist falsch" to "Geht es um Ihre Rechnung?" agrees that the bill is wrong)
_FLIPPED = re.compile(
    r"^(?:yes|yeah) (?:thats|that is|its|it is) (?:incorrect|wrong|not correct|not right)$"
)


def flipped_yes(text: str) -> bool:
    """ "Yes, that's incorrect": a yes that calls itself wrong."""
    words = fold(strip_punctuation(text.replace("'", "").replace("’", "")))
    return bool(_FLIPPED.match(" ".join(words.split())))


def _contains(words: str, phrase: str) -> bool:
    return f" {fold(phrase)} " in f" {words} "


def extract_yes_no(text: str, language: str, question: str = "") -> bool | None:
    """True for yes ("na klar", "sure"), False for no ("eher nicht", "not really"), else None.
    `question`: the words asked; a long sentence negating one of them ("Ich würde ihn ehrlich
    gesagt nicht weiterempfehlen") is a no, though a bare "nicht" in a long one is not."""
    words = fold(strip_punctuation(text.replace("'", "").replace("’", "")))
    words = " ".join(words.split())
    if any(_contains(words, phrase) for phrase in _UNSURE) or _FLIPPED.match(words):
        return None
    for phrase in _DOUBLE_NEGATIVE:
        if _contains(words, phrase):
            return True
    languages = (language, "en" if language == "de" else "de")
    no_phrases = [p.replace("'", "") for lang in languages for p in _NO[lang]]
    yes_phrases = [p.replace("'", "") for lang in languages for p in _YES[lang]]
    said = [w for w in words.split() if w not in _COURTESY]  # "…, vielen Dank für Ihre Hilfe"
    long = len(said) > LONG_ANSWER_WORDS and not _shares_a_word(words, question)
    if long and any(_contains(words, p) for p in _BARE_NEGATION):
        # a bare "nicht" deep in a sentence may negate something else: only a plain answer
        # word counts, and a yes only where it opens the sentence ("ja, aber ... nicht ...")
        no_phrases = [p for p in no_phrases if p not in _BARE_NEGATION]
        yes_phrases = [p for p in yes_phrases if " " not in p and words.startswith(p + " ")]
    if not (words == "ne" or words.startswith("ne ")):
        no_phrases = [p for p in no_phrases if p != "ne"]  # "hab grad ne Minute": "eine"
    if len(words.split()) > 3:  # "das ist schon der dritte Anruf": no yes ("ja schon" is one);
        yes_phrases = [p for p in yes_phrases if p != "schon"]  # "doch" only opening or ending
        if not (words.startswith("doch ") or words.endswith(" doch")):  # the answer ("Das
            yes_phrases = [p for p in yes_phrases if p != "doch"]  # ist doch illegal!": none)
    said_no = [_last_at(words, p) for p in no_phrases if _contains(words, p)]
    said_yes = any(_contains(words, p) for p in yes_phrases)
    if said_no:  # a no wins, unless a plain yes ends the answer after more words ("nein,
        last = words.split()  # doch, ja", "nein, eigentlich schon"; not "nee, ja, passt")
        ends = last[-1] in _PLAIN_YES or " ".join(last[-2:]) in ("wuerde ich", "would i")
        corrected = ends and len(last) >= 3 and last[-2] not in _NO_WORDS
        return (corrected and _last_at(words, last[-1]) > max(said_no)) or False
    return True if said_yes else None


_PLAIN_YES = ("ja", "yes", "jawohl", "schon", "doch")
_COURTESY = frozenset((
    "vielen", "dank", "danke", "herzlichen", "fuer", "ihre", "hilfe", "bitte", "schoen", "thank",
    "thanks", "you", "for", "your", "help", "very", "much",
))  # fmt: skip
_NO_WORDS = frozenset(("nein", "nee", "ne", "no", "noe"))


def _shares_a_word(words: str, question: str) -> bool:
    """A content word of the question (first six letters) said in the answer."""
    asked = {w[:6] for w in fold(question).split() if len(w) >= 6 and w not in FUNCTION_WORDS}
    return bool(asked & {w[:6] for w in words.split() if len(w) >= 6})


def _last_at(words: str, phrase: str) -> int:
    """Where the phrase is said last (word boundaries), -1 if not at all."""
    return f" {words} ".rfind(f" {fold(phrase)} ")


_RATING = {"eins": 1, "zwei": 2, "zwo": 2, "drei": 3, "vier": 4, "fuenf": 5, "one": 1, "two": 2,
           "three": 3, "four": 4, "five": 5, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5,
           # spoken forms: "eine Fünfe", "'ne Vierer", "ein Einser"
           "einser": 1, "zweier": 2, "zwoer": 2, "dreier": 3, "dreie": 3, "vierer": 4,
           "viere": 4, "fuenfer": 5, "fuenfe": 5}  # fmt: skip
_SCALE = (
    re.compile(
        r"\b(?:von|from|between|zwischen) (?:eins|one|1) (?:bis|to|and|und) (?:fuenf|five|5)\b"
    ),
    re.compile(r"\b(?:von|out of|of|aus) (?:fuenf|five|5)\b"),
)
_VERBAL_RATING = (  # the first phrase found counts: negated and graded forms before the bare word
    ("gar nicht zufrieden", 1), ("ueberhaupt nicht zufrieden", 1), ("sehr unzufrieden", 1),
    ("total unzufrieden", 1), ("not at all satisfied", 1), ("not satisfied at all", 1),
    ("very dissatisfied", 1), ("very unhappy", 1), ("not happy at all", 1),
    ("nicht so zufrieden", 2), ("nicht sehr zufrieden", 2), ("nicht zufrieden", 2),
    ("eher unzufrieden", 2), ("unzufrieden", 2), ("not very satisfied", 2),
    ("not satisfied", 2), ("not very happy", 2), ("not happy", 2), ("dissatisfied", 2),
    ("unhappy", 2),
    ("geht so", 3), ("mittelmaessig", 3), ("mittel", 3), ("so lala", 3), ("okay", 3),
    ("average", 3), ("so so", 3),
    ("sehr zufrieden", 5), ("total zufrieden", 5), ("voll zufrieden", 5),
    ("super zufrieden", 5), ("absolut zufrieden", 5), ("vollkommen zufrieden", 5),
    ("very satisfied", 5), ("very happy", 5), ("excellent", 5),
    ("zufrieden", 4), ("satisfied", 4), ("happy", 4),
)  # fmt: skip
# Judgements in words ("sehr gut", "katastrophal"), graded and negated forms first: only in a
# short answer ("jetzt ist es gerade schlecht, rufen Sie später an" is no 2)
_JUDGEMENT_WORDS = 4
_JUDGEMENT = (
    ("sehr schlecht", 1), ("katastrophal", 1), ("miserabel", 1), ("furchtbar", 1),
    ("schrecklich", 1), ("mangelhaft", 1), ("ungenuegend", 1), ("very bad", 1), ("terrible", 1),
    ("awful", 1), ("nicht so gut", 2), ("nicht gut", 2), ("schlecht", 2), ("ausreichend", 2),
    ("not so good", 2), ("not good", 2), ("not great", 2), ("bad", 2), ("poor", 2),
    ("befriedigend", 3), ("sehr gut", 5), ("hervorragend", 5), ("ausgezeichnet", 5),
    ("super", 5), ("perfekt", 5), ("very good", 5), ("great", 5), ("ganz gut", 4), ("gut", 4),
    ("good", 4),
)  # fmt: skip


_SCHOOL_GRADE = {"note", "schulnote", "glatte", "glatt", "sternchen", "grade", "schule",
                 "zeugnis"}  # fmt: skip
# A number counting something ("Ich zahle 40 Euro", "ich hab 2 Anbieter"): no rating
_COUNTED = {"euro", "eur", "cent", "anbieter", "provider", "providers", "mbit", "mbits", "gb",
            "prozent", "percent", "leute", "personen", "people", "kinder", "mal", "times",
            "stunden", "hours", "minuten", "minutes", "uhr", "pounds", "dollar", "vertraege",
            "geraete", "router"}  # fmt: skip
_DURATION = {"jahr", "jahre", "jahren", "monat", "monate", "monaten", "wochen", "tage", "tagen",
             "year", "years", "months", "weeks", "days"}  # fmt: skip
_CORRECTION = {"nein", "doch", "lieber", "eher", "sorry", "quatsch", "korrektur", "no",
               "rather", "actually"}  # fmt: skip
_NEGATION = {"nicht", "nie", "kein", "keine", "not", "never", "no"}


def _judged_otherwise(words: str, rating: int) -> bool:
    """The number and the words say opposite things ("Ne Eins, also sehr gut": a school
    grade; "fünf, echt schlecht"): unclear, asked again."""
    judged = [value for phrase, value in _JUDGEMENT if _contains(words, phrase)]
    if not judged or _NEGATION & set(words.split()):
        return False
    return abs(judged[0] - rating) >= 3


def school_grade(text: str) -> bool:
    """ "Eine glatte Eins", "Note zwei": a school grade, where 1 is the best (not a rating)."""
    return bool(_SCHOOL_GRADE & set(fold(strip_punctuation(text)).split()))


_BETWEEN = frozenset(("zwischen", "bis", "oder", "between", "or", "to"))
_AND_A_HALF = re.compile(r"\b(eins|zwei|drei|vier|one|two|three|four)(?:einhalb| and a half)\b")


_DECIMAL_HALF = re.compile(r"(?<![\d,.])([1-4])[,.]5(?![\d,.]*\d)|\b(eins|zwei|drei|vier|one|two|"
                           r"three|four) (?:komma|point) (?:fuenf|five)\b")  # fmt: skip


def rating_range(text: str) -> tuple[int, int] | None:
    """Two neighbouring ratings said as a range ("zwischen zwei und drei", "drei bis vier",
    "so drei oder vier", "dreieinhalb", "3,5" as Whisper writes it): the two, lower first; None
    otherwise (one rating, a correction "drei, nein, vier", numbers far apart)."""
    decimal = _DECIMAL_HALF.search(fold(text))
    if decimal is not None:
        low = int(decimal.group(1)) if decimal.group(1) else _RATING[decimal.group(2)]
        return low, low + 1
    words = fold(strip_punctuation(text))
    for scale in _SCALE:
        words = scale.sub(" ", words)
    half = _AND_A_HALF.search(words)
    if half is not None:
        low = _RATING[half.group(1)]
        return low, low + 1
    tokens = words.split()
    if _CORRECTION & set(tokens) - {"eher", "rather"}:
        return None
    found = sorted({_RATING[w] for w in tokens if w in _RATING})
    if len(found) != 2 or found[1] - found[0] != 1 or not _BETWEEN & set(tokens):
        return None
    return found[0], found[1]


def _starts_alike(heard: str, name: str) -> bool:
    """The heard words are spelled much like the name ("Wüsli" ~ "Müsli"), or one begins with
    the sound of the name's first word: a recogniser hears the start of a word best
    ("Affirmüß" ~ "Hafermilch"; not "Salami" ~ "Brezeln", whose sound keys share their ends)."""
    from voicebot.asr.expect_shortlist import sound_key

    if fuzz.ratio(fold(heard).replace(" ", ""), fold(name).replace(" ", "")) >= NEAR_PRODUCT:
        return True
    first = sound_key(name.split()[0])[:1] if name.split() else ""
    return any(sound_key(word)[:1] == first for word in heard.split())


def extract_rating(text: str, language: str) -> int | None:
    """A rating 1-5 ("drei", "vier von fünf", "3", "sehr zufrieden"); None when unclear."""
    words = fold(strip_punctuation(text))
    for scale in _SCALE:  # "von eins bis fünf", "vier von fünf": the scale is not the answer
        words = scale.sub(" ", words)
    if school_grade(words):
        return None  # "eine glatte Eins", "Note zwei": a school grade (1 is best), ask again
    found: list[int] = []
    corrected = False  # "drei, nein, doch lieber vier": the number after the correction
    tokens = words.split()
    for index, word in enumerate(tokens):
        if tokens[index + 1 : index + 2] and tokens[index + 1] in _DURATION | _COUNTED:
            continue  # "seit 5 Jahren", "ich zahle 40 Euro": no rating
        if word in _RATING:
            if corrected:
                found, corrected = [], False
            found.append(_RATING[word])
        elif word.isdigit() and word not in _RATING:
            return None  # "sechs", "10": off the scale
        elif found and word in _CORRECTION:
            corrected = True
    if len(set(found)) == 1:
        return None if _judged_otherwise(words, found[0]) else found[0]
    if found:
        return None
    negated = bool(_NEGATION & set(words.split()))
    short = len(words.split()) <= _JUDGEMENT_WORDS
    for phrase, value in (*_VERBAL_RATING, *(_JUDGEMENT if short else ())):
        if _contains(words, phrase):
            # "zufrieden bin ich gar nicht", "nicht unzufrieden": a negation the phrase does
            # not hold turns it round in a way no table can read: unclear, asked again
            return None if negated and not _NEGATION & set(phrase.split()) else value
    return None
