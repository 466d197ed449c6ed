"""Watch-lists: the shipped TOML files per language, folded and compiled into one automaton."""

from __future__ import annotations

import re
import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick_rs

from bot.levels import LEVELS
from bot.text.normalize import TypoFixer, fold_phrase
from bot.text.prefilter import GatedPatterns

LEXICON_DIR = Path(__file__).parent / "lexicon"
SCOPES = ("negation", "third_party", "hearsay", "identity", "hypothetical", "retract", "reading", "reported",
          "gratitude")
# Hypotheticals govern only the rules that list them (harm): a conditional threat is still a threat.
DEFAULT_SCOPES = ("negation", "third_party", "identity", "retract", "reading")
# What the customer wants, and the cards they hold (DOMAIN.md), beside the rules that set the level.
NEEDS = ("refund", "replace", "repair", "apology", "compensation", "explanation", "cancel")
CARDS = ("interest", "threat", "justice", "trust", "sympathy")
STYLES = ("strong", "weak", "cooperative")


@dataclass(frozen=True)
class Rule:
    """A named group of phrases that mean one signal at one level."""

    name: str
    signal: str
    level: str
    weight: int
    requires: tuple[str, ...] = ()  # cue groups one of which must appear in the same sentence
    scopes: tuple[str, ...] = ()  # which scope words may cancel a hit of this rule


@dataclass(frozen=True)
class Entry:
    """What one folded phrase means: a rule hit, a cue, a scope word, a shield or a category hint."""

    kind: str  # "rule" | "cue" | "scope" | "shield" | "category" | "need" | "card" | "style" | "report"
    name: str
    weight: int = 0


@dataclass
class Lexicon:
    rules: dict[str, Rule] = field(default_factory=dict)
    entries: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))
    typo_words: set[str] = field(default_factory=set)
    typo_keep: set[str] = field(default_factory=set)
    # language → the question that gets the need; 'language harm' → the one asked when someone was hurt
    questions: dict[str, str] = field(default_factory=dict)
    # Points a plainly told problem needs before it reads as potential ([report] in a language file).
    report_enough: int = 0
    report_voids: dict[str, str] = field(default_factory=dict)  # a group → the group it silences (why → asking)
    # Rule hits phrases cannot list (reported it to the <any> Authority): Latin-script regular expressions.
    rule_patterns: list[tuple[str, int, re.Pattern]] = field(default_factory=list)
    # Evidence phrases cannot list: a span of time, a thing ordered against the thing that came.
    report_patterns: list[tuple[str, int, re.Pattern]] = field(default_factory=list)
    # How a tagged newspaper or broadcaster's handle ends (@南方都市报): [press] in a language file.
    press_suffixes: list[str] = field(default_factory=list)

    def add(self, phrase: str, entry: Entry) -> None:
        folded = fold_phrase(phrase)
        if not folded:
            return
        entries = self.entries[folded]
        for i, old in enumerate(entries):
            if (old.kind, old.name) == (entry.kind, entry.name):
                entries[i] = entry  # a later entry for the same phrase and rule sets its weight
                return
        entries.append(entry)

    def remove(self, phrase: str, kind: str, name: str) -> bool:
        """Drop the phrase's entry for this rule; True when there was one."""
        folded = fold_phrase(phrase)
        entries = self.entries.get(folded, [])
        kept = [e for e in entries if (e.kind, e.name) != (kind, name)]
        if len(kept) == len(entries):
            return False
        if kept:
            self.entries[folded] = kept
        else:
            del self.entries[folded]
        return True

    def has(self, phrase: str, kind: str, name: str) -> bool:
        return any((e.kind, e.name) == (kind, name) for e in self.entries.get(fold_phrase(phrase), ()))

    def phrases(self, kind: str, name: str) -> list[str]:
        """Folded phrases that carry this meaning, sorted."""
        return sorted(p for p, es in self.entries.items() if any((e.kind, e.name) == (kind, name) for e in es))

    def copy(self) -> Lexicon:
        return Lexicon(rules=dict(self.rules),
                       entries=defaultdict(list, {p: list(es) for p, es in self.entries.items()}),
                       typo_words=set(self.typo_words), typo_keep=set(self.typo_keep),
                       questions=dict(self.questions), report_enough=self.report_enough,
                       report_voids=dict(self.report_voids), report_patterns=list(self.report_patterns),
                       rule_patterns=list(self.rule_patterns), press_suffixes=list(self.press_suffixes))

    def compile(self) -> Automaton:
        return Automaton(self)

    def typo_fixer(self) -> TypoFixer | None:
        return TypoFixer(self.typo_words, self.typo_keep) if self.typo_words else None


class Automaton:
    """All phrases in one Aho-Corasick automaton; one pass over the folded text finds every hit."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.patterns = list(lexicon.entries)
        self.meanings = [tuple((e.kind, e.name, e.weight) for e in lexicon.entries[p]) for p in self.patterns]
        # An ASCII phrase must stand as a whole word ("ico" is not inside "medico"): (check start, check end).
        self.bounds = {i: (p[0].isascii() and p[0].isalnum(), p[-1].isascii() and p[-1].isalnum())
                       for i, p in enumerate(self.patterns)
                       if p[0].isascii() and p[0].isalnum() or p[-1].isascii() and p[-1].isalnum()}
        self._ac = ahocorasick_rs.AhoCorasick(self.patterns, matchkind=ahocorasick_rs.MatchKind.Standard)
        # The regular expressions run only where the words each needs are present: most messages have none.
        self.rule_patterns = GatedPatterns(lexicon.rule_patterns)
        self.report_patterns = GatedPatterns(lexicon.report_patterns)

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """Every overlapping (pattern_index, start, end) hit that respects word bounds."""
        hits = self._ac.find_matches_as_indexes(text, overlapping=True)
        bounds = self.bounds
        if not bounds:
            return hits
        n = len(text)
        return [h for h in hits if h[0] not in bounds or _whole_word(text, n, h, bounds[h[0]])]


def _whole_word(text: str, n: int, hit: tuple[int, int, int], check: tuple[bool, bool]) -> bool:
    _, start, end = hit
    if check[0] and start > 0 and _wordish(text[start - 1]):
        return False
    return not (check[1] and end < n and _wordish(text[end]))


def _wordish(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == "_")


def _names(value: str | list[str] | None) -> tuple[str, ...]:
    """A rule's `requires`: one cue group or a list of them."""
    return (value,) if isinstance(value, str) else tuple(value or ())


def _scopes(spec: dict) -> tuple[str, ...]:
    scopes = tuple(spec.get("scopes", DEFAULT_SCOPES))
    # Hearsay (I heard, 听说, my friend said) takes back whatever someone else's doing would.
    if "third_party" in scopes and "hearsay" not in scopes:
        scopes += ("hearsay",)
    # Someone else's words (客服说"可以去12315", the agent told me "call your lawyer") are not the
    # customer's threat; a demand word in them still says what the case is about, so only high-risk rules.
    return scopes + ("reported",) if spec["level"] == "high_risk" and "reported" not in scopes else scopes


_SLOT = re.compile(r"\{(\w+)(\+?)\}")


def expand(phrase: str, slots: dict[str, list[str]]) -> list[str]:
    """A phrase with slots (态度{adv}差) as every phrase it stands for: 态度差, 态度很差, 态度太差, …
    A slot may be left empty, so the bare phrase counts, unless it is marked {adv+}: then one filler is needed
    (非常生气, not 生气, which also comforts: 别生气)."""
    m = _SLOT.search(phrase)
    if m is None:
        return [phrase]
    if m.group(1) not in slots:
        raise ValueError(f"phrase {phrase!r} names an unknown slot {m.group(1)!r}")
    head, tail = phrase[:m.start()], phrase[m.end():]
    fillers = slots[m.group(1)] if m.group(2) else ("", *slots[m.group(1)])
    return [head + filler + rest for filler in fillers for rest in expand(tail, slots)]


def load_lexicon(directory: Path = LEXICON_DIR) -> Lexicon:
    """Read rules.toml and every per-language watch-list in the directory into one lexicon."""
    lex = Lexicon()
    with (directory / "rules.toml").open("rb") as fh:
        for name, spec in tomllib.load(fh).items():
            if spec["level"] not in LEVELS:
                raise ValueError(f"rules.toml: rule {name} has unknown level {spec['level']!r}")
            lex.rules[name] = Rule(name=name, signal=spec.get("signal", name), level=spec["level"],
                                   weight=int(spec.get("weight", 10)), requires=_names(spec.get("requires")),
                                   scopes=_scopes(spec))
    for path in sorted(directory.glob("*.toml")):
        if path.name == "rules.toml":
            continue
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        slots = data.get("slots", {})
        for name, spec in data.get("rules", {}).items():
            if name not in lex.rules:
                raise ValueError(f"{path.name}: rule {name!r} is not defined in rules.toml")
            for phrase in spec.get("phrases", []):
                for variant in expand(phrase, slots):
                    lex.add(variant, Entry("rule", name, lex.rules[name].weight))
            for pattern in spec.get("patterns", []):
                lex.rule_patterns.append((name, lex.rules[name].weight, re.compile(pattern)))
        for name, phrases in data.get("cues", {}).items():
            for phrase in phrases:
                lex.add(phrase, Entry("cue", name))
        for name, phrases in data.get("scope", {}).items():
            if name not in SCOPES:
                raise ValueError(f"{path.name}: unknown scope {name!r}")
            for phrase in phrases:
                lex.add(phrase, Entry("scope", name))
        for key, name in (("phrases", "shield"), ("cues", "cues"), ("disclaimers", "disclaimer")):
            for phrase in data.get("shield", {}).get(key, []):
                for variant in expand(phrase, slots):
                    lex.add(variant, Entry("shield", name))
        for name, phrases in data.get("categories", {}).items():
            for phrase in phrases:
                lex.add(phrase, Entry("category", name, 1))
        for kind, section, allowed in (("need", "needs", NEEDS), ("card", "cards", CARDS), ("style", "style", STYLES)):
            for name, phrases in data.get(section, {}).items():
                if name not in allowed:
                    raise ValueError(f"{path.name}: unknown {kind} {name!r}; known: {', '.join(allowed)}")
                for phrase in phrases:
                    lex.add(phrase, Entry(kind, name))
        report = data.get("report", {})
        if report:
            lex.report_enough = max(lex.report_enough, int(report["enough"]))
        for name, spec in report.get("groups", {}).items():
            for phrase in spec.get("phrases", []):
                lex.add(phrase, Entry("report", name, int(spec["weight"])))
            for pattern in spec.get("patterns", []):
                lex.report_patterns.append((name, int(spec["weight"]), re.compile(pattern)))
            if "voids" in spec:
                lex.report_voids[name] = spec["voids"]
        lex.press_suffixes += [fold_phrase(x) for x in data.get("press", {}).get("handle_suffixes", [])]
        typos = data.get("typos", {})
        lex.typo_words.update(w.lower() for w in typos.get("words", []))
        lex.typo_keep.update(w.lower() for w in typos.get("keep", []))
        if "question" in data.get("need", {}):
            lex.questions[path.stem] = data["need"]["question"]
        if "harm_question" in data.get("need", {}):
            lex.questions[f"{path.stem} harm"] = data["need"]["harm_question"]
    return lex
