"""Regular expressions run only where they can match: each is gated by literal words every match must contain."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from re import _constants as C  # CPython's own regex parser: the gate reads the same tree `re` compiles
from re import _parser

import ahocorasick_rs

_MAX_STRINGS = 300  # a gate of more alternatives than this costs more to build than it saves
_MIN_GATE = 3  # a gate shorter than this ("s", "in") is present in nearly every message


def gate(pattern: re.Pattern) -> frozenset[str] | None:
    """Strings one of which every match of the pattern contains; None when no useful set is known."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        seq = list(_parser.parse(pattern.pattern, pattern.flags))
    except (re.error, TypeError, ValueError):
        return None
    best: frozenset[str] | None = None
    # Any match of the whole contains a match of every suffix of its top-level sequence: take the best suffix.
    for i in range(len(seq)):
        strings, _ = _starts(seq[i:])
        if not strings or min(map(len, strings)) < _MIN_GATE:
            continue
        # A string holding another in the set adds nothing: the shorter is present wherever the longer is.
        candidate = frozenset(s for s in strings if not any(t != s and t in s for t in strings))
        if best is None or (min(map(len, candidate)), -len(candidate)) > (min(map(len, best)), -len(best)):
            best = candidate
    return best


def _starts(seq) -> tuple[set[str], bool]:
    """Strings one of which every match of the sequence starts with, and whether the match is exactly one of them."""
    result = {""}
    for op, av in seq:
        item = _item(op, av)
        if item is None:
            return result, False
        strings, exact = item
        joined = {p + s for p in result for s in strings}
        if len(joined) > _MAX_STRINGS:
            return result, False
        result = joined
        if not exact:
            return result, False
    return result, True


def _item(op, av) -> tuple[set[str], bool] | None:
    if op is C.LITERAL:
        return {chr(av)}, True
    if op in (C.AT, C.ASSERT, C.ASSERT_NOT):  # zero-width: consumes nothing
        return {""}, True
    if op is C.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is C.LITERAL:
                chars.add(chr(value))
            elif kind is C.RANGE and value[1] - value[0] < 16:
                chars.update(chr(c) for c in range(value[0], value[1] + 1))
            else:
                return None
        return chars, True
    if op is C.SUBPATTERN:
        _group, add_flags, _del_flags, inner = av
        return None if add_flags & re.IGNORECASE else _starts(inner)  # (?i:...) matches letters the gate would miss
    if op is C.BRANCH:
        union: set[str] = set()
        exact = True
        for branch in av[1]:
            strings, branch_exact = _starts(branch)
            union |= strings
            exact = exact and branch_exact
        return union, exact
    if op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT):
        low, high, inner = av
        strings, exact = _starts(inner)
        once = exact and high == 1
        return (strings | {""} if low == 0 else strings), once and low in (0, 1)
    return None


class GatedPatterns:
    """Named patterns, each run over a text only when its gate (or, without one, always) is in it."""

    def __init__(self, patterns: Sequence[tuple[str, int, re.Pattern]]) -> None:
        self.patterns = list(patterns)
        self.ungated: list[int] = []
        words: dict[str, list[int]] = {}
        for i, (_, _, pattern) in enumerate(self.patterns):
            strings = gate(pattern)
            if strings is None:
                self.ungated.append(i)
            else:
                for s in strings:
                    words.setdefault(s, []).append(i)
        self._words = list(words)
        self._owners = [words[w] for w in self._words]
        self._ac = ahocorasick_rs.AhoCorasick(self._words) if self._words else None

    def __len__(self) -> int:
        return len(self.patterns)

    def finditer(self, text: str) -> Iterator[tuple[str, int, re.Match]]:
        """(name, weight, match) for every match of every pattern, in the patterns' order."""
        chosen = set(self.ungated)
        if self._ac is not None:
            owners = self._owners
            for idx in self._ac.find_matches_as_indexes(text, overlapping=True):
                chosen.update(owners[idx[0]])
        patterns = self.patterns
        for i in sorted(chosen):
            name, weight, pattern = patterns[i]
            for m in pattern.finditer(text):
                yield name, weight, m


def required(pattern: re.Pattern) -> frozenset[str] | None:
    """Strings one of which every match of the pattern contains anywhere (a Han character is enough: 打, 致电); None
    when none is known."""
    if pattern.flags & re.IGNORECASE:
        return None
    try:
        strings = _required(list(_parser.parse(pattern.pattern, pattern.flags)))
    except (re.error, TypeError, ValueError):
        return None
    if strings is None:
        return None
    # A string holding another in the set adds nothing: the shorter is present wherever the longer is.
    shortest_first = sorted(strings, key=len)
    return frozenset(s for i, s in enumerate(shortest_first) if not any(t in s for t in shortest_first[:i]))


def _useful(strings: set[str] | frozenset[str]) -> bool:
    # A Latin gate shorter than _MIN_GATE is in nearly every message; one Han character is already selective.
    return bool(strings) and all(len(s) >= _MIN_GATE or (s and not s.isascii()) for s in strings)


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    if a is None or b is None:
        return a or b
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _required(seq) -> frozenset[str] | None:
    best: frozenset[str] | None = None
    for i in range(len(seq)):  # strings a suffix of the sequence starts with (致电 rather than 致)
        if i and seq[i - 1][0] is C.LITERAL:
            continue  # inside a run of letters: the run's start gives the same strings, longer
        strings, _ = _starts(seq[i:])
        if _useful(strings):
            best = _better(best, frozenset(strings))
    for op, av in seq:  # or what one item needs wherever it stands
        inner = None
        if op is C.SUBPATTERN and not av[1] & re.IGNORECASE:
            inner = _required(list(av[3]))
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT, C.POSSESSIVE_REPEAT) and av[0] >= 1:
            inner = _required(list(av[2]))
        elif op is C.BRANCH:
            parts = [_required(list(branch)) for branch in av[1]]
            inner = frozenset().union(*parts) if all(p is not None for p in parts) else None
        if inner is not None and len(inner) <= _MAX_STRINGS:
            best = _better(best, inner)
    return best


class Gated:
    """A pattern that runs only on a text holding one of its required strings (`required`); unchanged otherwise."""

    __slots__ = ("pattern", "strings", "_ac")

    def __init__(self, pattern: re.Pattern) -> None:
        self.pattern = pattern
        self.strings = required(pattern)
        # A few strings are looked for one by one; more, in one Aho-Corasick pass.
        many = self.strings is not None and len(self.strings) > 6
        self._ac = ahocorasick_rs.AhoCorasick(list(self.strings)) if many else None

    def _present(self, text: str) -> bool:
        if self._ac is not None:
            return bool(self._ac.find_matches_as_indexes(text))
        return self.strings is None or any(s in text for s in self.strings)

    def search(self, text: str, *args) -> re.Match | None:
        return self.pattern.search(text, *args) if self._present(text) else None

    def match(self, text: str, *args) -> re.Match | None:
        return self.pattern.match(text, *args) if self._present(text) else None

    def finditer(self, text: str, *args) -> Iterator[re.Match]:
        return self.pattern.finditer(text, *args) if self._present(text) else iter(())

    def findall(self, text: str, *args) -> list:
        return self.pattern.findall(text, *args) if self._present(text) else []
