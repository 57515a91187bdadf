"""Intent classifier: ranks a tenant's intents for one recogniser utterance (calibrated, pure).

Two logistic-regression models vote: one on sentence-encoder vectors (`embeddings.py`: MiniLM
for English, multilingual USE otherwise), one on TF-IDF word + character n-grams of the folded
text (catches product names and exact wording). Their probabilities are averaged with
`ENCODER_WEIGHT`, then sharpened or softened by a temperature fitted on held-out folds of the
examples, so that one threshold + margin works for tenants with 12 or 150 intents.

Out of scope: probabilities only say which intent is *more* likely, so nonsense ("blubb blubb")
can still get a confident winner. `Scores.similarity` measures how close the text is to the best
intent's own examples: cosine to the intent's centroid (or k nearest examples, `NEIGHBOURS`) in
encoder space, mixed with the best
character n-gram TF-IDF cosine to any example (`LEXICAL_WEIGHT`). `IntentClassifier.decide`
accepts the best intent only with probability ≥ threshold AND lead ≥ margin AND similarity ≥
the encoder's floor. Measured numbers and the choice of defaults: `benchmarks/results/nlu.md`.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.svm import LinearSVC
from threadpoolctl import threadpool_limits

from voicebot.nlu import normalize as recogniser_text
from voicebot.nlu.embeddings import SentenceEncoder, encoder_for

ENCODER_WEIGHT = 0.75  # share of the encoder model in the averaged probabilities (Banking77)
C_ENCODER = 10.0  # inverse L2 strength; 10 measured best on Banking77 10-shot (3 to 100 tried)
C_TFIDF = 1.0  # linear SVM on TF-IDF: as accurate in the mix as logistic regression, 20x faster
TFIDF_SCALE = 5.0  # SVM margins -> probabilities by softmax(scale * margin); 5 measured best
CALIBRATION_FOLDS = 3
TEMPERATURES = np.exp(np.linspace(np.log(0.1), np.log(3.0), 40))
# Recommended out-of-scope rule (threshold and margin per tenant in tenant.yaml `nlu`): reject
# when the best intent's calibrated probability is below DEFAULT_THRESHOLD, beats the runner-up by
# less than DEFAULT_MARGIN, or its similarity is below the encoder's floor. Chosen on CLINC150
# validation data (10-shot, in-scope val + oos_val; never the test split), see benchmarks/nlu.py.
DEFAULT_THRESHOLD = 0.25
DEFAULT_MARGIN = 0.0
LEXICAL_WEIGHT = 0.3  # share of the char n-gram cosine in `Scores.similarity`
SIMILARITY_FLOORS = {  # per encoder: cosines differ between encoders
    "all-MiniLM-L6-v2-int8": 0.38,  # English, chosen on CLINC150 val
    "use-multilingual-v3": 0.39,  # German, chosen on the German held-out dev phrases
}
# The semantic part of `Scores.similarity`: cosine to the intent's centroid (None), or the mean
# cosine to its k nearest examples (callers' wordings spread over several examples). German
# held-out phrases, with compound joining: accuracy dev 84.9 -> 85.4 %, test 83.9 -> 84.9 %; on
# English CLINC150 with MiniLM the centroid was as good. benchmarks/results/nlu_heldout.md.
NEIGHBOURS: dict[str, int | None] = {"all-MiniLM-L6-v2-int8": None, "use-multilingual-v3": 3}

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Lowercase, umlauts folded to ae/oe/ue/ss, punctuation removed, spaces squeezed."""
    text = unicodedata.normalize("NFC", text).lower().translate(_UMLAUTS)
    return _SPACES.sub(" ", _NON_WORD.sub(" ", text)).strip()


class _TfidfModel:
    """Word 1-2-gram + char_wb 2-5-gram TF-IDF features of folded text."""

    def __init__(self, texts: Sequence[str]) -> None:
        self._words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
        self._chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
        self._words.fit(texts)
        self._chars.fit(texts)

    @property
    def chars(self) -> TfidfVectorizer:
        """The fitted character n-gram vectorizer (rows are L2-normalised)."""
        return self._chars

    def features(self, texts: Sequence[str]) -> csr_matrix:
        """Sparse features, one row per text."""
        return hstack([self._words.transform(texts), self._chars.transform(texts)]).tocsr()


def _fit(features: object, labels: Sequence[str], c: float) -> LogisticRegression:
    """Multinomial logistic regression; float64 features converge ~10x faster than float32."""
    return LogisticRegression(C=c, max_iter=3000).fit(features, labels)


class _MarginModel:
    """Linear SVM whose margins become probabilities by a softmax (for the sparse TF-IDF side)."""

    def __init__(self, features: csr_matrix, labels: Sequence[str]) -> None:
        self._svm = LinearSVC(C=C_TFIDF).fit(features, labels)
        self.classes_ = self._svm.classes_

    def predict_proba(self, features: csr_matrix) -> np.ndarray:
        """Softmax over scaled margins, one row per text."""
        margins = np.asarray(self._svm.decision_function(features), dtype=np.float64)
        if margins.ndim == 1:  # two intents: sklearn returns the margin of the second only
            margins = np.stack([-margins, margins], axis=1)
        logits = TFIDF_SCALE * margins
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        return exp / exp.sum(axis=1, keepdims=True)


@dataclass(frozen=True, slots=True)
class Scores:
    """One text as the classifier sees it: the ranking, and closeness to the best intent."""

    ranking: list[tuple[str, float]]  # calibrated probabilities, best first (sum ≤ 1)
    similarity: float  # ~0-1: closeness of the text to the best intent's examples

    @property
    def lead(self) -> float:
        """The best intent's probability minus the runner-up's."""
        runner_up = self.ranking[1][1] if len(self.ranking) > 1 else 0.0
        return self.ranking[0][1] - runner_up


class _Closeness:
    """How close a text is to one intent's examples: encoder cosine (to the centroid or the k
    nearest examples) mixed with the best char n-gram cosine to any example."""

    def __init__(
        self,
        tfidf: _TfidfModel,
        texts: Sequence[str],
        labels: Sequence[str],
        vectors: np.ndarray | None,
        neighbours: int | None = None,
    ) -> None:
        self._chars = tfidf.chars
        self._example_chars = tfidf.chars.transform(texts).T.tocsc()
        self._neighbours = neighbours
        self._examples: dict[str, np.ndarray] = {}  # per intent: centroid (1 row) or examples
        for intent in set(labels) if vectors is not None else ():
            rows = vectors[[i for i, label in enumerate(labels) if label == intent]]
            if neighbours is None:
                mean = rows.mean(axis=0)
                rows = (mean / max(float(np.linalg.norm(mean)), 1e-12))[None, :]
            self._examples[intent] = rows

    def to(self, intent: str, text: str, vector: np.ndarray | None) -> float:
        """Similarity of folded `text` (and its encoder vector) to `intent`, about 0-1."""
        overlaps = (self._chars.transform([text]) @ self._example_chars).data
        lexical = float(overlaps.max()) if overlaps.size else 0.0
        if vector is None or intent not in self._examples:
            return lexical
        cosines = self._examples[intent] @ vector
        k = self._neighbours
        nearest = np.partition(cosines, -k)[-k:] if k and cosines.size > k else cosines
        semantic = float(nearest.mean())
        return (1.0 - LEXICAL_WEIGHT) * semantic + LEXICAL_WEIGHT * lexical


class IntentClassifier:
    """Calibrated intent ranking from (text, intent) examples; training takes about a second."""

    def __init__(
        self,
        examples: Sequence[tuple[str, str]],
        language: str,
        *,
        encoder: SentenceEncoder | str | None = "auto",
    ) -> None:
        if not examples:
            raise ValueError("IntentClassifier needs at least one (text, intent) example")
        self.language = language
        if isinstance(encoder, str) and encoder != "auto":
            raise ValueError(f"encoder must be 'auto', None or a SentenceEncoder, not {encoder!r}")
        self._encoder = encoder_for(language) if isinstance(encoder, str) else encoder
        self._spoken = [recogniser_text.normalize(text, language) for text, _ in examples]
        self._labels = [intent for _, intent in examples]
        self.intents: list[str] = sorted(set(self._labels))
        self.temperature = 1.0
        name = None if self._encoder is None else self._encoder.name
        self.similarity_floor = SIMILARITY_FLOORS.get(name, 0.0) if name else 0.0
        vectors = self._encode(self._spoken)
        texts = [normalize(s) for s in self._spoken]
        with threadpool_limits(1):  # small matrices: 2 BLAS threads were 20x slower under load
            if len(self.intents) == 1:
                self._tfidf = _TfidfModel(texts)
            else:
                self._tfidf, self._tfidf_model, self._vector_model = self._train(
                    range(len(examples)), vectors
                )
                self.temperature = self._fit_temperature(vectors)
        neighbours = NEIGHBOURS.get(name) if name else None
        self._closeness = _Closeness(self._tfidf, texts, self._labels, vectors, neighbours)

    def rank(self, text: str) -> list[tuple[str, float]]:
        """All intents with calibrated probabilities, best first (sum ≤ 1)."""
        return self.scores(text).ranking

    def scores(self, text: str, excluded: Collection[str] = ()) -> Scores:
        """The calibrated ranking plus the similarity of the text to the best intent; intents
        `excluded` are left out (the others keep their probabilities: nothing gets surer)."""
        spoken = recogniser_text.normalize(text, self.language)
        vectors = self._encode([spoken])
        vector = None if vectors is None else vectors[0]
        if len(self.intents) == 1:
            ranking = [(self.intents[0], 1.0)]
        else:
            probabilities = self._calibrated(self._mixed(self._models(), [spoken], vectors))[0]
            order = np.argsort(-probabilities, kind="stable")
            ranking = [(self.intents[i], float(probabilities[i])) for i in order]
        ranking = [(name, p) for name, p in ranking if name not in excluded] or ranking
        return Scores(ranking, self._closeness.to(ranking[0][0], normalize(spoken), vector))

    def accepts(self, scores: Scores, threshold: float, margin: float) -> bool:
        """In scope: probability ≥ threshold, lead ≥ margin and similarity ≥ the encoder's floor."""
        return (
            scores.ranking[0][1] >= threshold
            and scores.lead >= margin
            and scores.similarity >= self.similarity_floor
        )

    def decide(
        self, text: str, threshold: float = DEFAULT_THRESHOLD, margin: float = DEFAULT_MARGIN
    ) -> tuple[str | None, Scores]:
        """The best intent, or None when out of scope, with the scores it was decided on."""
        scores = self.scores(text)
        return (scores.ranking[0][0] if self.accepts(scores, threshold, margin) else None), scores

    def _encode(self, spoken: Sequence[str]) -> np.ndarray | None:
        """Encoder vectors as float64, or None when running without an encoder."""
        if self._encoder is None:
            return None
        return self._encoder.encode(list(spoken)).astype(np.float64)

    def _train(
        self, rows: Sequence[int], vectors: np.ndarray | None
    ) -> tuple[_TfidfModel, _MarginModel, LogisticRegression | None]:
        """Both models trained on the given example rows."""
        texts = [normalize(self._spoken[i]) for i in rows]
        labels = [self._labels[i] for i in rows]
        tfidf = _TfidfModel(texts)
        tfidf_model = _MarginModel(tfidf.features(texts), labels)
        vector_model = None if vectors is None else _fit(vectors[list(rows)], labels, C_ENCODER)
        return tfidf, tfidf_model, vector_model

    def _models(self) -> tuple[_TfidfModel, _MarginModel, LogisticRegression | None]:
        return self._tfidf, self._tfidf_model, self._vector_model

    def _mixed(
        self,
        models: tuple[_TfidfModel, _MarginModel, LogisticRegression | None],
        spoken: Sequence[str],
        vectors: np.ndarray | None,
    ) -> np.ndarray:
        """Averaged probabilities over all intents (columns in `self.intents` order)."""
        tfidf, tfidf_model, vector_model = models
        mixed = self._spread(
            tfidf_model, tfidf_model.predict_proba(tfidf.features([normalize(s) for s in spoken]))
        )
        if vector_model is None or vectors is None:
            return mixed
        by_vector = self._spread(vector_model, vector_model.predict_proba(vectors))
        return ENCODER_WEIGHT * by_vector + (1.0 - ENCODER_WEIGHT) * mixed

    def _spread(
        self, model: _MarginModel | LogisticRegression, probabilities: np.ndarray
    ) -> np.ndarray:
        """Model columns placed into `self.intents` columns (an intent a fold missed gets 0)."""
        spread = np.zeros((probabilities.shape[0], len(self.intents)))
        columns = [self.intents.index(str(label)) for label in model.classes_]
        spread[:, columns] = probabilities
        return spread

    def _calibrated(self, probabilities: np.ndarray) -> np.ndarray:
        """Temperature-scaled probabilities, each row summing to 1."""
        logits = np.log(np.maximum(probabilities, 1e-12)) / self.temperature
        logits -= logits.max(axis=1, keepdims=True)
        scaled = np.exp(logits)
        return scaled / scaled.sum(axis=1, keepdims=True)

    def _fit_temperature(self, vectors: np.ndarray | None) -> float:
        """Temperature with the least log loss on held-out folds of the examples."""
        folds = _folds(self._labels, CALIBRATION_FOLDS)
        if not folds:
            return 1.0
        held_out, truth = [], []
        for train_rows, test_rows in folds:
            models = self._train(train_rows, vectors)
            test_vectors = None if vectors is None else vectors[test_rows]
            held_out.append(self._mixed(models, [self._spoken[i] for i in test_rows], test_vectors))
            truth.extend(self.intents.index(self._labels[i]) for i in test_rows)
        log_p = np.log(np.maximum(np.concatenate(held_out), 1e-12))
        rows = np.arange(len(truth))
        losses = []
        for temperature in TEMPERATURES:
            logits = log_p / temperature
            logits -= logits.max(axis=1, keepdims=True)
            log_norm = np.log(np.exp(logits).sum(axis=1))
            losses.append(float(np.mean(log_norm - logits[rows, truth])))
        return float(TEMPERATURES[int(np.argmin(losses))])


def _folds(labels: Sequence[str], count: int) -> list[tuple[list[int], list[int]]]:
    """Deterministic stratified folds: the k-th example of each intent goes to fold k % count."""
    count = min(count, *Counter(labels).values())  # no fold without an example of each intent
    if count < 2:
        return []
    seen: Counter[str] = Counter()
    fold_of = []
    for label in labels:
        fold_of.append(seen[label] % count)
        seen[label] += 1
    return [
        (
            [i for i, f in enumerate(fold_of) if f != k],
            [i for i, f in enumerate(fold_of) if f == k],
        )
        for k in range(count)
    ]
