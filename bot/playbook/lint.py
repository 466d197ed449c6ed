"""The reply checker: phrasing that makes a complaint worse, each finding with its span, why, and a rewrite."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick_rs

from bot.i18n.language import _
from bot.money import Money
from bot.text.normalize import fold, fold_phrase, script_mismatch, to_script

RULES_FILE = Path(__file__).with_name("lint.toml")
PHRASE_RULES = ("damages", "blanket_apology", "stalling", "blame", "promise")
MOVES = ("apology", "empathy", "confirm", "solution", "thanks")

# A time the draft commits to: "2 小时内", "今天", "by Friday", "within 24 hours".
_TIME = re.compile(r"\d+\s*(?:分钟|分鐘|小时|小時|天|个工作日|個工作日|min|minute|hour|day|business day)|今天|明天|今晚|本周|本週|"
                   r"这周|這週|下班前|周[一二三四五六日]|週[一二三四五六日]|\bwithin\b|\btoday\b|\btomorrow\b|\btonight\b|"
                   r"\bby (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|the end of|midnight|noon|12 noon)|"
                   r"\bby \d{1,2}(?::\d\d)?\s?(?:am|pm)\b|\d{1,2}\s?月\s?\d{1,2}\s?[日号號]|[上下]午\d{1,2}[点點]", re.IGNORECASE)
_PIVOT = re.compile(r"但是|可是|不过|然而|(?<=[，,])但|\bbut\b|\bhowever\b", re.IGNORECASE)
_PIVOT_REACH = 80
_MONEY = re.compile(r"(?P<sym>¥|￥|rmb|cny|nt\$|hk\$|us\$|usd|twd|hkd|\$)\s?(?P<a>\d[\d,]*(?:\.\d+)?)"
                    r"|(?P<b>\d[\d,]*(?:\.\d+)?)\s?(?P<unit>元|块|塊|蚊|dollars?|yuan)", re.IGNORECASE)
_CURRENCY = {"¥": "CNY", "￥": "CNY", "rmb": "CNY", "cny": "CNY", "元": "CNY", "块": "CNY", "塊": "CNY", "yuan": "CNY",
             "nt$": "TWD", "twd": "TWD", "hk$": "HKD", "hkd": "HKD", "蚊": "HKD", "us$": "USD", "usd": "USD",
             "$": "USD", "dollar": "USD", "dollars": "USD"}
_MOVE_EXAMPLE = {
    "zh": {"apology": "很抱歉这次的经历给您添了麻烦。", "empathy": "我理解您现在的心情。",
           "confirm": "想跟您确认一下：您希望我们怎么处理？", "solution": "我会马上跟进，2 小时内给您答复。",
           "thanks": "感谢您告诉我们这个问题。"},
    "en": {"apology": "I'm sorry about what happened.", "empathy": "I understand how frustrating this is.",
           "confirm": "To confirm, what outcome would you like?", "solution": "I'll follow this up and reply within 2 hours.",
           "thanks": "Thank you for telling us about this."},
}


@dataclass(frozen=True)
class Finding:
    rule: str
    start: int
    end: int
    why: str
    rewrite: str

    def as_json(self) -> dict:
        return {"rule": self.rule, "span": [self.start, self.end], "why": self.why, "rewrite": self.rewrite}


@dataclass(frozen=True)
class Mention:
    """An amount of money written in a text."""

    money: Money
    start: int
    end: int


def money_mentions(text: str, *, default_currency: str = "CNY") -> list[Mention]:
    """Amounts written with a currency sign or unit (¥500, 500元, $40, 40 dollars); bare numbers are not money."""
    out = []
    for m in _MONEY.finditer(text):
        number = (m.group("a") or m.group("b")).replace(",", "")
        mark = (m.group("sym") or m.group("unit") or "").lower()
        currency = _CURRENCY.get(mark, default_currency)
        major, _sep, frac = number.partition(".")
        if len(major) > 12:
            continue
        minor = int(major) * 100 + int((frac + "00")[:2] or 0)
        out.append(Mention(Money(minor, currency), m.start(), m.end()))
    return out


class Checker:
    def __init__(self, rules: dict) -> None:
        self.rules = rules
        patterns, meanings = [], []
        for rule in PHRASE_RULES:
            for phrase in rules[rule]["phrases"]:
                patterns.append(fold_phrase(phrase))
                meanings.append(rule)
        self.meanings = meanings
        self.patterns = patterns
        self._ac = ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
        self.cues = {move: [fold_phrase(p) for p in rules["moves"][move]] for move in MOVES}

    def check(self, text: str, *, lang: str | None = None, limit: Money | None = None,
              complaint: bool = True) -> list[Finding]:
        """Everything in a draft reply that would make the complaint worse; empty when it reads well.

        `complaint` False (an answer to a plain enquiry) drops the five-move check.
        """
        folded = fold(text)
        ftext = folded.text
        zh = "en" if lang == "en" or (lang is None and not re.search(r"[\u3400-\u9fff]", text)) else "zh"
        findings: list[Finding] = []

        def add(rule: str, start: int, end: int, why: str, rewrite: str) -> None:
            s, e = folded.original_span(start, end) if end > start else (start, end)
            findings.append(Finding(rule, s, e, why, to_script(rewrite, lang)))

        has_time = _TIME.search(ftext) is not None
        for idx, start, end in self._ac.find_matches_as_indexes(ftext):
            rule = self.meanings[idx]
            if not _whole_word(ftext, start, end):
                continue
            spec = self.rules[rule]
            if spec.get("needs_time") and has_time:
                continue
            add(rule, start, end, _(spec["why"]), spec["rewrite"][zh])
        apology_end = min((ftext.find(c) + len(c) for c in self.cues["apology"] if c in ftext), default=None)
        if apology_end is not None:
            pivot = _PIVOT.search(ftext, apology_end, apology_end + _PIVOT_REACH)
            if pivot:
                add("but_pivot", pivot.start(), pivot.end(),
                    _("A “but” after an apology takes the apology back."),
                    "用“只是”或直接说下一步" if zh == "zh" else "use “and”, or go straight to the next step")
        if limit is not None:
            for mention in money_mentions(text, default_currency=limit.currency):
                if mention.money.currency == limit.currency and mention.money.minor > limit.minor:
                    findings.append(Finding("over_authority", mention.start, mention.end,
                                            _("{amount} is above your limit of {limit} for this customer.",
                                              amount=mention.money, limit=limit),
                                            f"offer up to {limit}, or ask for approval first"))
        wrong = script_mismatch(text, lang) if lang else None
        if wrong is not None:
            start, end, expected = wrong
            findings.append(Finding("wrong_script", start, end,
                                    _("The customer writes {lang}; reply in {expected}.", lang=_(lang),
                                      expected=_(expected)),
                                    f"write the reply in {expected}"))
        for move in MOVES if complaint else ():
            if not any(cue in ftext for cue in self.cues[move]):
                add("missing_move", 0, 0, _("The reply has no {move} move (the five-move playbook).", move=_(move)),
                    _MOVE_EXAMPLE[zh][move])
        return sorted(findings, key=lambda f: (f.start, f.rule))


def _whole_word(text: str, start: int, end: int) -> bool:
    """ASCII phrases count as whole words only ("damages" is not inside "undamaged")."""
    if text[start:end].isascii():
        if start > 0 and text[start - 1].isalnum() and text[start - 1].isascii():
            return False
        if end < len(text) and text[end].isalnum() and text[end].isascii():
            return False
    return True


@lru_cache(maxsize=1)
def checker() -> Checker:
    with RULES_FILE.open("rb") as fh:
        return Checker(tomllib.load(fh))


def lint(text: str, *, lang: str | None = None, limit: Money | None = None, complaint: bool = True) -> list[Finding]:
    return checker().check(text, lang=lang, limit=limit, complaint=complaint)
