"""Text folding for matching: width, case, Traditional→Simplified, loose numbers, spaced-out characters.

Every step but the last keeps the length, so a span in the folded text is the same span in the
original; the last step (dropping spaces inside CJK runs) keeps an offset table.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import opencc

_T2S = opencc.OpenCC("t2s")
_S2T = opencc.OpenCC("s2t")

# Full-width ASCII and the ideographic space fold to plain ASCII; control characters become spaces
# so that offsets stay put and words they glued together come apart.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20
_WIDTH.update({cp: 0x20 for cp in range(0x00, 0x20)})
_WIDTH.update({0x7F: 0x20, 0x2028: 0x20, 0x2029: 0x20})
# Dots people put inside 3·15; folded to one form so one lexicon entry serves them all.
_WIDTH.update({ord(c): ord("·") for c in "•・‧∙⋅"})

_CN_DIGITS = str.maketrans("零〇一二三四五六七八九幺两", "0012345678912")
# Three or more Chinese digits in a row read as a number (一二三一五 → 12315); shorter runs are words.
_CN_NUMBER = re.compile(r"[零〇一二三四五六七八九幺]{3,}")
# A space between two CJK characters or digits is noise people add to dodge filters (投 诉, 1 2 3 1 5).
_INNER_SPACE = re.compile(r"(?<=[\u3400-\u9fff\uf900-\ufaff0-9])\s+(?=[\u3400-\u9fff\uf900-\ufaff0-9])")

_HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@dataclass(frozen=True)
class Folded:
    """Folded text for matching, and the original index of each folded character."""

    text: str
    offsets: tuple[int, ...] | None  # None: folded index == original index

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        if self.offsets is None:
            return start, end
        return self.offsets[start], self.offsets[end - 1] + 1


@lru_cache(maxsize=8192)
def _t2s_char(ch: str) -> str:
    out = _T2S.convert(ch)
    return out if len(out) == 1 else ch


def _same_length(converted: str, original: str, per_char) -> str:
    if len(converted) == len(original):
        return converted
    return "".join(per_char(ch) for ch in original)


def _lower_char(ch: str) -> str:
    low = ch.lower()
    return low if len(low) == 1 else ch


def fold(text: str) -> Folded:
    """Fold text for phrase matching; spans in the result map back to the original."""
    s = text.translate(_WIDTH)
    s = _same_length(s.lower(), s, _lower_char)
    if _HAN.search(s):
        s = _same_length(_T2S.convert(s), s, _t2s_char)
        s = _CN_NUMBER.sub(lambda m: m.group(0).translate(_CN_DIGITS), s)
    if not _INNER_SPACE.search(s):
        return Folded(s, None)
    keep = [True] * len(s)
    for m in _INNER_SPACE.finditer(s):
        for i in range(m.start(), m.end()):
            keep[i] = False
    offsets = tuple(i for i, k in enumerate(keep) if k)
    return Folded("".join(s[i] for i in offsets), offsets)


def fold_phrase(phrase: str) -> str:
    """Fold a lexicon phrase exactly as message text is folded, so the two meet."""
    return fold(unicodedata.normalize("NFC", phrase).strip()).text


def detect_lang(text: str) -> str:
    """Say which of zh-Hans, zh-Hant, en or mixed a message is written in."""
    han = _HAN.findall(text)
    words = len(_LATIN_WORD.findall(text))
    if not han:
        return "en"
    ratio = words / (words + len(han) / 2)
    if ratio > 0.75:
        return "en"
    if ratio > 0.35 and words >= 3:
        return "mixed"
    return zh_script("".join(han))


def zh_script(han: str) -> str:
    """zh-Hant when more characters are Traditional-only than Simplified-only, else zh-Hans."""
    # Phrase conversions can shift lengths; zip compares the common prefix, enough for a vote.
    trad = sum(a != b for a, b in zip(han, _T2S.convert(han)))
    simp = sum(a != b for a, b in zip(han, _S2T.convert(han)))
    return "zh-Hant" if trad > simp else "zh-Hans"


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_message(text: str) -> str:
    """Strip control characters a database or a chat client would choke on; keep newlines and tabs."""
    return _CONTROL.sub("", text.replace("\r\n", "\n"))


def unreadable_share(text: str) -> float:
    """The share of characters that are replacement marks or unassigned code points (binary junk)."""
    if not text:
        return 0.0
    bad = sum(1 for ch in text if ch == "\ufffd" or unicodedata.category(ch) in ("Cn", "Co", "Cs"))
    return bad / len(text)
