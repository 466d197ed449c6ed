"""Watch-lists: the shipped TOML files per language, folded and compiled into one automaton."""

from __future__ import annotations

import tomllib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick_rs

from bot.text.normalize import fold_phrase

LEXICON_DIR = Path(__file__).parent / "lexicon"
LEVELS = ("none", "potential", "explicit", "high_risk")
SCOPES = ("negation", "third_party", "identity", "hypothetical", "retract", "reading")
# Hypotheticals govern only the rules that list them (harm): a conditional threat is still a threat.
DEFAULT_SCOPES = ("negation", "third_party", "identity", "retract", "reading")


@dataclass(frozen=True)
class Rule:
    """A named group of phrases that mean one signal at one level."""

    name: str
    signal: str
    level: str
    weight: int
    requires: str | None = None  # a cue group that must appear in the same sentence
    scopes: tuple[str, ...] = ()  # which scope words may cancel a hit of this rule


@dataclass(frozen=True)
class Entry:
    """What one folded phrase means: a rule hit, a cue, a scope word, a shield or a category hint."""

    kind: str  # "rule" | "cue" | "scope" | "shield" | "category"
    name: str
    weight: int = 0


@dataclass
class Lexicon:
    rules: dict[str, Rule] = field(default_factory=dict)
    entries: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))

    def add(self, phrase: str, entry: Entry) -> None:
        folded = fold_phrase(phrase)
        if not folded:
            return
        if entry not in self.entries[folded]:
            self.entries[folded].append(entry)

    def compile(self) -> Automaton:
        return Automaton(self)


class Automaton:
    """All phrases in one Aho-Corasick automaton; one pass over the folded text finds every hit."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon
        self.patterns = list(lexicon.entries)
        self.meanings = [tuple(lexicon.entries[p]) for p in self.patterns]
        # An ASCII phrase must stand as a whole word ("ico" is not inside "medico").
        self.word_bounded = [p[:1].isascii() and p[:1].isalnum() or p[-1:].isascii() and p[-1:].isalnum()
                             for p in self.patterns]
        self._ac = ahocorasick_rs.AhoCorasick(self.patterns, matchkind=ahocorasick_rs.MatchKind.Standard)

    def find(self, text: str):
        """Yield (pattern_index, start, end) for every overlapping hit that respects word bounds."""
        for idx, start, end in self._ac.find_matches_as_indexes(text, overlapping=True):
            if self.word_bounded[idx]:
                pat = self.patterns[idx]
                if pat[0].isascii() and pat[0].isalnum() and start > 0 and _wordish(text[start - 1]):
                    continue
                if pat[-1].isascii() and pat[-1].isalnum() and end < len(text) and _wordish(text[end]):
                    continue
            yield idx, start, end


def _wordish(ch: str) -> bool:
    return ch.isascii() and (ch.isalnum() or ch == "_")


def load_lexicon(directory: Path = LEXICON_DIR) -> Lexicon:
    """Read rules.toml and every per-language watch-list in the directory into one lexicon."""
    lex = Lexicon()
    with (directory / "rules.toml").open("rb") as fh:
        for name, spec in tomllib.load(fh).items():
            if spec["level"] not in LEVELS:
                raise ValueError(f"rules.toml: rule {name} has unknown level {spec['level']!r}")
            lex.rules[name] = Rule(name=name, signal=spec.get("signal", name), level=spec["level"],
                                   weight=int(spec.get("weight", 10)), requires=spec.get("requires"),
                                   scopes=tuple(spec.get("scopes", DEFAULT_SCOPES)))
    for path in sorted(directory.glob("*.toml")):
        if path.name == "rules.toml":
            continue
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        for name, spec in data.get("rules", {}).items():
            if name not in lex.rules:
                raise ValueError(f"{path.name}: rule {name!r} is not defined in rules.toml")
            for phrase in spec.get("phrases", []):
                lex.add(phrase, Entry("rule", name, lex.rules[name].weight))
        for name, phrases in data.get("cues", {}).items():
            for phrase in phrases:
                lex.add(phrase, Entry("cue", name))
        for name, phrases in data.get("scope", {}).items():
            if name not in SCOPES:
                raise ValueError(f"{path.name}: unknown scope {name!r}")
            for phrase in phrases:
                lex.add(phrase, Entry("scope", name))
        for phrase in data.get("shield", {}).get("phrases", []):
            lex.add(phrase, Entry("shield", "shield"))
        for name, phrases in data.get("categories", {}).items():
            for phrase in phrases:
                lex.add(phrase, Entry("category", name, 1))
    return lex
