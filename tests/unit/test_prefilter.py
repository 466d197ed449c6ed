"""Gated regular expressions: the gate is what every match must contain, so gating never loses a match."""

import re
from pathlib import Path

import pytest

from bot.risk.lexicon import load_lexicon
from bot.text.normalize import fold
from bot.text.prefilter import Gated, GatedPatterns, gate, required

PROBES = Path(__file__).resolve().parents[2] / "scripts" / "risk_probes.tsv"


@pytest.mark.parametrize(("pattern", "expected"), [
    (r"\b(?:report|complain)(?:ed|ing)?\s+to\b", {"report", "complain"}),
    (r"\bthe\s+(?:ombudsman|regulator)s?\b", {"ombudsman", "regulator"}),
    # the best part need not come first: digits alone are no gate, the words after them are
    (r"\b[0-9]+\s+(?:followers|subscribers)\b", {"followers", "subscribers"}),
    (r"\bwent\s+public\b", {"public"}),  # the longest certain word
    (r"\bescalat(?:e|ed|ing)\b", {"escalate", "escalating"}),  # "escalated" holds "escalate": one serves both
    (r"\bgo(?:ne)? public\b", {"go public", "gone public"}),
])
def test_gate_is_the_literal_words_every_match_holds(pattern, expected):
    assert gate(re.compile(pattern)) == expected


@pytest.mark.parametrize("pattern", [
    r"[^.!?\n]{0,40}\bx",  # nothing longer than one letter is certain
    r"\w+ed\b",
    r"(?i)refund",  # the text's case is unknown to the gate
    r"(?i:refund)s?",
    r"(?:refund)?\s*no\b",
])
def test_no_gate_when_no_useful_literal_is_certain(pattern):
    assert gate(re.compile(pattern)) is None


def test_optional_parts_keep_every_spelling():
    strings = gate(re.compile(r"\btak(?:e|en|ing)?\s+(?:it|this)\s+further\b"))
    assert strings is not None
    for text in ("tak it further", "take this further", "taking it further"):
        assert any(s in text for s in strings)


def test_gated_patterns_find_what_every_pattern_finds_over_the_probes():
    lexicon = load_lexicon()
    patterns = lexicon.rule_patterns + lexicon.report_patterns
    gated = GatedPatterns(patterns)
    assert len(gated.ungated) < len(patterns) // 10  # most shipped patterns have a gate
    texts = [line.split("\t", 2)[2] for line in PROBES.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    found = 0
    for text in texts:
        folded = fold(text).text
        everything = [(name, m.span()) for name, _, pattern in patterns for m in pattern.finditer(folded)]
        assert [(name, m.span()) for name, _, m in gated.finditer(folded)] == everything, text
        found += len(everything)
    assert found > 200


@pytest.mark.parametrize(("pattern", "expected"), [
    # an optional prefix is skipped; a Han string is a gate, one character is enough
    (r"(?:给你们|向你们)?打[了过]\s*电话", {"电话"}),
    (r"(?:再次|又)(?:投诉|反映)", {"再次投诉", "再次反映", "又投诉", "又反映"}),  # the longest certain strings
    (r"[次回遍趟]", {"次", "回", "遍", "趟"}),
    # a gate inside a group, wherever it stands
    (r"(?:\d+|[两三四])\s*(?:个|位)\s*(?:师傅|工程师)", {"师傅", "工程师"}),
])
def test_required_strings_stand_anywhere_in_the_match(pattern, expected):
    assert required(re.compile(pattern)) == expected


@pytest.mark.parametrize("pattern", [r"[^，。]{0,4}?\d", r"(?:打电话)?\d+", r"(?i)again", r"(?:a|了)"])
def test_nothing_required_when_no_string_is_certain(pattern):
    assert required(re.compile(pattern)) is None


def test_gated_repeat_patterns_find_what_their_patterns_find_over_the_probes():
    from bot.risk import repeat

    gated = [value for value in vars(repeat).values() if isinstance(value, Gated)]
    assert len(gated) >= 10 and all(g.strings for g in gated)
    texts = [fold(line.split("\t", 2)[2]).text for line in PROBES.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    found = 0
    for g in gated:
        for text in texts:
            spans = [m.span() for m in g.pattern.finditer(text)]
            assert [m.span() for m in g.finditer(text)] == spans, text
            assert (g.search(text) is None) == (not spans)
            found += len(spans)
    assert found > 500
