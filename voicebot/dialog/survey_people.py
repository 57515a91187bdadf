"""Who answers the survey's call: a child ("ich bin erst zwölf", "meine Mama ist nicht da"),
who is not asked, or someone telling that another member of the household is out ("mein Mann
ist nicht da"), who may answer the questions themself. Folded text (words.fold)."""

from __future__ import annotations

import re

_YOUNG = (  # the ages of a child, as Whisper writes them
    r"(?:[3-9]|1[0-7]|drei|vier|fuenf|sechs|sieben|acht|neun|zehn|elf|zwoelf|dreizehn|"
    r"vierzehn|fuenfzehn|sechzehn|siebzehn|three|four|five|six|seven|eight|nine|ten|eleven|"
    r"twelve|thirteen|fourteen|fifteen|sixteen|seventeen)"
)
_AGE = re.compile(  # "ich bin neun", "meine Mama ist nicht da" (at the consent question: "ich
    # bin vier" may rate, and a comment may tell of "meine Mama")
    rf"\bich bin (?:aber |doch |halt |gerade )*{_YOUNG}"
    r"(?= und\b| darf\b| ist\b| also\b| ich\b| mein\w*\b| unser\w*\b|$)|"
    r"\b(?:(?:meine|die) (?:mama|mami)|(?:mein|der) (?:papa|papi))\b|"
    r"\b(?:meine|unsere) eltern (?:sind|is)(?: \w+){0,2} (?:nicht da|nicht zu ?hause|nicht daheim|"
    r"weg|unterwegs|arbeiten|einkaufen)\b"  # ("ich bin vierzehn, meine Eltern sind nicht da")
)
_CHILD = re.compile(
    rf"\b(?:ich bin (?:aber |doch |halt |gerade )*(?:erst |noch |nur )+{_YOUNG}(?: jahre alt)?"
    r"(?= und\b| darf\b| jahre\b| ist\b| also\b| ich\b|$)|"
    rf"ich bin (?:\w+ )?{_YOUNG} (?:jahre|jahr) alt|"
    r"ich bin (?:\w+ )?(?:noch )?(?:ein kind|minderjaehrig|nicht volljaehrig|noch nicht "
    r"achtzehn|noch keine achtzehn|unter achtzehn)|"
    r"ich geh(?:e)? (?:noch )?(?:in die|zur) (?:grundschule|schule|\w+ klasse)|"
    rf"i m (?:only |just )?{_YOUNG}(?: years old)?$|i am (?:only |just )?{_YOUNG}(?: years old)?"
    r"(?= and|$)|i m (?:just )?a kid|i am (?:just )?a kid)\b"
)


def a_child_answers(folded: str, consent_asked: bool) -> bool:
    """ "Ich bin erst zwölf, darf ich da mitmachen?", "Meine Mama ist nicht da", "ich bin
    neun" (where consent is asked: "ich bin vier" may rate): a child is on the phone (not "ich
    bin 15 Minuten zu spät", "ich bin seit zehn Jahren Kunde")."""
    return bool(_CHILD.search(folded) or (consent_asked and _AGE.search(folded)))


_HOUSEHOLD = (
    r"(?:mann|frau|partner|partnerin|freund|freundin|sohn|tochter|vater|mutter|eltern|"
    r"mitbewohner\w*|lebensgefaehrt\w*|gatte|gattin|husband|wife|partner)"
)
_NOT_HERE = (
    r"(?:nicht da|nicht zu hause|nicht zuhause|nicht hier|nicht daheim|weg|unterwegs|"
    r"arbeiten|auf der arbeit|im urlaub|not (?:here|home|in))"
)
_OTHER_OUT = re.compile(
    rf"\b(?:(?:mein|meine|unser|unsere|my|our) {_HOUSEHOLD}|(?:der|die|er|sie|he|she)) "
    rf"(?:ist|sind|is|s)(?: \w+){{0,2}} {_NOT_HERE}\b"
)


# The contract is someone else's ("ich bin nicht der Anschlussinhaber, das ist mein Vater",
# "der Vertrag läuft auf meinen Mann")
_NOT_THE_HOLDER = re.compile(
    r"\bich bin (?:\w+ )?nicht (?:der|die) (?:anschlussinhaber\w*|vertragsinhaber\w*|"
    r"vertragspartner\w*|inhaber\w*|kunde|kundin)\b|"
    r"\b(?:der )?(?:vertrag|anschluss|internetvertrag) (?:laeuft|ist) (?:\w+ )?(?:auf|ueber) "
    rf"(?:meinen|meine|unseren|unsere) {_HOUSEHOLD}\b"
)


def someone_else_is_out(folded: str) -> bool:
    """ "Mein Mann ist nicht da", "meine Frau ist gerade nicht zu Hause", "ich bin nicht der
    Anschlussinhaber": the person thinks the call is for someone else; the survey is for
    whoever answers."""
    return bool(_OTHER_OUT.search(folded) or _NOT_THE_HOLDER.search(folded))


_HANDS_OVER = re.compile(
    r"\b(?:ich (?:hol|hole|ruf|rufe|frag|frage) (?:(?!fuer |wegen |im |namens |anstelle )\w+ )?"
    r"(?:mal )?(?:meinen|meine|mein|den|"
    rf"die) {_HOUSEHOLD}|ich (?:geb|gebe|reich|reiche) (?:sie |ihnen |dich )?(?:mal )?(?:weiter )?"
    rf"(?:an )?(?:meinen|meine|mein|meiner|meinem|den|die|der|dem) {_HOUSEHOLD}|"
    rf"(?:meinen|meine|mein) {_HOUSEHOLD} "
    r"(?:\w+ )?(?:ans telefon|an den apparat)|ich hol(?:e)? (?:mal )?(?:jemanden|jemand)|"
    rf"(?:i ll|i will|let me) get my {_HOUSEHOLD})\b"
)


def hands_over(folded: str) -> bool:
    """ "Moment, ich hole meinen Mann", "ich geb Ihnen mal meine Frau": another person is to
    come to the phone (who has not heard who calls)."""
    return bool(_HANDS_OVER.search(folded))


_OFFERS = re.compile(
    r"\baber ich (?:kann|koennte|mach|mache|beantworte|uebernehme) (?!nicht)|"
    r"\bich (?:kann|koennte|mach|mache) (?:das|die fragen) (?:\w+ )?(?:auch|gern|gerne|machen|"
    r"beantworten)\b"
)


def offers_to_answer(folded: str) -> bool:
    """ "Mein Mann ist nicht da, aber ich kann das machen": the one on the phone consents."""
    return bool(_OFFERS.search(folded))
