"""The learned models: linear models over character and word n-grams of the folded text.

The dissatisfaction model decides what the rules cannot: whether a message with no trigger is dissatisfied, and how
strongly; the complaint model, learned from the project's hand-labelled messages, finds the quiet complaints both
missed and lets go of plain questions the rules flagged; the high-risk model, whether a message the rules read lower
is high risk after all. Features are computed here in plain Python for both training (scripts/train_risk_model.py,
scripts/train_complaint_model.py, scripts/train_high_risk_model.py, scikit-learn) and analysis, so the model that was
measured is the model that runs. Weights are JSON files a reviewer can read: `bot/risk/model/shipped.json`,
`complaint.json` and `high_risk.json`, described by `CARD.md`, `COMPLAINT.md` and `HIGH_RISK.md` beside them.
"""

from __future__ import annotations

import json
import math
import re
from itertools import repeat
from operator import add as _concat
from pathlib import Path

from bot.levels import level_rank

MODEL_DIR = Path(__file__).parent / "model"
SHIPPED = MODEL_DIR / "shipped.json"
HIGH_RISK = MODEL_DIR / "high_risk.json"  # reads a whole message for high risk (HIGH_RISK.md)
COMPLAINT = MODEL_DIR / "complaint.json"  # complaint or not, learned from hand-labelled messages (COMPLAINT.md)
MAX_FEATURE_CHARS = 2_000  # the head of a long message says whether it is unhappy; the rest costs time

# Runs of Han characters, Latin words (with an apostrophe inside), numbers, and shouted punctuation.
_TOKEN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[a-z]+(?:'[a-z]+)?|\d+|[!?！？]+|[~～…]+")
_NUMBER = "<n>"
# Words that say nothing alone or in pairs ("to the", "and my", 我已, 了你): no reason to show a person, and no weight
# in the high-risk model (scripts/train_high_risk_model.py), where they stood in for the messages they came from.
FUNCTION_WORDS = frozenset("""a am an and any are as at be been but by can could did do does every for from had has
have he her him his how i i'd i'll i'm i've if in is it it's its just me my no not of on or our she so some that
the their them there they this to up us was we were what when which who will with would you you'd you'll you're
you've your""".split())
FUNCTION_CHARS = frozenset("我你他她它们的了是在和就都也还已经把被给让这那个吗呢吧啊么着")
_ZEROS = repeat(0.0)  # a feature without a weight adds nothing (dict.get's default, for map)
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
            if len(tok) > 1:
                add(map(_concat, tok, tok[1:]))  # its character pairs
            previous = None
        elif first.isalpha():
            if previous is not None:
                add(("w:" + tok, f"w:{previous} {tok}"))
            else:
                seen.add("w:" + tok)
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
                 context: bool = False, levels: dict | None = None, languages: tuple[str, ...] | None = None,
                 min_features: int = 0, floor: float = 0.0) -> None:
        self.weights = weights
        self.bias = bias
        self.threshold = threshold  # at or above it the model says yes (unhappy; for the high-risk model, high risk)
        self.name = name
        self.context = context
        self.levels = levels  # {"bias": {level: b}, "weights": {level: {feature: w}}}
        self.languages = languages  # the scripts it was shown to read (None: all); elsewhere the rules decide alone
        # A message with fewer n-grams is left to the rules: in a short one a single word weighs too much.
        self.min_features = min_features
        self.floor = floor  # below it the model says surely not (the complaint model lets a flagged question go)

    @classmethod
    def load(cls, path: Path = SHIPPED) -> LinearModel:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls.from_json(data)

    @classmethod
    def from_json(cls, data: dict) -> LinearModel:
        return cls(weights=data["weights"], bias=data["bias"], threshold=data["threshold"], name=data["name"],
                   context=data.get("context", False), levels=data.get("levels"),
                   languages=tuple(data["languages"]) if data.get("languages") else None,
                   min_features=data.get("min_features", 0), floor=data.get("floor", 0.0))

    def as_json(self) -> dict:
        data = {"name": self.name, "bias": self.bias, "threshold": self.threshold,
                "weights": self.weights}
        if self.context:
            data.update(context=True, levels=self.levels)
        if self.languages:
            data["languages"] = list(self.languages)
        if self.min_features:
            data["min_features"] = self.min_features
        if self.floor:
            data["floor"] = self.floor
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
        z = self.bias + scale * sum(map(weights.get, feats, _ZEROS))
        if extra:
            z += sum(weights.get(k, 0.0) * v for k, v in extra.items())
        return Reading(_sigmoid(z), feats, scale, weights, extra)

    def logit(self, folded: str, *, feats: set[str] | None = None) -> float:
        """The log-odds of dissatisfaction (a team model reads the shipped model's as one of its features)."""
        if feats is None:
            feats = features(folded)
        scale = 1 / math.sqrt(len(feats)) if feats else 0.0
        return self.bias + scale * sum(map(self.weights.get, feats, _ZEROS))

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
            z = self.levels["bias"][level] + reading.scale * sum(map(weights.get, reading.feats, _ZEROS))
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
    """A feature a person can read as a reason: two Han characters or more, a word pair, a longer word, and not
    made of function words alone (我已, "how you")."""
    if feature.startswith("w:"):
        return (" " in feature or len(feature) >= 7) and not function_only(feature)  # "w:" and five letters or more
    return len(feature) >= 2 and not feature.startswith(("p:", "<")) and not function_only(feature)


def function_only(feature: str) -> bool:
    """Whether a feature is made of function words alone: English words of FUNCTION_WORDS, Han characters of
    FUNCTION_CHARS."""
    if feature.startswith("w:"):
        return all(w in FUNCTION_WORDS for w in feature[2:].split())
    return all(c in FUNCTION_CHARS for c in feature)


def _shown(feature: str) -> str:
    """A feature as a person reads it: 客服态度, "not happy", !!."""
    if feature.startswith("w:"):
        return feature[2:]
    return feature
