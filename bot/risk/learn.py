"""Training the dissatisfaction model: labelled examples in, a `LinearModel` out (scikit-learn, imported
only here, so analysing never pays for it)."""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from bot.risk.model import LinearModel, features, team_level
from bot.text.normalize import fold

C = 1.0
MAX_WEIGHTS = 20_000  # the largest weights kept: under 1 MB of JSON, and a dictionary that stays in cache
MAX_HEAD_WEIGHTS = 4_000  # a level head's, per level: it reads only messages already found unhappy


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


def _rows(texts: list[str], keep: Callable[[str], bool] | None = None) -> list[dict[str, float]]:
    rows = []
    for text in texts:
        feats = features(fold(text).text)
        if keep is not None:
            feats = set(filter(keep, feats))
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


def fit(data: TrainingSet, *, name: str, c: float = C, threshold: float | None = None,
        keep: Callable[[str], bool] | None = None) -> LinearModel:
    """A model on all the data; the threshold is the cross-validated one unless given; only the features `keep`
    accepts get a weight."""
    if threshold is None:
        threshold = cross_validate(data, c=c)["threshold"]
    vectorizer, model = _fit_raw(_rows(data.texts, keep), data.labels, data.weights, c)
    names = vectorizer.get_feature_names_out()
    coef = model.coef_[0]
    order = sorted(range(len(coef)), key=lambda i: -abs(coef[i]))[:MAX_WEIGHTS]
    weights = {str(names[i]): round(float(coef[i]), 4) for i in order if abs(coef[i]) >= 1e-4}
    return LinearModel(weights=weights, bias=round(float(model.intercept_[0]), 4), threshold=threshold, name=name)


# -- a team's model: its labelled examples on top of the shipped knowledge ----------------------------
ABOVE_NONE = ("potential", "explicit", "high_risk")
FOLDS = 5


@dataclass(frozen=True)
class Example:
    """A labelled message. `level` is None when only "complaint or not" is known (a binary label)."""

    text: str
    level: str | None
    lang: str = ""

    @property
    def complaint(self) -> bool:
        return self.level != "none" if self.level is not None else True


def score(golds: list[Example], predicted: list[str]) -> dict:
    """Figures for predicted levels against labels: complaint-vs-none on every example; macro-F1 and
    per-level precision and recall on the examples with a four-level label; the same per language."""
    def f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def block(pairs: list[tuple[Example, str]]) -> dict:
        tp = sum(g.complaint and p != "none" for g, p in pairs)
        fp = sum(not g.complaint and p != "none" for g, p in pairs)
        fn = sum(g.complaint and p == "none" for g, p in pairs)
        cp, cr = (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)
        out = {"n": len(pairs), "complaint_precision": cp, "complaint_recall": cr, "complaint_f1": f1(cp, cr)}
        four = [(g.level, p) for g, p in pairs if g.level is not None]
        if any(g in ABOVE_NONE for g, _ in four):
            per = {}
            for level in ("none", *ABOVE_NONE):
                ltp = sum(g == level and p == level for g, p in four)
                lfp = sum(g != level and p == level for g, p in four)
                lfn = sum(g == level and p != level for g, p in four)
                lp, lr = (ltp / (ltp + lfp) if ltp + lfp else 0.0), (ltp / (ltp + lfn) if ltp + lfn else 0.0)
                per[level] = {"precision": lp, "recall": lr, "f1": f1(lp, lr)}
            out["per_level"] = per
            out["macro_f1"] = sum(v["f1"] for v in per.values()) / len(per)
            out["accuracy"] = sum(g == p for g, p in four) / len(four)
        return out

    pairs = list(zip(golds, predicted))
    report = block(pairs)
    langs = sorted({g.lang for g in golds if g.lang})
    if len(langs) > 1:
        report["by_lang"] = {lang: block([(g, p) for g, p in pairs if g.lang == lang]) for lang in langs}
    return report


def primary(report: dict) -> float:
    """The figure a new model must beat: macro-F1 when the labels have levels, else complaint F1."""
    return report.get("macro_f1", report["complaint_f1"])


def _team_rows(examples: list[Example], rules, shipped: LinearModel | None) -> tuple[list[dict], list]:
    """Each example's features (words, the rules' level and signals, the shipped log-odds) and rules reading."""
    from bot.risk.model import context_features

    rows, readings = [], []
    for example in examples:
        reading = rules.analyze(example.text)
        folded = fold(example.text).text
        feats = features(folded)
        row = dict.fromkeys(feats, 1 / math.sqrt(len(feats)) if feats else 0.0)
        row.update(context_features(reading.level, reading.signals, shipped.logit(folded) if shipped else 0.0))
        rows.append(row)
        readings.append(reading)
    return rows, readings


def _fit_team(rows: list[dict], examples: list[Example], *, name: str, threshold: float, c: float) -> LinearModel:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    labels = [int(e.complaint) for e in examples]
    vectorizer, model = _fit_raw(rows, labels, [1.0] * len(rows), c)
    names = vectorizer.get_feature_names_out()
    weights = _kept(names, model.coef_[0])
    levels = None
    graded = [i for i, e in enumerate(examples) if e.level in ABOVE_NONE]
    counts = Counter(examples[i].level for i in graded)
    if sum(1 for n in counts.values() if n >= 3) >= 2:
        head_vec = DictVectorizer()
        matrix = head_vec.fit_transform([rows[i] for i in graded])
        head = LogisticRegression(C=c, max_iter=3000).fit(matrix, [examples[i].level for i in graded])
        head_names = head_vec.get_feature_names_out()
        classes = list(head.classes_)
        if len(classes) == 2:  # a binary head: the second class's weights, the first's are their negative
            coef = {classes[1]: head.coef_[0], classes[0]: -head.coef_[0]}
            bias = {classes[1]: float(head.intercept_[0]), classes[0]: -float(head.intercept_[0])}
        else:
            coef = {cls: head.coef_[i] for i, cls in enumerate(classes)}
            bias = {cls: float(head.intercept_[i]) for i, cls in enumerate(classes)}
        levels = {"bias": {k: round(v, 4) for k, v in bias.items()},
                  "weights": {k: _kept(head_names, v, MAX_HEAD_WEIGHTS) for k, v in coef.items()}}
    return LinearModel(weights=weights, bias=round(float(model.intercept_[0]), 4), threshold=threshold, name=name,
                       context=True, levels=levels)


def _kept(names, coef, most: int = MAX_WEIGHTS) -> dict[str, float]:
    order = sorted(range(len(coef)), key=lambda i: -abs(coef[i]))[:most]
    return {str(names[i]): round(float(coef[i]), 4) for i in order if abs(coef[i]) >= 1e-4}


def train_team(examples: list[Example], *, current, name: str, c: float = C, seed: int = 7) -> tuple[LinearModel, dict]:
    """A team model from labelled examples, and k-fold figures for it beside the current engine's on the
    same examples. `current` is the analyzer in use (its rules and shipped model are the model's base)."""
    from sklearn.model_selection import StratifiedKFold

    rules = current.with_model(None)
    shipped = current.shipped
    rows, readings = _team_rows(examples, rules, shipped)
    strata = [e.level or "complaint" for e in examples]
    smallest = min(Counter(strata).values())
    k = max(2, min(FOLDS, smallest))
    probability = [0.0] * len(examples)
    heads: dict[int, LinearModel] = {}
    folds = list(StratifiedKFold(n_splits=k, shuffle=True, random_state=seed).split(rows, strata))
    for fold_no, (train, test) in enumerate(folds):
        part = _fit_team([rows[i] for i in train], [examples[i] for i in train], name=name, threshold=0.5, c=c)
        heads[fold_no] = part
        for i in test:
            probability[i] = _probability(part, rows[i])
    _unused, threshold = _best_threshold([int(e.complaint) for e in examples], probability)
    # The level head is kept only when it does better, out of fold, than the rules' level above none.
    with_head, without = [""] * len(examples), [""] * len(examples)
    for fold_no, (_train, test) in enumerate(folds):
        part = heads[fold_no]
        for i in test:
            with_head[i] = _decide(part, rows[i], probability[i], threshold, readings[i])
            without[i] = _decide(part, rows[i], probability[i], threshold, readings[i], head=False)
    head_report, plain_report = score(examples, with_head), score(examples, without)
    keep_head = primary(head_report) > primary(plain_report)
    model = _fit_team(rows, examples, name=name, threshold=threshold, c=c)
    if not keep_head:
        model.levels = None
    engine = [current.analyze(e.text).level for e in examples]
    report = {"examples": len(examples), "folds": k, "threshold": threshold, "level_head": model.levels is not None,
              "model": head_report if keep_head else plain_report, "engine": score(examples, engine)}
    report["better"] = primary(report["model"]) > primary(report["engine"])
    return model, report


def _probability(model: LinearModel, row: dict[str, float]) -> float:
    z = model.bias + sum(model.weights.get(k, 0.0) * v for k, v in row.items())
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def _decide(model: LinearModel, row: dict[str, float], probability: float, threshold: float, reading,
            head: bool = True) -> str:
    """The engine's level with this model, for a row already computed (cross-validation)."""
    from bot.risk.analyzer import SAFETY_SIGNALS

    choice = None
    if head and model.levels and probability >= threshold:
        scores = {lv: model.levels["bias"][lv] + sum(w.get(k, 0.0) * v for k, v in row.items())
                  for lv, w in model.levels["weights"].items()}
        choice = max(scores, key=scores.get)
    return team_level(probability=probability, threshold=threshold, head=choice, rules_level=reading.level,
                      safety=bool(SAFETY_SIGNALS & set(reading.signals)))
