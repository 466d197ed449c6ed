"""The learned dissatisfaction model: a linear model over character and word n-grams of the folded text.

It decides what the rules cannot: whether a message with no trigger is dissatisfied, and how strongly.
Features are computed here in plain Python for both training (scripts/train_risk_model.py, scikit-learn)
and analysis, so the model that was measured is the model that runs. Weights are a JSON file a reviewer
can read: `bot/risk/model/shipped.json`, described by `bot/risk/model/CARD.md`.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

from bot.levels import level_rank

MODEL_DIR = Path(__file__).parent / "model"
SHIPPED = MODEL_DIR / "shipped.json"
MAX_FEATURE_CHARS = 2_000  # the head of a long message says whether it is unhappy; the rest costs time

# Runs of Han characters, Latin words (with an apostrophe inside), numbers, and shouted punctuation.
_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[a-z]+(?:'[a-z]+)?|\d+|[!?！？]+|[~～…]+")
_NUMBER = "<n>"
# Who is addressed, not how they feel: in the training data every Weibo post says 你们 / "you" to the brand
# and no plain payment-app question does, so these taught "a post to a brand" and flagged polite enquiries
# (你们的网点在哪里 read 0.80). Left out in training and analysis alike.
_ADDRESS = frozenset({"你", "们", "你们", "您", "w:you", "w:your", "w:you're", "w:yours"})


def features(folded: str) -> set[str]:
    """The n-grams of a folded text: Han characters one and two at a time, Latin words one and two at a time,
    and number and punctuation marks, less the words of address. (Han trigrams doubled the cost and added
    nothing measurable.)"""
    seen: set[str] = set()
    add = seen.update
    previous: str | None = None  # the previous Latin word, for word bigrams
    for tok in _TOKEN.findall(folded[:MAX_FEATURE_CHARS]):
        first = tok[0]
        if first >= "\u3400":  # a Han run (the pattern admits nothing else this high)
            add(tok)
            n = len(tok)
            if n > 1:
                add([tok[i:i + 2] for i in range(n - 1)])
            previous = None
        elif first.isalpha():
            word = "w:" + tok
            if previous is not None:
                add((word, f"w:{previous} {tok}"))
            else:
                seen.add(word)
            previous = tok
        elif first.isdigit():
            seen.add(_NUMBER)
            previous = None
        else:
            mark = "!" if ("!" in tok or "！" in tok) else "?" if ("?" in tok or "？" in tok) else "~"
            seen.add(f"p:{mark}{'+' if len(tok) > 1 else ''}")
            previous = None
    seen.difference_update(_ADDRESS)
    return seen


class Reading:
    """What the model says of one message: the probability it is dissatisfied, and (asked) why."""

    __slots__ = ("probability", "feats", "scale", "_weights", "extra")

    def __init__(self, probability: float, feats: set[str], scale: float, weights: dict[str, float],
                 extra: dict[str, float] | None = None) -> None:
        self.probability = probability
        self.feats, self.scale, self._weights, self.extra = feats, scale, weights, extra

    def evidence(self, n: int = 5) -> tuple[tuple[str, float], ...]:
        """The words and phrases that weighed most towards dissatisfaction (single characters count in the
        sum but explain nothing to a person)."""
        weights = self._weights
        hits = [(f, weights[f]) for f in self.feats if f in weights and weights[f] > 0 and _readable(f)]
        hits.sort(key=lambda h: -h[1])
        return tuple((_shown(f), round(w * self.scale, 3)) for f, w in hits[:n])


class LinearModel:
    """Logistic regression over binary n-gram features, scaled by 1/sqrt(number of features).

    The shipped model reads the words only. A team model (`context`) also reads what the rules found (the
    rules' level, their signals) and the shipped model's log-odds, so it learns the team's language on top
    of the shipped knowledge; it decides the level, and may carry a level head (potential, explicit,
    high_risk) learned from the team's own four-level labels.
    """

    def __init__(self, *, weights: dict[str, float], bias: float, threshold: float, name: str,
                 context: bool = False, levels: dict | None = None, languages: tuple[str, ...] | None = None) -> None:
        self.weights = weights
        self.bias = bias
        self.threshold = threshold  # at or above it, a message with no trigger reads as potential
        self.name = name
        self.context = context
        self.levels = levels  # {"bias": {level: b}, "weights": {level: {feature: w}}}
        self.languages = languages  # the scripts it was shown to read (None: all); elsewhere the rules decide alone

    @classmethod
    def load(cls, path: Path = SHIPPED) -> LinearModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls.from_json(data)

    @classmethod
    def from_json(cls, data: dict) -> LinearModel:
        return cls(weights=data["weights"], bias=data["bias"], threshold=data["threshold"], name=data["name"],
                   context=data.get("context", False), levels=data.get("levels"),
                   languages=tuple(data["languages"]) if data.get("languages") else None)

    def as_json(self) -> dict:
        data = {"name": self.name, "bias": self.bias, "threshold": self.threshold,
                "weights": self.weights}
        if self.context:
            data.update(context=True, levels=self.levels)
        if self.languages:
            data["languages"] = list(self.languages)
        return data

    def reads(self, lang: str) -> bool:
        """Whether this model reads messages in `lang` (a detected language: zh-Hans, zh-Hant, en, mixed)."""
        return self.languages is None or lang in self.languages

    def read(self, folded: str, extra: dict[str, float] | None = None, *, feats: set[str] | None = None) -> Reading:
        """The probability of dissatisfaction; `extra` holds a team model's context features and values, and
        `feats` the text's n-grams when another model already computed them."""
        if feats is None:
            feats = features(folded)
        scale = 1 / math.sqrt(len(feats)) if feats else 0.0
        weights = self.weights
        z = self.bias + scale * sum(filter(None, map(weights.get, feats)))
        if extra:
            z += sum(weights.get(k, 0.0) * v for k, v in extra.items())
        return Reading(_sigmoid(z), feats, scale, weights, extra)

    def logit(self, folded: str, *, feats: set[str] | None = None) -> float:
        """The log-odds of dissatisfaction (a team model reads the shipped model's as one of its features)."""
        if feats is None:
            feats = features(folded)
        scale = 1 / math.sqrt(len(feats)) if feats else 0.0
        return self.bias + scale * sum(filter(None, map(self.weights.get, feats)))

    def folded_with(self, shipped: LinearModel) -> LinearModel:
        """This team model with the shipped model folded in: the shipped log-odds is linear in the same
        n-grams, so one pass over the message reads both (the same numbers, half the work)."""
        def fold_in(weights: dict[str, float], bias: float) -> tuple[dict[str, float], float]:
            k = weights.get("shipped", 0.0)
            merged = {f: w for f, w in weights.items() if f != "shipped"}
            for f, w in shipped.weights.items():
                merged[f] = merged.get(f, 0.0) + k * w
            return merged, bias + k * shipped.bias

        weights, bias = fold_in(self.weights, self.bias)
        levels = None
        if self.levels:
            heads = {lv: fold_in(w, self.levels["bias"][lv]) for lv, w in self.levels["weights"].items()}
            levels = {"weights": {lv: h[0] for lv, h in heads.items()}, "bias": {lv: h[1] for lv, h in heads.items()}}
        return LinearModel(weights=weights, bias=bias, threshold=self.threshold, name=self.name,
                           context=True, levels=levels)

    def level_of(self, reading: Reading) -> str | None:
        """The level head's choice among potential, explicit and high_risk, when the model has one."""
        if not self.levels:
            return None
        scores = {}
        for level, weights in self.levels["weights"].items():
            z = self.levels["bias"][level] + reading.scale * sum(filter(None, map(weights.get, reading.feats)))
            if reading.extra:
                z += sum(weights.get(k, 0.0) * v for k, v in reading.extra.items())
            scores[level] = z
        return max(scores, key=scores.get)


def team_level(*, probability: float, threshold: float, head: str | None, rules_level: str, safety: bool) -> str:
    """A team model's level: none below its threshold, else its level head's choice (or at least potential);
    never below the rules' level when a safety signal fired. One rule for analysis and cross-validation."""
    decided = "none" if probability < threshold else head or max(rules_level, "potential", key=level_rank)
    return max(decided, rules_level if safety else "none", key=level_rank)


def context_features(level: str, signals, shipped_logit: float) -> dict[str, float]:
    """What a team model reads beside the words: the rules' level and signals, the shipped model's log-odds."""
    extra = {f"lvl:{level}": 1.0, "shipped": shipped_logit}
    extra.update((f"sig:{s}", 1.0) for s in signals)
    return extra


def _sigmoid(z: float) -> float:
    return 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))


def _readable(feature: str) -> bool:
    """A feature a person can read as a reason: two Han characters or more, a word pair, a longer word."""
    if feature.startswith("w:"):
        return " " in feature or len(feature) >= 7  # "w:" and five letters or more
    return len(feature) >= 2 and not feature.startswith(("p:", "<"))


def _shown(feature: str) -> str:
    """A feature as a person reads it: 客服态度, "not happy", !!."""
    if feature.startswith("w:"):
        return feature[2:]
    return feature
