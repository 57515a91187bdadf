"""Concerns about our products read again from the caller's words, where the classifier's
reading would have the bot answer the wrong question (tenants with a catalog only).

A product that did harm is a case for a person, not an allergen list; something found in a
product that it does not hold is a complaint, not an ingredient question; a question naming a
health condition ("Kann ich das Müsli essen, wenn ich Zöliakie habe?") is about allergens,
not about storage or the price.
"""

from __future__ import annotations

import re
from dataclasses import replace

from voicebot.dialog.answering import needs_of
from voicebot.dialog.correction_words import after_a_correction
from voicebot.dialog.harm_words import reports_harm, reports_problem
from voicebot.dialog.negated_criticism import praises_by_denial, without_denial
from voicebot.dialog.product_safety import DEFECT
from voicebot.dialog.question_words import is_question
from voicebot.dialog.tenant_view import IntentView, TenantView
from voicebot.dialog.topic_words import names_allergen
from voicebot.dialog.turn_clauses import clauses
from voicebot.dialog.words import fold
from voicebot.events import Intent
from voicebot.nlu.slots import FUNCTION_WORDS

# Answers about what a product holds: a statement of something else in it is a complaint
CONTENT_ANSWERS = frozenset(("builtin:product_allergens", "builtin:product_ingredients"))
_FOUND_VERBS = frozenset((
    "ist", "sind", "war", "waren", "schwimmt", "schwimmen", "krabbelt", "krabbeln", "liegt", "lag",
    "steckt", "steckte", "klebt", "klebte",
))  # fmt: skip
_ASKED_FOR = frozenset(("zutaten", "zutatenliste", "allergene", "inhaltsstoffe", "bitte", "drin"))
# A health condition named ("wenn ich Zöliakie habe", "mein Sohn ist Allergiker")
_CONDITION = re.compile(
    r"\b(?:\w*allergi\w*|zoeliakie|\w*unvertraeglich\w*|\w*intoleran\w*|vertrage\w*|"
    r"allergic|coeliac|celiac|intoleran\w*)\b"
)


def harm_reported(tenant: TenantView, text: str, intent: Intent) -> Intent:
    """A product that did harm ("ich habe auf die Handcreme allergisch reagiert") is never
    answered by the bot: the tenant's urgent handoff concern (the quality team) instead of
    a self-service answer such as the product's allergens."""
    spec = tenant.intents.get(intent.name or "")
    if not tenant.catalog or not reports_harm(text) or (spec and spec.priority == "high"):
        return intent
    urgent = urgent_handoffs(tenant)
    if not urgent:
        return intent
    ranked = dict(intent.alternatives)
    chosen = max(urgent, key=lambda i: ranked.get(i.id, 0.0))
    sure = max(tenant.threshold, ranked.get(chosen.id, 0.0))
    return replace(intent, name=chosen.id, confidence=sure)


# How much of something is in it, asked inside a turn ("… wie viel Zucker ist in der Marmelade")
_HOW_MUCH_IN = re.compile(
    r"\bwie viel\w* (?:\w+ ){1,2}(?:ist|sind|steckt|stecken) (?:\w+ )?(?:in|im)\b"
)


def found_in_product(tenant: TenantView, text: str, intent: Intent) -> Intent:
    """A statement that something is in a product ("Im Müsli ist eine Motte.", "In der
    Hafermilch sind Klumpen.") read as an allergen or ingredient question: the classifier
    is sure of the question, but something the product does not hold was found in it, so
    the tenant's urgent product concern (the complaint) is asked about instead of an
    ingredient list being read out. A question ("Ist im Müsli Honig?") or something the
    product holds ("Im Müsli ist Honig.") stays as read."""
    spec = tenant.intents.get(intent.name or "")
    if spec is None or not tenant.catalog or spec.answer not in CONTENT_ANSWERS:
        return intent
    said = fold(text).split()
    folded = set(said)
    stated = bool(folded & {"in", "im"}) and bool(folded & _FOUND_VERBS)
    if not stated or is_question(text) or names_allergen(text) or folded & _ASKED_FOR:
        return intent  # ("die Zutaten von der Nougatcreme bitte" is a request)
    if _HOW_MUCH_IN.search(" ".join(said)):  # "ich mag keine zu süßen Sachen wie viel Zucker
        return intent  # ist in der Marmelade": asked, without a mark
    contents = fold(tenant.ingredients(str(intent.slots.get("product") or "")))
    words = [
        w for w in said
        if len(w) >= 4 and w not in FUNCTION_WORDS and tenant.product_in(w) is None
    ]  # fmt: skip
    if not words or any(re.search(rf"\b{re.escape(w)}", contents) for w in words):
        return intent
    complaint = _product_complaint(tenant)
    if complaint is None:
        return intent
    asked = ((complaint.id, tenant.threshold),)
    return replace(intent, name=None, confidence=0.0, alternatives=asked)


def content_asked(tenant: TenantView, text: str, intent: Intent) -> Intent:
    """A question whether something is in a product ("Ist im Duschgel Mikroplastik?", "Ist
    da Palmfett drin?") read as the complaint, an ingredient or allergen question next: that
    question (a question about what a product holds asks; it reports nothing found)."""
    complaint = _product_complaint(tenant)
    top = intent.name or (intent.alternatives[0][0] if intent.alternatives else None)
    asked = is_question(text) or any(is_question(c) for c in clauses(text))  # ("ich hab eine
    asked = asked or bool(_IN_IT_ASKED.search(fold(text)))
    if complaint is None or top != complaint.id or not asked:  # Frage zum Tee, ist da
        return intent  # Koffein drin": unsure, read as the complaint first)
    folded = set(fold(text).split())
    has_it = fold(text).split()[:1] in (["hat"], ["haben"])  # "hat das Duschgel Mikroplastik"
    if not (has_it or folded & {"in", "im", "drin", "drinnen", "enthalten", "enthaelt"}):
        return intent
    if reports_problem(text):  # ("Ist das normal, dass im Müsli Würmer sind?")
        return intent
    for name, confidence in intent.alternatives:
        spec = tenant.intents.get(name)
        if spec is not None and spec.answer in CONTENT_ANSWERS and confidence >= _RUNNER_UP:
            return replace(intent, name=name, confidence=max(confidence, tenant.threshold))
    return intent


# "… ist da Koffein drin" said after other words, without a question mark
_IN_IT_ASKED = re.compile(
    r"\b(?:ist|sind) (?:da|denn da|dort) (?:\w+ ){1,3}(?:drin|drinnen|enthalten)\b"
)
_RUNNER_UP = 0.1  # the content question's share when the complaint was read first


def ingredient_asked(tenant: TenantView, product: str | None, text: str, intent: Intent) -> Intent:
    """ "Ist da Butter drin?" after the Brezeln, unsure (palm oil 0.5): a word of the question
    is in the ingredients of the product talked about, so the allergen answer says whether it
    is ("enthält Butter"); a sure reading stays."""
    allergens = tenant.allergen_intent()
    named = tenant.product_in(text)  # "Ist in dem Duschgel Parfum?"
    product = named or product
    if allergens is None or not product or not is_question(text):
        return intent
    spec = tenant.intents.get(intent.name or "")
    folded = fold(text).split()
    contents = fold(tenant.ingredients(product))
    sure = spec is not None and intent.confidence >= tenant.threshold
    if sure and not _without_a_listed_word(spec, text, contents):
        return intent
    if sure:  # "Ist die Tomatensauce ohne Knoblauch?" read as vegan: whether it holds it
        return replace(intent, name=allergens.id)
    free = _free_of_an_ingredient(folded, contents)  # "Ist die parfümfrei?": the list says
    ingredients = tenant.ingredient_intents()  # ("ohne Parfum")
    if free and ingredients:
        return replace(intent, name=ingredients[0], confidence=max(intent.confidence,
                                                                   tenant.threshold))  # fmt: skip
    inside = {"drin", "drinnen", "enthalten", "enthaelt", "dabei", "darin"}
    has_it = named is not None and folded[:1] in (["hat"], ["haben"])  # "haben die Brezeln Hefe"
    if not (has_it or set(folded) & (inside | ({"in", "im"} if named else set()))):
        return intent
    words = [w for w in folded if len(w) >= 3 and w not in FUNCTION_WORDS]
    words = [w for w in words if named is None or tenant.product_in(w) != named]  # (not "Duschgel")
    if not any(re.search(rf"\b{re.escape(w)}", contents) for w in words):
        return intent
    return replace(intent, name=allergens.id, confidence=max(intent.confidence, tenant.threshold))


_WITHOUT_WORD = re.compile(r"\b(?:ohne|frei von) (\w{4,})")


def _without_a_listed_word(spec: IntentView, text: str, contents: str) -> bool:
    """A sure vegan or palm-oil reading of a question that names neither but asks whether the
    product is without an ingredient its list holds ("ohne Knoblauch"): no such question."""
    from voicebot.dialog.unlisted_property import FIELD_NAMED

    name = (spec.answer or "").removeprefix("builtin:")
    if name not in ("product_vegan", "product_palm_oil") or FIELD_NAMED[name].search(fold(text)):
        return False
    found = _WITHOUT_WORD.search(fold(text))
    return found is not None and re.search(rf"\b{re.escape(found.group(1))}", contents) is not None


def _free_of_an_ingredient(folded: list[str], contents: str) -> bool:
    """A word "<something>frei" whose something is spelt like a word of the ingredient list
    ("parfuemfrei" ~ "Parfum"; the allergens' own "-frei" forms are read by the allergen
    answer)."""
    from rapidfuzz import fuzz

    listed = re.findall(r"[a-z]{4,}", contents)
    for word in folded:
        if not word.endswith("frei") or len(word) < 8 or names_allergen(word):
            continue
        stem = word[:-4]
        if any(fuzz.ratio(stem, item) >= _SPELT_ALIKE for item in listed):
            return True
    return False


_SPELT_ALIKE = 80


def urgent_handoffs(tenant: TenantView) -> list[IntentView]:
    """The tenant's concerns of high priority that a person of a queue takes."""
    return [i for i in tenant.intents.values()
            if i.priority == "high" and i.action == "handoff" and i.queue]  # fmt: skip


def _product_complaint(tenant: TenantView) -> IntentView | None:
    """The tenant's one urgent concern about a product (the complaint), if it has one."""
    urgent = [i for i in tenant.intents.values()
              if i.priority == "high" and "product" in needs_of(i)]  # fmt: skip
    return urgent[0] if len(urgent) == 1 else None


# "Kann ich die noch trinken?", "Ist die noch gut?", "darf man das noch essen": whether a
# product can still be used after how it was kept
_STILL_USABLE = re.compile(
    r"\b(?:kann|darf|koennte|soll) (?:ich|man|mein\w*|die|der|das|er|sie|es) (?:\w+ ){0,3}noch "
    r"(?:\w+ )?(?:essen|trinken|verwenden|benutzen|nehmen|verzehren|geniessen|nutzen)\b|"
    r"\b(?:ist|sind) (?:die|der|das|es|sie|er) (?:\w+ ){0,2}noch (?:gut|essbar|trinkbar|"
    r"geniessbar|haltbar|verwendbar|ok|okay)\b"
)


# How the caller kept a product ("in den Kühlschrank gestellt", "eingefroren", "lag in der
# Sonne", "stand offen herum")
_KEPT = re.compile(
    r"\b(?:kuehlschrank\w*|gefrier\w*|eingefroren|gefroren|tiefkuehl\w*|sonne|heizung|"
    r"draussen|im auto|offen (?:\w+ )?(?:gelassen|gestanden)|nicht gekuehlt|fridge|freezer|"
    r"frozen|in the sun)\b"
)
# Whether that matters ("ist das schlimm?", "ist das normal?", "macht das was?")
ASKS_IF_IT_MATTERS = re.compile(
    r"\b(?:ist|waere|wird) (?:das|es|sowas|die|der) (?:\w+ )?(?:schlimm|normal|ein problem|"
    r"problematisch|gefaehrlich|ok|okay|in ordnung|bedenklich)\b|"
    r"\bmacht (?:das|es) (?:\w+ )?(?:was|etwas)\b|"
    r"\b(?:is|would) (?:that|it|this) (?:\w+ )?(?:normal|ok|okay|a problem|bad|dangerous)\b"
)
# What keeping does to a product, no defect of it ("hart geworden", "flüssig", "aufgetaut")
_CHANGED_BY_KEEPING = frozenset((
    "hart", "steinhart", "fest", "weich", "fluessig", "klumpig", "klumpen", "ausgetrocknet",
    "aufgetaut", "geschmolzen", "kristallisiert", "zaeh",
))  # fmt: skip


def kept_and_asked(text: str) -> bool:
    """A question whether how the caller kept a product matters, with nothing wrong with the
    product besides what keeping does ("ich hab die Nougatcreme in den Kühlschrank gestellt,
    jetzt ist sie steinhart, ist das schlimm?"); not "… im Kühlschrank, und jetzt ist Schimmel
    drauf, ist das normal?"."""
    folded = fold(text)
    if not (_KEPT.search(folded) and ASKS_IF_IT_MATTERS.search(folded)) or reports_harm(text):
        return False
    return not any(DEFECT.fullmatch(w) and w not in _CHANGED_BY_KEEPING for w in folded.split())


def still_usable_asked(tenant: TenantView, text: str, intent: Intent) -> Intent:
    """Whether a product can still be eaten or used after how it was kept ("die Hafermilch,
    die noch zu ist, stand die ganze Nacht draußen. Kann ich die noch trinken?") or whether
    how it was kept matters ("… in den Kühlschrank gestellt, jetzt ist sie hart, ist das
    normal?") asks how it keeps (storage), not a complaint, unless something went wrong
    with it ("riecht komisch")."""
    storage = [i for i in tenant.intents.values() if i.answer == "builtin:product_storage"]
    if not tenant.catalog or len(storage) != 1 or intent.name == storage[0].id:
        return intent
    usable = _STILL_USABLE.search(fold(text)) and not reports_problem(text)
    if not usable and not kept_and_asked(text):
        return intent
    return replace(intent, name=storage[0].id, confidence=max(intent.confidence,
                                                              tenant.threshold))  # fmt: skip


def condition_question(text: str) -> bool:
    """A health condition named and a question asked about it, with nothing wrong reported
    ("ich hab ne Nussallergie und die Handcreme hat doch Sheabutter, ist das ein Problem?",
    "Fruktoseintoleranz, ist in der Marmelade Fruchtzucker?"): never a complaint."""
    folded = fold(text)
    condition = _CONDITION.search(folded)
    if condition is None or reports_harm(text) or any(DEFECT.fullmatch(w) for w in folded.split()):
        return False
    after = re.split(r",|\bund\b", folded[condition.end() :])
    return "?" in text or bool(ASKS_IF_IT_MATTERS.search(folded)) or any(map(is_question, after))


def condition_asked(tenant: TenantView, text: str, intent: Intent) -> Intent:
    """A question that names a health condition ("Kann ich das Müsli essen, wenn ich Zöliakie
    habe?") read as another self-service question (storage 0.75) or as the complaint with
    nothing wrong reported: the allergen answer, which says what the condition is about
    ("enthält Gluten"). Harm that happened is read before."""
    spec = tenant.intents.get(intent.name or "")
    complaint = _product_complaint(tenant)
    top = intent.name or (intent.alternatives[0][0] if intent.alternatives else None)
    if complaint is not None and top == complaint.id and condition_question(text):
        spec = complaint  # "ich hab eine Fruktoseintoleranz, ist in der Marmelade Fruchtzucker"
    elif spec is None and complaint and tenant.product_in(text) and condition_question(text):
        spec = complaint  # unsure: "… Bewohner mit Zöliakie, können die die Käsespätzle essen"
    elif spec is None or not tenant.catalog or spec.action != "selfservice":
        return intent
    if spec.answer in CONTENT_ANSWERS or not _CONDITION.search(fold(text)):
        return intent
    if tenant.names_distinctly(text, spec.id):  # "Ich bin allergisch gegen Nüsse, wie lange
        return intent  # hält das Müsli?" asks how long it keeps
    allergens = [i for i in tenant.intents.values() if i.answer == "builtin:product_allergens"]
    if len(allergens) != 1:
        return intent
    return replace(intent, name=allergens[0].id, confidence=max(intent.confidence,
                                                                 tenant.threshold))  # fmt: skip


_PRAISE = frozenset((
    "gut", "super", "toll", "lecker", "klasse", "prima", "hervorragend", "wunderbar",
    "grossartig", "spitze", "perfekt", "genial", "himmlisch", "begeistert", "lob", "great",
    "lovely", "delicious", "amazing", "excellent", "wonderful", "love",
))  # fmt: skip
_NOT = frozenset(("nicht", "kein", "keine", "nie", "not", "never", "no"))
_PRAISE_TOO = frozenset(("beste", "besten", "kompliment", "zufrieden", "loben", "lobe"))


def says_praise(text: str) -> bool:
    """Words of praise in the text ("Die Spätzle waren lecker."), none of them negated; not
    "Ich benutze die Handcreme jeden Tag." (a praise intent's side sentence without praise)."""
    words = set(fold(text).split())
    return bool(words & (_PRAISE | _PRAISE_TOO)) and not words & _NOT


def praise_unsaid(tenant: TenantView, event: Intent, words: str) -> bool:
    """A sentence the classifier read as the tenant's praise, without a word of praise."""
    spec = tenant.intents.get(event.name or "")
    return spec is not None and is_praise(tenant, spec) and not says_praise(words)


def is_praise(tenant: TenantView, intent: IntentView) -> bool:
    """The tenant's intent for praise: answered by the bot, no product needed, and named so
    ("Lob für Produkte oder Service") or praised in most of its examples."""
    if intent.action != "selfservice" or "product" in needs_of(intent):
        return False
    if says_praise(intent.description) or says_praise(intent.topic):
        return True
    examples = tenant.examples_of(intent.id)
    return bool(examples) and 2 * sum(map(says_praise, examples)) >= len(examples)


def problem_or_praise(tenant: TenantView, text: str, intent: Intent) -> Intent:
    """A statement about a product of ours, read again by its words: something gone wrong
    ("Das Müsli hat ranzig geschmeckt.", heard as praise or not placed) is the tenant's
    urgent product concern (the complaint); only praise ("Das Duschgel riecht so gut!", heard
    as a complaint) is the runner-up the classifier gave, when that is answered by the bot.
    Questions and tenants without a catalog stay as read."""
    if not tenant.catalog or "?" in text or is_question(text) or tenant.product_in(text) is None:
        return intent  # ("…, ich hab da so ein Problem, … Kann der das essen?" asks)
    folded = fold(text)
    if after_a_correction(text) is not None or re.search(r"reklam|beschwer|doch nicht", folded):
        return intent  # a complaint announced or taken back is read by the classifier
    if condition_question(text) or kept_and_asked(text):
        return intent  # "Nussallergie … ist das ein Problem?" asks (condition_asked)
    complaint = _product_complaint(tenant)
    if complaint is None:
        return intent
    ranked = dict(intent.alternatives)
    if intent.name is not None:
        ranked[intent.name] = intent.confidence
    top = intent.name or (intent.alternatives[0][0] if intent.alternatives else None)
    praise = next((s for s in tenant.intents.values() if is_praise(tenant, s)), None)
    read_as = (None, complaint.id, praise.id if praise else None)
    if praise is not None and intent.name in read_as and praises_by_denial(text):
        sure = max(tenant.threshold, ranked.get(praise.id, 0.0))  # "nicht zu süß, genau richtig"
        return replace(intent, name=praise.id, confidence=sure)
    if reports_problem(without_denial(text)):  # (harm included; "gar nicht zu salzig" is none)
        spec = tenant.intents.get(intent.name or "")
        if spec is not None and spec.priority == "high":
            return intent
        sure = max(tenant.threshold, ranked.get(complaint.id, 0.0))
        return replace(intent, name=complaint.id, confidence=sure)
    words = set(folded.split())
    if top != complaint.id or not words & _PRAISE or words & _NOT:  # (unsure too: "… dass
        return intent  # Ihre Hafermilch super im Kaffee schäumt" was asked as a complaint)
    others = sorted(((p, n) for n, p in ranked.items() if n != complaint.id), reverse=True)
    spec = tenant.intents.get(others[0][1]) if others else None
    if spec is None or spec.action != "selfservice" or "product" in needs_of(spec):
        return intent
    return replace(intent, name=spec.id, confidence=max(tenant.threshold, others[0][0]))


def other_kind_asked(tenant: TenantView, text: str, intent: Intent) -> Intent:
    """A question about another kind of one of our products ("Welchen Lichtschutzfaktor hat
    die Sonnencreme?" beside our Handcreme), not placed by the classifier: its best product
    question, so the caller hears "Sonnencreme ist leider keines unserer Produkte" instead of
    "nicht verstanden" (a word of no product of ours, "Leberwurst", is not guessed at)."""
    if intent.name is not None or not tenant.catalog or not is_question(text):
        return intent
    heard = tenant.unknown_product(text)
    if not heard or tenant.product_in(text) or tenant.similar_product(heard) is None:
        return intent
    for name, confidence in intent.alternatives:
        spec = tenant.intents.get(name)
        if spec is not None and spec.action == "selfservice" and "product" in needs_of(spec):
            slots = {**intent.slots, "product": f"?{heard}"}  # (told "not ours" as a slot)
            sure = max(confidence, tenant.threshold)
            return replace(intent, name=name, confidence=sure, slots=slots)
    return intent


_ASKS_WHETHER = re.compile(r"\b(?:ob|wissen|fragen|frage)\b")
# A question run on after praise without a sentence mark ("… so lecker was kostet die denn")
_QUESTION_INSIDE = re.compile(
    r"\b(?:was|wie|wo|welche\w*|woraus|wann) (?:ist|sind|kostet|kosten|viel|lange|hat|haben|"
    r"steckt|stecken|gibt|fuer|genau|denn|eigentlich|macht|enthaelt)\b"
)


def _run_on_question(tenant: TenantView, question: str, like: Intent) -> tuple[str, float] | None:
    """The product question a run-on question asks, when its words tell it: the reading of
    the question alone when sure, else the ingredients when it asks what is in it ("was ist
    da für ein Duft drin"); None: not told."""
    asked = tenant.classify(question, like)
    spec = tenant.intents.get(asked.name or "")
    if spec is not None and spec.action == "selfservice" and "product" in needs_of(spec):
        return spec.id, max(asked.confidence, tenant.threshold)
    ingredients = tenant.ingredient_intents()
    if ingredients and _ASKS_CONTENTS.search(question):
        return ingredients[0], tenant.threshold
    return None


_ASKS_CONTENTS = re.compile(
    r"\b(?:zutat\w*|inhaltsstoff\w*|drin|drinnen|enthalten|enthaelt|steckt)\b"
)


def _question_inside(text: str) -> str | None:
    """The words from a question that follows other words in the same sentence, or None."""
    folded = fold(text)
    found = _QUESTION_INSIDE.search(folded)
    return folded[found.start() :] if found is not None and found.start() > 0 else None


# A runner-up this unlikely is no reading of the question: the caller is asked about it rather
# than told a price for "Ist das Müsli viel an?" (Whisper's "vegan"; price at 0.07)
RUNNER_UP_FLOOR = 0.1


def question_not_praise(tenant: TenantView, text: str, intent: Intent) -> Intent:
    """A question read as praise ("Ist die eigentlich bio?", "… wollte wissen, ob in Ihren
    Käsespätzle Rohmilchkäse ist"): a question is never praise, so the best product question
    is taken when a product is named or talked about, else praise is left out of the reading
    (the caller is asked about the next guess, never thanked for a compliment)."""
    top = intent.name or (intent.alternatives[0][0] if intent.alternatives else None)
    spec = tenant.intents.get(top or "")
    if spec is None or not tenant.catalog or not is_praise(tenant, spec):
        return intent
    asks = "?" in text or any(is_question(c) for c in re.split(r"[.!,;]", text))
    inside = _question_inside(text)  # "ihr Duschgel riecht so toll was ist da für ein Duft drin"
    if not asks and not _ASKS_WHETHER.search(fold(text)) and inside is None:
        return intent
    others = tuple((n, c) for n, c in intent.alternatives if n != spec.id)
    if inside is not None and tenant.product_in(text):  # that question's own reading, not
        asked = _run_on_question(tenant, inside, intent)  # the praise's runners-up
        if asked is not None:
            return replace(intent, name=asked[0], confidence=asked[1], alternatives=others)
        if not asks and not _ASKS_WHETHER.search(fold(text)):
            return intent
    for name, confidence in others:
        other = tenant.intents.get(name)
        if other is not None and other.action == "selfservice" and "product" in needs_of(other):
            guessed = confidence < RUNNER_UP_FLOOR  # ("Ist das Müsli viel an?", 'vegan'
            if not guessed and (tenant.product_in(text) or tenant.unknown_product(text)):
                sure = max(confidence, tenant.threshold)
                return replace(intent, name=name, confidence=sure, alternatives=others)
            break
    return replace(intent, name=None, confidence=0.0, alternatives=others)
