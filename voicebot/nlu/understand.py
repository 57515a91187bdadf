"""A tenant's understanding: templates + the IntentClassifier + slots, decided per tenant knobs.

Decision: an exact template match lifts its intent to at least TEMPLATE_CONFIDENCE. When
several intents' templates match, the one whose template has the most literal words wins,
then the classifier's probability, then the intent id. The best intent must reach the
tenant's `nlu.threshold` and lead the runner-up by `nlu.margin` (when the best two hand off to
the same queue at the same priority, their sum is what must), and (unless a template
matched) the text must be as close to that intent's examples as the classifier's
`similarity_floor`; else the text is out of scope (`intent: None`, `action: reprompt`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache
from typing import Any

from voicebot.events import Intent
from voicebot.nlu.classifier import IntentClassifier
from voicebot.nlu.embeddings import SentenceEncoder
from voicebot.nlu.model import AGENT_INTENTS, IntentSpec, Tenant
from voicebot.nlu.names import without_introduction
from voicebot.nlu.normalize import CompoundJoiner, UmlautRestorer, fold, normalize
from voicebot.nlu.plain_words import plain_english
from voicebot.nlu.slot_reading import SlotReader
from voicebot.nlu.slots import FUNCTION_WORDS
from voicebot.nlu.templates import (
    Node,
    Word,
    compile_template,
    parse_template,
    sample_expansions,
)

TEMPLATE_CONFIDENCE = 0.95
EXPANSIONS_PER_TEMPLATE = 6
CLASSIFIED_CACHE = 256  # texts whose classification is kept (TenantNLU.classify)
_NUMBER_RUN = re.compile(r"\b\d{5,}\b")
_NUMBER_WORD = re.compile(
    r"\d+|null|eins?|zwei|zwo|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|"
    r"(?:(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun)und)?"
    r"(?:zwanzig|dreißig|vierzig|fünfzig|sechzig|siebzig|achtzig|neunzig)|\w+zehn|hundert|"
    r"zero|oh|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\w+teen|\w+ty"
)


# "meine Kundennummer ist …" introduces a number, not a concern.
_IDENTIFICATION = re.compile(
    r"\b(?:(?:meine|die|unsere|my|the|our) )?(?:kundennummer|kunden nummer|vertragsnummer|"
    r"customer number|account number)(?: (?:ist|lautet|is|lautet die))?\b"
)


def _without_spoken_numbers(words: list[str]) -> list[str]:
    """Drops runs of 3+ number words: a customer number says nothing about the concern."""
    kept: list[str] = []
    run: list[str] = []
    for word in [*words, ""]:
        if word and _NUMBER_WORD.fullmatch(word):
            run.append(word)
            continue
        kept += run if len(run) < 3 else []
        run = []
        kept += [word] if word else []
    return kept


@dataclass(frozen=True, slots=True)
class Classification:
    """What a caller's utterance means for one tenant (the JSON of `voicebot classify`)."""

    text: str
    intent: str | None  # None: out of scope
    confidence: float  # 0-1, calibrated
    queue: str | None
    action: str  # selfservice | handoff | reprompt
    slots: Mapping[str, str] = field(default_factory=dict)
    alternatives: tuple[tuple[str, float], ...] = ()
    template: str | None = None  # the template that matched exactly, if any
    unlike_examples: bool = False  # out of scope because the words are far from every
    # intent's examples (below the similarity floor), not merely unsure between intents

    def to_json(self) -> dict[str, Any]:
        """The contract keys of `voicebot classify` (plus `template`)."""
        return {
            "text": self.text,
            "intent": self.intent,
            "confidence": round(self.confidence, 4),
            "queue": self.queue,
            "action": self.action,
            "slots": dict(self.slots),
            "alternatives": [
                {"intent": i, "confidence": round(c, 4)} for i, c in self.alternatives
            ],
            "template": self.template,
        }

    def to_event(self, call_id: str, at_ms: int) -> Intent:
        """The Intent event the Understand stage emits."""
        return Intent(
            call_id=call_id,
            at_ms=at_ms,
            name=self.intent,
            confidence=self.confidence,
            slots=dict(self.slots),
            alternatives=self.alternatives,
            unlike_examples=self.unlike_examples,
        )


@dataclass(frozen=True, slots=True)
class _Template:
    intent: str
    text: str
    pattern: re.Pattern[str]
    literal_words: int


def _literal_words(nodes: tuple[Node, ...] | list[Node]) -> int:
    return sum(1 for n in nodes if isinstance(n, Word))


# What a request for a person is about: "über meine Rechnung", "wegen der Kündigung", "about my
# refund" (the noun after the preposition and its article)
_ABOUT_TOPIC = re.compile(
    r"\b(?:ueber|wegen|bezueglich|about|regarding|concerning)\s+(?:(?:meine|meiner|meinem|meinen|"
    r"mein|die|der|den|das|dem|des|my|a|an|the)\s+)?(\w+)"
)


class TenantNLU:
    """Classifies caller text for one tenant; build once per tenant version, then pure and fast."""

    def __init__(self, tenant: Tenant, *, encoder: SentenceEncoder | str | None = "auto") -> None:
        self.tenant = tenant
        self.language = tenant.language
        self.slots = SlotReader(tenant)
        vocabulary = {
            w
            for spec in tenant.intents.values()
            for p in spec.examples
            for w in normalize(p.text, self.language).split()
        }
        self._restorer = UmlautRestorer(vocabulary)
        # German writes compounds as one word; the recogniser often splits them (not English:
        # there it joined 'i deal' into 'ideal' on Banking77).
        self._joiner = CompoundJoiner(vocabulary if self.language == "de" else ())
        self._templates: list[_Template] = []
        training: list[tuple[str, str]] = []
        for spec in tenant.intents.values():
            training += [(self._clean(p.text), spec.id) for p in spec.examples]
            training += [(text, spec.id) for text in self._add_templates(spec)]
        self._classifier = IntentClassifier(training, tenant.language, encoder=encoder)
        self.slots.learn_vocabulary(text for text, _ in training)
        self._stems: dict[str, set[str]] = {}
        for text, intent in training:
            self._stems.setdefault(intent, set()).update(_content_stems(text))
        self._classified = lru_cache(maxsize=CLASSIFIED_CACHE)(self._classify)

    def _add_templates(self, spec: IntentSpec) -> list[str]:
        """Compiles the intent's templates; returns their sampled expansions for training."""
        expansions: list[str] = []
        values = {name: self.slots.template_values(spec, name) for name in self._slot_names(spec)}
        for phrase in spec.templates:
            nodes = parse_template(phrase.text)
            pattern = compile_template(nodes, values)
            self._templates.append(_Template(spec.id, phrase.text, pattern, _literal_words(nodes)))
            for text in sample_expansions(nodes, values, EXPANSIONS_PER_TEMPLATE, seed=phrase.line):
                expansions.append(self._restorer.restore(text))
        return expansions

    def _slot_names(self, spec: IntentSpec) -> set[str]:
        return set(spec.slots) | set(self.tenant.slot_types)

    def _clean(self, text: str) -> str:
        """Text as the classifier sees it: normalised, umlauts restored, no long numbers and
        no "ich heiße …" (who calls says nothing about the concern); British and colloquial
        English in the examples' words ("cash point" -> "atm", nlu/plain_words.py)."""
        spoken = normalize(without_introduction(text), self.language)
        if self.language == "en":  # "the cash point ate my card": "the atm swallowed my card"
            spoken = plain_english(spoken)
        restored = self._restorer.restore(self._joiner.join(spoken))
        restored = _IDENTIFICATION.sub(" ", _NUMBER_RUN.sub(" ", restored))
        return " ".join(_without_spoken_numbers(restored.split()))

    def classify(self, text: str) -> Classification:
        """Intent, confidence, queue, action, slots and alternatives for one utterance.

        Pure and immutable, so kept per text and day (dates are read relative to today): a
        free turn is classified by recognition's vocabulary check (asr/vocabulary.py) and then
        by the Understand stage, and only the first does the work."""
        return self._classified(text, date.today())

    def classify_concern(self, text: str) -> Classification:
        """The concern said besides a request for a person ("my card's not working and I need
        to speak to someone about it"): classified with the agent intents left out, the others'
        probabilities given that the words are not the request alone (renormalised)."""
        whole = self._classified(text, date.today(), True)
        said = fold(self._clean(text))
        rest = _REQUEST.sub(" ", said)  # the words left without the request
        if not _content_stems(rest) or rest.split() == said.split():
            return whole  # ("Ich möchte mit jemandem über meine Rechnung sprechen": "über meine
        part = self._classified(rest, date.today(), False)  # Rechnung" read as any turn,
        part = self._named_besides_request(rest, part)
        if part.intent in AGENT_INTENTS or not self.names_distinctly(rest, str(part.intent)):
            return whole  # when it names what that intent alone is about)
        ranked = sorted((part, whole), key=lambda c: (c.intent is not None, c.confidence))
        return replace(ranked[-1], text=text)

    def _named_besides_request(self, rest: str, part: Classification) -> Classification:
        """The request for a person names what it is about ("Ich möchte mit einem Mitarbeiter
        über meine Rechnung sprechen", "… wegen meiner Kündigung", "about my refund") by the best
        guess's own topic ("Rechnung" alone stays under the threshold): that concern, for the
        agent's context."""
        if part.intent is not None or not part.alternatives:
            return part
        best, confidence = part.alternatives[0]
        if best in AGENT_INTENTS or confidence < self.tenant.nlu.threshold / 2:
            return part
        topic = _ABOUT_TOPIC.search(rest)  # ("Das dauert mir zu lange. Ich will einen
        if topic is None or not self.names_distinctly(topic.group(1), best):  # Mitarbeiter
            return part  # sprechen" names no topic: its words matched "Umzug" loosely)
        spec = self.tenant.intents[best]
        return replace(
            part, intent=best, confidence=max(confidence, self.tenant.nlu.threshold),
            queue=spec.queue, action=spec.action, alternatives=part.alternatives[1:],
        )  # fmt: skip

    def forget_classifications(self) -> None:
        """Empties the kept results (benchmarks time the work itself)."""
        self._classified.cache_clear()

    def _classify(
        self, text: str, today: date, without_agent: bool = False
    ) -> Classification:  # today: the cache's key
        clean = self._clean(text)
        if not clean:
            return Classification(text, None, 0.0, None, "reprompt")
        named = _names_a_person(clean) and not without_agent
        excluded = () if named else AGENT_INTENTS  # "sie machen einen tollen
        scores = self._classifier.scores(clean, excluded)  # Job" is no request for a person
        ranking = dict(scores.ranking)
        if without_agent:  # the concern given that the person was asked for: conditional on
            if max(ranking.values(), default=0.0) < self.tenant.nlu.threshold / 4:
                return Classification(text, None, 0.0, None, "reprompt")  # (no concern said:
            total = sum(ranking.values()) or 1.0  # "verbinden Sie mich einfach")
            ranking = {name: p / total for name, p in ranking.items()}
        match = self._best_template(fold(normalize(text, self.language)) + " ", ranking)
        match = match or self._best_template(fold(clean) + " ", ranking)
        if match is not None:
            ranking = _lift(ranking, match[0].intent, TEMPLATE_CONFIDENCE)
        ordered = sorted(ranking.items(), key=lambda kv: (-kv[1], kv[0]))
        best, confidence = ordered[0]
        runner_up = ordered[1][1] if len(ordered) > 1 else 0.0
        knobs = self.tenant.nlu
        far = (
            match is None
            and scores.similarity < self._classifier.similarity_floor
            and not self._names_what_it_needs(text, best)
        )
        if not far and match is None and self._lead_the_same_way(ordered[:2]):
            third = ordered[2][1] if len(ordered) > 2 else 0.0  # either means the same queue:
            confidence, runner_up = confidence + runner_up, third  # decided on their sum
        if far or confidence < knobs.threshold or confidence - runner_up < knobs.margin:
            slots = self.slots.read_all(text, None, {})
            return Classification(
                text, None, confidence, None, "reprompt", slots, tuple(ordered[:3]),
                unlike_examples=far,
            )  # fmt: skip
        spec = self.tenant.intents[best]
        slots = self.slots.read_all(text, spec, match[1] if match else {})
        return Classification(
            text=text,
            intent=best,
            confidence=confidence,
            queue=spec.queue,
            action=spec.action,
            slots=slots,
            alternatives=tuple(ordered[1:4]),
            template=match[0].text if match else None,
        )

    def _lead_the_same_way(self, ranked: list[tuple[str, float]]) -> bool:
        """The two best intents both hand off to the same queue at the same priority ("my
        transfer didn't go through": failed_transfer or transfer_not_received_by_recipient,
        the transfers team either way), so being unsure between them changes nothing."""
        if len(ranked) < 2:
            return False
        first, second = (self.tenant.intents[name] for name, _ in ranked)
        plain = all(  # nothing said before the handoff that would differ; no agent request
            s.action == "handoff" and s.queue and not (s.answer or s.builtin_answer)
            and s.id not in AGENT_INTENTS for s in (first, second)
        )  # fmt: skip
        return plain and (first.queue, first.priority) == (second.queue, second.priority)

    def shares_words(self, text: str, intent: str) -> bool:
        """Whether the text has a content word in common with the intent's examples (by its
        first five letters: "abgebucht" and "abbuchung" do not meet, "kostet" and "kosten" do).
        A follow-up question ("wann ist das denn behoben?") that the classifier places by its
        question word alone shares none with the intent it lands on (Öffnungszeiten)."""
        return bool(_content_stems(self._clean(text)) & self._stems.get(intent, set()))

    def names_distinctly(self, text: str, intent: str) -> bool:
        """The text has a content word of the intent's examples that at most two other intents
        use ("Rechnung", "Kündigung"; not "Internet" or a product name, which many do)."""
        stems = _content_stems(self._clean(text)) & self._stems.get(intent, set())
        return any(sum(stem in words for words in self._stems.values()) <= 3 for stem in stems)

    def _names_what_it_needs(self, text: str, intent: str) -> bool:
        """The text names a catalog product and the intent needs one ("Wie muss ich die
        Brützeln lagen?"): that is the tenant's domain, however far the wording is from the
        intent's examples, so the similarity floor does not apply (threshold and margin do)."""
        spec = self.tenant.intents[intent]
        if not spec.needs or self.slots.catalog is None:
            return False
        kinds = {name: self.tenant.slot_types[name].kind for name in spec.needs
                 if name in self.tenant.slot_types}  # fmt: skip
        found = self.slots.read_all(text, None, {})
        return any(kind == "product" and found.get(name) for name, kind in kinds.items())

    def _best_template(
        self, folded: str, ranking: Mapping[str, float]
    ) -> tuple[_Template, dict[str, str]] | None:
        """The exact template match that wins the written-down tie-breaks, with its slots."""
        found: list[tuple[_Template, dict[str, str]]] = []
        for template in self._templates:
            m = template.pattern.fullmatch(folded)
            if m is None:
                continue
            spec = self.tenant.intents[template.intent]
            slots = self.slots.from_template(spec, m.groupdict())
            if slots is not None:
                found.append((template, slots))
        if not found:
            return None
        return max(
            found, key=lambda f: (f[0].literal_words, ranking.get(f[0].intent, 0.0), f[0].intent)
        )

    def slot(self, name: str, text: str, today: date | None = None) -> str | None:
        """One slot read from a caller's answer to a question for it ("Ihre Kundennummer?")."""
        return self.slots.read(name, text, today)


# A request for a person names one, a transfer or the machine it will not talk to. Without
# any of these the agent intents are no candidates: the classifier's catch-all for "I want
# something" otherwise takes sentences such as "können Sie mir einen Handwerker empfehlen".
_PERSON = re.compile(
    r"\b(mitarbeiter\w*|mensch\w*|berater\w*|kolleg\w*|ansprechpartner\w*|person|personen|jemand\w*|"
    r"\w*service|\w*betreuung|\w*abteilung|zentrale|agent\w*|human|operator|representative|"
    r"someone|somebody|anyone|anybody|people|staff|team|department|manager|supervisor|"
    r"advis[eo]r|consultant|vorgesetzt\w*|chef\w*|\w*bearbeiter\w*|\w*dienst|"
    r"verbind\w*|verbunden|durchstell\w*|weiterleit\w*|weiter|zurueckruf\w*|rueckruf\w*|"
    r"connect\w*|transfer|through|call me back|callback|"
    r"roboter\w*|maschine\w*|computer\w*|automat\w*|bot|robot\w*|machine\w*)\b"
)


# The words of a request for a person, left out to read the concern said besides it ("Ich
# möchte mit jemandem über meine Rechnung sprechen"); team names stay (they may be the concern).
_REQUEST = re.compile(
    r"\b(mitarbeiter\w*|mensch\w*|berater\w*|kolleg\w*|ansprechpartner\w*|person|personen|"
    r"jemand\w*|agent\w*|human|operator|representative|someone|somebody|anyone|anybody|staff|"
    r"manager|supervisor|advis[eo]r|consultant|echt\w*|richtig\w*|real|actual|"
    r"sprechen|spreche|reden|rede|verbind\w*|verbunden|durchstell\w*|weiterleit\w*|weiter|"
    r"speak\w*|talk\w*|chat|put me through|get me through|transfer me|"
    r"live(?= (?:agent|person|human|operator|representative|someone)))\b"
)


def _content_stems(text: str) -> set[str]:
    """The first five letters of the words that carry meaning (no function words, numbers)."""
    return {
        w[:5] for w in fold(text).split() if len(w) >= 4 and w.isalpha() and w not in FUNCTION_WORDS
    }


def _names_a_person(text: str) -> bool:
    return _PERSON.search(fold(text)) is not None


def _lift(ranking: Mapping[str, float], intent: str, floor: float) -> dict[str, float]:
    """Raises one intent to at least `floor`, scaling the others so the total stays the same."""
    current = ranking.get(intent, 0.0)
    if current >= floor:
        return dict(ranking)
    rest = sum(p for i, p in ranking.items() if i != intent)
    scale = (1.0 - floor) / rest if rest > 0 else 0.0
    return {i: (floor if i == intent else p * scale) for i, p in ranking.items()}
