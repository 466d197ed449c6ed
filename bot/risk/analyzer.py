"""The risk analyzer: one pass of the watch-list automaton, scope rules, then level, score and category."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from bot.risk.lexicon import LEVELS, LEXICON_DIR, Automaton, Lexicon, load_lexicon
from bot.risk.repeat import contact_count
from bot.text.normalize import detect_lang, fold

MAX_ANALYSED_CHARS = 60_000  # beyond this the tail is not read; the result says so

_CLAUSE_END = re.compile(r"[，,。!?！？;；:：\n~～…、]|\.(?!\d)|\bbut\b|但是?|不过|只是|可是")
_SENTENCE_END = re.compile(r"[。!?！？;；\n]|\.(?!\d)")
_SHOUT_RUN = re.compile(r"[!！]{2,}|[?？]{2,}|[!?！？]{3,}")
_CAPS_WORD = re.compile(r"\b[A-Z]{3,}\b")
_LETTER = re.compile(r"[A-Za-z]")

# How far before a hit a scope word may stand and still govern it (characters in folded text).
_SCOPE_REACH = {"negation": (8, 28), "identity": (10, 24), "third_party": (24, 60), "hypothetical": (14, 40)}
# Scope words that follow the hit: a retraction (开玩笑的) or a reading (在消基會的雜誌上看到).
_AFTER_SCOPES = {"retract": (24, False), "reading": (8, True)}
_LEVEL_BANDS = {"none": (0, 14), "potential": (15, 39), "explicit": (40, 69), "high_risk": (70, 100)}
_REPEAT_WEIGHT = {2: 20, 3: 35}


@dataclass(frozen=True)
class Trigger:
    phrase: str  # as written in the original message
    signal: str
    weight: int
    start: int
    end: int
    rule: str


@dataclass(frozen=True)
class RiskAssessment:
    lang: str
    level: str
    score: int
    category: str
    categories: tuple[str, ...]
    signals: tuple[str, ...]
    triggers: tuple[Trigger, ...]
    contacts_stated: int = 0
    truncated: bool = False

    def as_json(self, id=None) -> dict:
        """The `bot analyze` contract: these keys stay; later versions only add."""
        return {
            "id": id,
            "lang": self.lang,
            "level": self.level,
            "score": self.score,
            "category": self.category,
            "categories": list(self.categories),
            "signals": list(self.signals),
            "triggers": [{"phrase": t.phrase, "signal": t.signal, "weight": t.weight,
                          "span": [t.start, t.end]} for t in self.triggers],
            "truncated": self.truncated,
        }


def level_rank(level: str) -> int:
    return LEVELS.index(level)


@dataclass
class _Hit:
    kind: str
    name: str
    weight: int
    start: int
    end: int


class Analyzer:
    """Reads a customer message and says how likely it is to escalate, and why."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.automaton: Automaton = lexicon.compile()

    @classmethod
    def from_directory(cls, directory: Path = LEXICON_DIR) -> Analyzer:
        return cls(load_lexicon(directory))

    def analyze(self, text: str) -> RiskAssessment:
        truncated = len(text) > MAX_ANALYSED_CHARS
        original = text[:MAX_ANALYSED_CHARS] if truncated else text
        folded = fold(original)
        ftext = folded.text
        lang = detect_lang(original)

        clause_ends = [m.start() for m in _CLAUSE_END.finditer(ftext)]
        sentence_ends = [m.start() for m in _SENTENCE_END.finditer(ftext)]

        rule_hits: list[_Hit] = []
        cue_hits: list[tuple[str, int, int]] = []
        scopes: list[_Hit] = []
        shields: list[tuple[int, int]] = []
        category_weight: dict[str, int] = {}
        category_spans: list[tuple[str, int, int]] = []
        automaton = self.automaton
        for idx, start, end in automaton.find(ftext):
            for entry in automaton.meanings[idx]:
                if entry.kind == "rule":
                    rule_hits.append(_Hit("rule", entry.name, entry.weight, start, end))
                elif entry.kind == "cue":
                    cue_hits.append((entry.name, start, end))
                elif entry.kind == "scope":
                    scopes.append(_Hit("scope", entry.name, 0, start, end))
                elif entry.kind == "shield":
                    shields.append((start, end))
                else:
                    category_spans.append((entry.name, start, end))

        cues: dict[str, list[tuple[int, int, int]]] = {}
        for name, start, end in cue_hits:
            if not any(s <= start and end <= e for s, e in shields):
                cues.setdefault(name, []).append((bisect_right(sentence_ends, start), start, end))
        kept: list[_Hit] = []
        rules = self.lexicon.rules
        for hit in rule_hits:
            rule = rules[hit.name]
            if any(s <= hit.start and hit.end <= e for s, e in shields):
                continue
            sentence = bisect_right(sentence_ends, hit.start)
            if rule.requires and not any(
                    cs == sentence and (ce <= hit.start or hit.end <= cst)
                    for cs, cst, ce in cues.get(rule.requires, ())):
                continue
            if self._scoped_out(hit, rule.scopes, scopes, ftext, clause_ends, sentence_ends):
                continue
            kept.append(hit)
        kept = _longest_per_signal(kept, rules)

        triggers: list[Trigger] = []
        level = "none"
        for hit in kept:
            rule = rules[hit.name]
            s, e = folded.original_span(hit.start, hit.end)
            triggers.append(Trigger(original[s:e], rule.signal, rule.weight, s, e, rule.name))
            if level_rank(rule.level) > level_rank(level):
                level = rule.level

        stated, span = contact_count(ftext)
        if stated >= 2:
            weight = _REPEAT_WEIGHT[min(stated, 3)]
            s, e = folded.original_span(*span)
            triggers.append(Trigger(original[s:e], "repeat", weight, s, e, "repeat_stated"))
            repeat_level = "high_risk" if stated >= 3 else "explicit"
            if level_rank(repeat_level) > level_rank(level):
                level = repeat_level

        anger = self._anger(original, has_grievance=level != "none")
        if anger:
            triggers.append(anger)
            if level == "none" and anger.weight >= 20:
                level = "potential"

        if level == "none":
            category, categories = "other", ()
        else:
            for name, start, end in category_spans:
                if any(s <= start and end <= e for s, e in shields):
                    continue
                category_weight[name] = category_weight.get(name, 0) + 1
            # The signals themselves say something about the category (harm is safety).
            for t in triggers:
                implied = _SIGNAL_CATEGORY.get(t.signal)
                if implied:
                    category_weight[implied] = category_weight.get(implied, 0) + 2
            ranked = sorted(category_weight.items(), key=lambda kv: (-kv[1], _CATEGORY_ORDER.index(kv[0])))
            categories = tuple(name for name, _ in ranked) or ("other",)
            category = categories[0]

        raw = sum(t.weight for t in triggers)
        lo, hi = _LEVEL_BANDS[level]
        score = min(hi, lo + raw // 2) if level != "none" else min(hi, raw // 3)
        signals = tuple(dict.fromkeys(t.signal for t in triggers))
        return RiskAssessment(lang=lang, level=level, score=score, category=category, categories=categories,
                              signals=signals, triggers=tuple(sorted(triggers, key=lambda t: t.start)),
                              contacts_stated=stated, truncated=truncated)

    @staticmethod
    def _scoped_out(hit, allowed, scopes, text, clause_ends, sentence_ends) -> bool:
        """True when a negation, third party, identity, hypothetical or retraction governs the hit."""
        ascii_hit = text[hit.start:hit.end].isascii()
        for sc in scopes:
            if sc.name not in allowed:
                continue
            if sc.name in _AFTER_SCOPES:
                reach, same_clause = _AFTER_SCOPES[sc.name]
                if hit.end <= sc.start <= hit.end + reach and (
                        not same_clause or bisect_right(clause_ends, sc.start) == bisect_right(clause_ends, hit.start)):
                    return True
                continue
            # A scope word stands before the hit; it may share characters with it (不是要 / 要投诉).
            if not (sc.start < hit.start and sc.end <= hit.end):
                continue
            zh_reach, en_reach = _SCOPE_REACH[sc.name]
            if hit.start - min(sc.end, hit.start) > (en_reach if ascii_hit else zh_reach):
                continue
            bounds = sentence_ends if sc.name in ("third_party", "hypothetical") else clause_ends
            if bisect_right(bounds, sc.start) == bisect_right(bounds, hit.start):
                return True
        return False

    @staticmethod
    def _anger(original: str, *, has_grievance: bool) -> Trigger | None:
        runs = _SHOUT_RUN.findall(original)
        letters = len(_LETTER.findall(original))
        caps = _CAPS_WORD.findall(original)
        shouting = letters >= 12 and len(caps) >= 3 and sum(len(w) for w in caps) / letters > 0.6
        weight = 10 * min(len(runs), 3) + (20 if shouting else 0)
        if not weight or not (has_grievance or shouting or len(runs) >= 2):
            return None
        m = _SHOUT_RUN.search(original)
        s, e = (m.start(), m.end()) if m else (0, min(len(original), 20))
        return Trigger(original[s:e], "anger", weight, s, e, "anger_intensity")


_CATEGORY_ORDER = ("safety", "refund_billing", "quality", "after_sales", "delivery", "contract",
                   "false_advertising", "service_attitude", "privacy", "other")
_SIGNAL_CATEGORY = {"harm": "safety", "chargeback": "refund_billing"}


def _longest_per_signal(hits: list[_Hit], rules) -> list[_Hit]:
    """Drop a hit inside a longer hit of the same signal (退款 inside 给我退款), keep the rest."""
    hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
    kept: list[_Hit] = []
    for h in hits:
        signal = rules[h.name].signal
        if any(k.start <= h.start and h.end <= k.end and rules[k.name].signal == signal for k in kept):
            continue
        kept.append(h)
    return kept

