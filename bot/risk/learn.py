"""Training the dissatisfaction model: labelled examples in, a `LinearModel` out (scikit-learn, imported
only here, so analysing never pays for it)."""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from dataclasses import dataclass, field

from bot.risk.model import LinearModel, features
from bot.text.normalize import fold

C = 1.0
MAX_WEIGHTS = 20_000  # the largest weights kept: under 1 MB of JSON, and a dictionary that stays in cache


def half_of(text: str) -> str:
    """"train" or "held": a fixed split by the text's hash, so the public sets that give training examples
    are measured on the other half only."""
    return "train" if hashlib.sha1(text.strip().encode("utf-8")).digest()[0] % 2 == 0 else "held"


@dataclass
class TrainingSet:
    """Texts with a binary label (1: dissatisfied, at least potential) and where they came from."""

    texts: list[str] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    langs: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    weights: list[float] = field(default_factory=list)

    def add(self, text: str, label: int, *, lang: str = "", source: str = "", weight: float = 1.0) -> None:
        self.texts.append(text)
        self.labels.append(int(label))
        self.langs.append(lang)
        self.sources.append(source)
        self.weights.append(weight)

    def __len__(self) -> int:
        return len(self.texts)

    def describe(self) -> str:
        by_source = Counter(self.sources)
        positive = Counter(s for s, y in zip(self.sources, self.labels) if y)
        return ", ".join(f"{s}: {n} ({positive[s]} dissatisfied)" for s, n in sorted(by_source.items()))


def _rows(texts: list[str]) -> list[dict[str, float]]:
    rows = []
    for text in texts:
        feats = features(fold(text).text)
        rows.append(dict.fromkeys(feats, 1 / math.sqrt(len(feats)) if feats else 0.0))
    return rows


def _fit_raw(rows, labels, weights, c: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform(rows)
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(matrix, labels, sample_weight=weights)
    return vectorizer, model


def _best_threshold(labels: list[int], probabilities: list[float]) -> tuple[float, float]:
    """The threshold with the best complaint F1, and that F1."""
    best = (0.0, 0.5)
    for step in range(20, 81):
        t = step / 100
        tp = sum(1 for y, p in zip(labels, probabilities) if y and p >= t)
        fp = sum(1 for y, p in zip(labels, probabilities) if not y and p >= t)
        fn = sum(1 for y, p in zip(labels, probabilities) if y and p < t)
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best[0]:
            best = (f1, t)
    return best


def cross_validate(data: TrainingSet, *, k: int = 5, c: float = C, seed: int = 7) -> dict:
    """Out-of-fold figures on the training data; also picks the threshold `fit` uses."""
    from sklearn.metrics import roc_auc_score
    from sklearn.model_selection import StratifiedKFold

    rows = _rows(data.texts)
    labels = data.labels
    out = [0.0] * len(rows)
    folds = StratifiedKFold(n_splits=k, shuffle=True, random_state=seed)
    for train, test in folds.split(rows, labels):
        vectorizer, model = _fit_raw([rows[i] for i in train], [labels[i] for i in train],
                                     [data.weights[i] for i in train], c)
        probs = model.predict_proba(vectorizer.transform([rows[i] for i in test]))[:, 1]
        for i, p in zip(test, probs):
            out[i] = float(p)
    f1, threshold = _best_threshold(labels, out)
    auc = roc_auc_score(labels, out) if 0 < sum(labels) < len(labels) else float("nan")
    return {"f1": f1, "auc": auc, "threshold": threshold, "C": c, "probabilities": out}


def fit(data: TrainingSet, *, name: str, c: float = C, threshold: float | None = None) -> LinearModel:
    """A model on all the data; the threshold is the cross-validated one unless given."""
    if threshold is None:
        threshold = cross_validate(data, c=c)["threshold"]
    vectorizer, model = _fit_raw(_rows(data.texts), data.labels, data.weights, c)
    names = vectorizer.get_feature_names_out()
    coef = model.coef_[0]
    order = sorted(range(len(coef)), key=lambda i: -abs(coef[i]))[:MAX_WEIGHTS]
    weights = {str(names[i]): round(float(coef[i]), 4) for i in order if abs(coef[i]) >= 1e-4}
    return LinearModel(weights=weights, bias=round(float(model.intercept_[0]), 4), threshold=threshold, name=name)
