"""Intent classifier: ranks a tenant's intents for one recogniser utterance (calibrated, pure)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np
from scipy.sparse import hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
_NON_WORD = re.compile(r"[^\w\s]+")
_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Lowercase, umlauts folded to ae/oe/ue/ss, punctuation removed, spaces squeezed."""
    text = unicodedata.normalize("NFC", text).lower().translate(_UMLAUTS)
    return _SPACES.sub(" ", _NON_WORD.sub(" ", text)).strip()


class IntentClassifier:
    """TF-IDF word + character n-grams with logistic regression over a tenant's examples."""

    def __init__(self, examples: Sequence[tuple[str, str]], language: str) -> None:
        if not examples:
            raise ValueError("IntentClassifier needs at least one (text, intent) example")
        self.language = language
        texts = [normalize(text) for text, _ in examples]
        labels = [intent for _, intent in examples]
        self._words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
        self._chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True)
        features = hstack([self._words.fit_transform(texts), self._chars.fit_transform(texts)])
        self.intents: list[str] = sorted(set(labels))
        self._single = self.intents[0] if len(self.intents) == 1 else None
        if self._single is None:
            self._model = LogisticRegression(C=10.0, max_iter=2000)
            self._model.fit(features, labels)

    def rank(self, text: str) -> list[tuple[str, float]]:
        """All intents with probabilities, best first (sum ≤ 1)."""
        if self._single is not None:
            return [(self._single, 1.0)]
        clean = normalize(text)
        features = hstack([self._words.transform([clean]), self._chars.transform([clean])])
        probabilities = self._model.predict_proba(features)[0]
        order = np.argsort(-probabilities, kind="stable")
        classes = self._model.classes_
        return [(str(classes[i]), float(probabilities[i])) for i in order]
