"""Questions about a property of a product that the catalog has no field for ("Ist die
Tomatensoße bio?", "Bei wie viel Grad backe ich die Brezeln auf?", "Wird die Zahnpasta an
Tieren getestet?"): never answered with another field (not "ist vegan", not the storage
text), but "Angaben zur Bio-Qualität habe ich für … leider nicht" and a person offered.

The catalog's fields are the ingredients, allergens, vegan, gluten- and lactose-free, palm
oil, storage and the price; each family below asks for something none of them says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from voicebot.dialog.words import fold

PACKAGING = "zur Verpackung"  # (the family of packaging and its disposal, below)

# An age as said ("ab drei", "unter 2 Jahren"; not "die Kinder essen die ab und zu")
_AGE_NUMBER = (
    r"(?:\d+|eins|einem|einer|zwei|drei|vier|fuenf|sechs|sieben|acht|neun|zehn|elf|zwoelf|"
    r"jahr\w*|monat\w*)\b"
)

# A pet ("darf mein Hund …", "giftig für Katzen"; not "unser Hund heißt Bello und …")
_PET = (
    r"(?:hund|hunde|hunden|hundes|katze|katzen|kater|haustier\w*|welpe\w*|kaninchen|hamster|"
    r"meerschweinchen|wellensittich\w*|papagei\w*|pferd\w*|dogs?|cats?|pets?|puppy|puppies)"
)

# (pattern over the folded words, what the bot has no information on: German, English)
_FAMILIES: tuple[tuple[re.Pattern[str], str, str], ...] = (
    # "Ist die Tomatensoße bio?", "Ist das Müsli aus ökologischem Anbau?"
    (re.compile(r"\b(?:bio|oeko\w*|biologisch\w*|bioqualitaet|demeter|organic)\b"),
     "zur Bio-Qualität", "on organic quality"),
    # "Wird die Zahnpasta an Tieren getestet?", "Ist die Handcreme tierversuchsfrei?"
    (re.compile(r"\b(?:tierversuch\w*|an tieren getestet|tested on animals|cruelty free)\b"),
     "zu Tierversuchen", "on animal testing"),
    # "Bei wie viel Grad back ich die Brezeln auf?", "Kann ich die Spätzle in die Mikrowelle?"
    (re.compile(r"\b(?:back|backe|backen|backt|baeckt|aufbacken|aufgebacken|gebacken|backofen|ofen|"
                r"backzeit|zubereit\w*|mikrowelle|erhitzen|erwaermen|aufwaermen|kochzeit|"
                r"\w*fritteuse|heissluft\w*|airfryer|air fryer|toaster|toasten|"
                r"garzeit|bake|baking|oven|microwave)\b"),
     "zur Zubereitung", "on preparation"),
    # "Gibt's das auch in ner großen Flasche?", "Welche Größen gibt es?", "Wie groß ist die
    # Tube?", "Wie viel Gramm sind da drin?", "Gibt es die in Großpackungen?"
    (re.compile(r"\b(?:(?:packungs)?groesse\w*|groesser\w*|nachfuell\w*|familienpackung\w*|"
                r"gross\w* (?:flasche|packung|tube|dose|glas|gebinde|becher)|bigger|sizes?|"
                r"grosspackung\w*|grossgebinde\w*|fuellmenge|packungsinhalt|wie viel inhalt|"
                r"(?:auch|nur|noch) (?:in|als) (?:gross|klein|xxl|maxi|mini)\b|xxl\w*|"
                r"(?:inhalt|menge) (?:der|einer|von der|pro) (?:flasche|packung|tube|dose|glas|"
                r"tuete|schachtel)|"
                r"wie (?:gross|schwer)\b(?!.*\b(?:anteil|prozent))|"
                r"wie viele? (?:gramm|milliliter|ml|liter|kilo\w*|stueck|scheiben|portionen)"
                r"(?: (?:sind|ist|hat|haben|enthaelt|passen|gehen|fasst|drin|in)\b|$)|"
                r"wie viele (?:\w+ ){0,2}(?:sind |ist )?(?:in|pro) (?:einer |der |ner )?(?:packung|"
                r"tuete|schachtel|dose|karton|glas|flasche|tube)|how (?:big|large|many grams))\b"),
     "zu Packungsgrößen", "on pack sizes"),
    # "Wo kann ich die Nougatcreme kaufen?", "Gibt es den Haferdrink auch in Bayern zu
    # kaufen?", "Ich find die Brezeln nicht mehr im Laden, habt ihr die aus dem Sortiment?"
    (re.compile(r"\b(?:wo (?:\w+ ){0,5}(?:kaufen|kauf|bekomm\w*|krieg\w*|finde\w*|gibt es|"
                r"gibts|erhaeltlich|verkauft)|zu kaufen|zu haben|erhaeltlich|verfuegbar\w*|"
                r"lieferbar|bezugsquelle\w*|verkaufsstelle\w*|haendler\w*|sortiment\w*|"
                r"ausgelistet|bestellen|bestellung|onlineshop|online shop|online kaufen|"
                r"(?:verkauf\w*|kauf\w*|bestell\w*|bekomm\w*) (?:\w+ ){0,4}online|"
                r"gibt es (?:\w+ ){0,5}nicht mehr|(?:noch|nicht mehr) (?:hergestellt|produziert|"
                r"verkauft|im sortiment)|"
                r"nicht mehr (?:\w+ ){0,4}(?:finde\w*|gefunden|bekomm\w*|krieg\w*|kaufen|"
                r"im regal|im laden|im handel|im supermarkt|im markt)|"
                r"wieder (?:im|in den|ins) (?:regal|laden|handel|supermarkt|markt|sortiment)|"
                r"wann gibt (?:es|s) (?:\w+ ){0,3}wieder|"
                r"where (?:can|do) (?:i|you|we) (?:buy|get|find)|in stock|stockists?)\b"),
     "zu Verkaufsstellen und Verfügbarkeit", "on where it is sold"),
    # "Kann man den Haferdrink aufschäumen?", "Kann ich die Tomatensauce für eine Lasagne
    # nehmen?", "Haben Sie ein Rezept mit den Brezeln?"
    (re.compile(r"\b(?:aufschaeum\w*|schaeum\w*|aufschlagen|rezept\w*|anwend\w*|dosier\w*|"
                r"auch (?:fuer|zum|zur|als|auf|an) (?!(?:\w+ )?(?:baby\w*|kind\w*|sohn|tochter|"
                r"enkel\w*|mann|frau|oma|opa|mutter|vater|eltern|mich|ihn|sie)\b)"
                r"(?:\w+ ){1,3}(?:nehmen|benutzen|verwenden|"
                r"gebrauchen|einsetzen|auftragen)|"
                r"(?:fuer|zum|zur|in) (?:\w+ )?(?:lasagne|pizza|auflauf|suppe|kuchen|pfannkuchen|"
                r"kaffee|cappuccino|latte\w*|smoothie\w*|porridge|kochen|backen|braten)|"
                r"(?:auch |nur )?fuer (?:maenner|herren|frauen|damen)\b|"
                r"(?:auch|nur) (?:fuer|im|ins|auf|aufs|an) (?:das |die |den |dem |meine |mein )?"
                r"(?:gesicht|haare|haar|lippen|koerper|fuesse|fuss|augen\w*|kopfhaut|"
                r"intimbereich|nase|achsel\w*|kopf)\b|"  # "ist die auch für das Gesicht"
                # "kann man mit dem Duschgel auch Haare waschen"
                r"(?:auch|damit) (?:\w+ ){0,2}(?:haare|haar|gesicht|haende|koerper|fuesse|"
                r"zaehne|kopf|waesche|geschirr) (?:waschen|eincremen|pflegen|putzen|einreiben|"
                r"spuelen)|"
                r"froth\w*|foam\w*|recipe\w*)\b"),
     "zur Verwendung und zu Rezepten", "on uses and recipes"),

    # "Woher kommen die Haselnüsse?", "Wo wird das Brot hergestellt?"
    (re.compile(r"\b(?:herkunft|woher|(?<!noch )(?<!mehr )hergestellt|"
                r"(?<!noch )(?<!mehr )produziert|angebaut|anbau|stammen|stammt|"
                r"regional\w*|made in|produced|where from)\b"),
     "zur Herkunft", "on origin"),
    # "Wie viele Kalorien hat die Nougatcreme?"
    (re.compile(r"\b(?:kalorien|kcal|kilokalorien|naehrwert\w*|brennwert\w*|ballaststoff\w*|"
                r"eiweissgehalt|calories|nutrition\w*|"
                # "welches hat weniger Zucker", "wie viel Zucker ist im Müsli"
                r"(?:wie ?viel|weniger|mehr|(?<!zu )viel) (?:zucker|fett|salz)|"
                r"(?:zucker|fett|salz)(?:gehalt|anteil)|how much (?:sugar|fat|salt))\b"),
     "zu Nährwerten", "on nutrition values"),
    # "Welchen Lichtschutzfaktor hat die Handcreme?"
    (re.compile(r"\b(?:lichtschutz\w*|lsf|spf|uv|uv schutz|uvschutz)\b"), "zum Lichtschutzfaktor",
     "on sun protection"),
    # "Ist in den Käsespätzle Rohmilchkäse?"
    (re.compile(r"\b(?:rohmilch\w*|pasteurisiert\w*|unpasteurisiert\w*|raw milk)\b"),
     "zu Rohmilch", "on raw milk"),
    # "Ab welchem Alter ist die Zahnpasta?", "Darf ich die in der Schwangerschaft essen?", "…
    # auch für mein Baby nehmen?", "darf mein Zweijähriger die Zahnpasta benutzen?"
    (re.compile(r"\b(?:ab welchem alter|ab wie viel\w* jahren|altersempfehlung|schwanger\w*|"
                r"stillzeit|saeugling\w*|baby\w*|babies|kleinkind\w*|neugeboren\w*|"
                r"\w*jaehrig\w*|\w+ (?:jahre|monate|wochen) alt|pregnan\w*|infants?|toddlers?|"
                # "bei Kindern unter zwei Jahren", "für Kinder ab drei"
                r"(?:unter|ab|bis) (?!vor\b)(?:\w+ ){1,2}(?:jahren|monaten)|"
                rf"kinder\w* (?:unter|ab|bis) (?:\w+ )?{_AGE_NUMBER}|"
                r"ab wann (?:\w+ ){0,2}(?:kind\w*|baby\w*|babies|kids?)|"
                # "Ist die Handcreme gefährlich für Kinder?", "für Kinder geeignet?"
                r"(?:gefaehrlich|giftig|schaedlich|geeignet|unbedenklich|ok) (?:\w+ )?"
                r"(?:fuer|bei) (?:\w+ )?(?:kinder\w*|kids)|(?:fuer|bei) (?:\w+ )?kinder\w* "
                r"(?:\w+ )?(?:gefaehrlich|giftig|schaedlich|geeignet|unbedenklich|ok)|"
                r"(?:safe|dangerous|harmful|suitable) for (?:\w+ )?(?:kids|children)|"
                r"years? old|months? old)\b"),
     "zur Eignung in Schwangerschaft oder nach Alter", "on pregnancy or age"),
    # "Darf mein Hund die Nougatcreme essen?", "Ist die Handcreme giftig für Katzen?": pets
    (re.compile(rf"\b(?:(?:fuer|bei|an) (?:\w+ ){{0,2}}{_PET}|(?:darf|kann|duerfen|koennen|soll) "
                rf"(?:\w+ )?{_PET}|{_PET} (?:\w+ ){{0,4}}(?:fressen|gefressen|frisst|essen|lecken|"
                rf"vertraegt|vertragen|giftig)|"
                rf"(?:giftig|schaedlich|gefaehrlich) (?:\w+ ){{0,2}}{_PET}|"
                rf"(?:safe|toxic|ok) for (?:\w+ )?{_PET})\b"),
     "zur Eignung für Haustiere", "on pets"),
    # "Ist das Duschgel gut für die Haut?", "Ist die Handcreme für Neurodermitis geeignet?",
    # "Ist das Müsli gesund?": effects on skin, teeth or health no field says
    (re.compile(r"\b(?:(?:gut|schlecht|schaedlich) fuer (?:die |den |das |meine |meinen )?(?:haut|"
                r"haare|zaehne|zahnfleisch|gesundheit|figur|darm|magen)|fuer (?:die |den |das |"
                r"meine |meinen )?(?:haut|haare|zaehne|zahnfleisch) (?:gut|schlecht|schaedlich)|"
                r"hautvertraeglich\w*|"
                r"dermatolog\w*|(?:fuer|bei) (?:\w+ )?(?:neurodermitis|schuppenflechte|ekzem\w*|"
                r"rosazea|akne|(?:empfindliche|sensible|trockene) haut|diabetiker\w*|diabetes)|"
                r"gesund|ungesund|"
                r"good for (?:the |my )?(?:skin|teeth|hair|health)|healthy|eczema)\b"),
     "zu Verträglichkeit und Wirkung", "on tolerance and effects"),
    # "Ist die Tomatensauce scharf?", "Wie schmeckt der Eistee?": the taste (not "zu scharf",
    # a dislike)
    (re.compile(r"\b(?:(?:ist|sind|wie|schmeckt|schmecken) (?:\w+ ){0,4}?(?<!zu )(?<!so )(?<!mir )"
                r"(?:scharf|pikant|wuerzig)|wie (?:mild|schmeckt|schmecken)|geschmacksrichtung\w*|"
                r"is (?:it|this) (?:\w+ )?spicy|how does (?:\w+ ){1,3}taste)\b"),
     "zum Geschmack", "on taste"),
    # "Ist das halal?", "Ist da Gentechnik drin?", "Ist die Verpackung recycelbar?"
    (re.compile(r"\b(?:halal|koscher|kosher)\b"), "zu Halal oder Koscher", "on halal or kosher"),
    (re.compile(r"\b(?:gentechni\w*|genmanipul\w*|gvo|gmo)\b"), "zur Gentechnik", "on GMOs"),
    # "Sind da Pestizide drin?", "Ist das Müsli mit Mineralöl belastet?": residues and
    # contaminants no ingredient list names (what the list holds, "Mikroplastik?", it answers)
    (re.compile(r"\b(?:pestizid\w*|glyphosat|"
                r"rueckstaend\w*|schadstoff\w*|mineraloel\w*|acrylamid|belastet)\b"),
     "zu Rückständen und Schadstoffen", "on residues and contaminants"),
    # "Ist die Verpackung recycelbar?", "In welche Tonne gehört das Glas?", "Haben Sie Produkte
    # ohne Plastikverpackung?", "Gibt es den Eistee auch in der Dose?"
    (re.compile(r"\b(?:recycel\w*|recycl\w*|pfand|mehrweg\w*|einweg\w*|entsorg\w*|"
                r"plastikverpack\w*|verpackungs(?:frei|muell|material)\w*|plastikfrei\w*|"
                r"ohne (?:plastik|verpackung)|in welche\w* (?:tonne|muell\w*|sack|abfall\w*)|"
                r"(?:gelbe\w*|blaue\w*) (?:sack|tonne)|altglas\w*|glascontainer|muelltrennung|"
                r"(?:wohin|wo) (?:mit|kommt|gehoert|gehoeren|kommen) (?:\w+ ){0,3}(?:glas|deckel|"
                r"verpackung|tube|flasche|dose|becher|tuete|karton)\b|"
                r"(?:auch|nur) (?:in|als) (?:der |einer |ner )?(?:dose|glasflasche|pfandflasche|"
                r"tetrapak|tetra pak|pet flasche|nachfuellbeutel)|packaging|recyclable)\b"),
     PACKAGING, "on packaging"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class UnlistedProperty:
    """A property asked about that no catalog field says: how the bot names it ("zur
    Bio-Qualität") and the words that ask for it."""

    about: str
    pattern: re.Pattern[str]

    def in_name(self, name: str) -> bool:
        """The product's own name says it ("Sonnhof Bio Tomatensauce Basilikum")."""
        return bool(self.pattern.search(fold(name)))


def unlisted_properties(text: str, language: str = "de") -> list[UnlistedProperty]:
    """What the words ask about that no catalog field says, in the tenant's language;
    empty when they ask only about what the catalog holds."""
    folded = fold(text)
    german = language.startswith("de")
    return [
        UnlistedProperty(de if german else en, pattern)
        for pattern, de, en in _FAMILIES
        if pattern.search(folded)
    ]


# A catalog field named in the same question ("Ist die Zahnpasta tierversuchsfrei und
# vegan?"): that answer is given too; otherwise only "no information" is said
FIELD_NAMED = {
    "product_vegan": re.compile(r"\b(?:vegan\w*|tierisch\w*|pflanzlich\w*|vegetari\w*)"),
    "product_palm_oil": re.compile(r"\bpalm"),
    "product_price": re.compile(r"\b(?:kostet|kosten|preis\w*|teuer\w*|euro|price|cost\w*)\b"),
    # (a condition named: what is in it helps, "für Diabetiker", "bei Neurodermitis")
    "product_ingredients": re.compile(
        r"\b(?:zutat\w*|inhaltsstoff\w*|drin|enthalten|enthaelt|steckt|ingredients?|zucker|"
        r"diabetiker\w*|diabetes|neurodermitis)\b"
    ),
    # (also what is in it: "… oder ist da zu viel Fluorid drin?" is answered from the list)
    "product_allergens": re.compile(
        r"\b(?:allerg\w*|gluten\w*|laktose\w*|nuss\w*|nuesse|drin|enthalten|enthaelt|"
        r"diabetiker\w*|diabetes|neurodermitis)\b"
    ),
    "product_storage": re.compile(
        r"\b(?:lager\w*|haelt|halten|haltbar\w*|aufbewahr\w*|kuehlschrank|einfrier\w*|"
        r"geoeffnet|oeffnen)\b"
    ),
}


# Families whose words are never part of a product's name: how it is prepared or used and
# what it does ("die Nougatcreme gesund", "backen" were heard as products we do not sell)
_NO_PRODUCT_FAMILIES = frozenset(
    ("zur Zubereitung", "zu Verträglichkeit und Wirkung", "zur Verwendung und zu Rezepten")
)


def names_no_product(heard: str) -> bool:
    """Words heard as a product's name that ask how to prepare or use it or what it does
    ("Nougatcreme gesund", "backen"): no product of another kind."""
    return any(p.about in _NO_PRODUCT_FAMILIES for p in unlisted_properties(heard))
