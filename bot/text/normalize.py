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


def _changed_chars(converter: opencc.OpenCC) -> re.Pattern:
    """A character class of every CJK character the converter changes: one call over the block, at import."""
    chars = [chr(cp) for cp in range(0x3400, 0xA000)]
    converted = converter.convert("\n".join(chars)).split("\n")
    return re.compile("[" + "".join(c for c, out in zip(chars, converted) if c != out) + "]")


# Characters only Traditional (or only Simplified) writing uses, from OpenCC's own tables. They let
# the per-message path skip OpenCC for text with nothing to convert, and vote on the script cheaply.
_TRAD_ONLY = _changed_chars(_T2S)
_SIMP_ONLY = _changed_chars(_S2T)

# Full-width letters, digits and the symbols people put in numbers and handles (＃＠．％), and the
# ideographic space, fold to plain ASCII; control characters become spaces so that offsets stay put
# and words they glued together come apart. Full-width punctuation (，！？) stays: every pattern
# that reads punctuation knows both forms, and most Chinese text then needs no translation at all.
_WIDE = "\uff03\uff05\uff0e\uff10-\uff19\uff20-\uff3a\uff41-\uff5a"
_WIDTH = {cp: cp - 0xFEE0 for cp in (0xFF03, 0xFF05, 0xFF0E, *range(0xFF10, 0xFF1A), *range(0xFF20, 0xFF3B),
                                      *range(0xFF41, 0xFF5B))}
_WIDTH[0x3000] = 0x20
_WIDTH.update({cp: 0x20 for cp in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0x2028, 0x2029)})
# Dots people put inside 3·15; folded to one form so one lexicon entry serves them all.
_DOTS = "•・‧∙⋅"
_WIDTH.update({ord(c): ord("·") for c in _DOTS})
# Corner brackets, the quotation marks of Taiwan and Hong Kong, fold to curly quotes: one entry (“快”) serves both.
_CORNERS = "「」『』"
_WIDTH.update({ord("「"): ord("“"), ord("」"): ord("”"), ord("『"): ord("“"), ord("』"): ord("”")})
_NEEDS_WIDTH = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\u3000{_WIDE}{_DOTS}{_CORNERS}]")

_CN_DIGITS = str.maketrans("零〇一二三四五六七八九幺两", "0012345678912")
# Three or more Chinese digits in a row read as a number (一二三一五 → 12315); shorter runs are words.
_CN_NUMBER = re.compile(r"[零〇一二三四五六七八九幺]{3,}")
# A space between two CJK characters or digits is noise people add to dodge filters (投 诉, 1 2 3 1 5).
_INNER_SPACE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff0-9](\s+)(?=[\u3400-\u9fff\uf900-\ufaff0-9])")

_SPACED_DIGITS = re.compile(r"[0-9]\s+[0-9]")

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


# A link's text is an address, not words the customer said ("google.com/maps" is not a review).
_URL = re.compile(r"(?:https?://|www\.)[^\s<>\u3000-\u303f\uff01-\uff5e]+", re.IGNORECASE)
# An @-mention of the company's own service account only addresses the company (@中国电信客服);
# other mentions (@12315消费者维权, @人民日报) are read like any other words.
_HANDLE_END = r"(?=[\s@#，,。！!？?：:、；;）)]|$)"
_SERVICE_MENTION = re.compile(r"@[^\s@#，,。！!？?：:、；;）)]{0,38}?"
                              r"(?:客服|客服中心|官方|官微|客户服务|服务号|support|help|care|service|cs)" + _HANDLE_END)


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


def _blank(s: str, spans) -> str:
    parts, last = [], 0
    for start, end in spans:
        parts.append(s[last:start])
        parts.append(" " * (end - start))
        last = end
    parts.append(s[last:])
    return "".join(parts)


def fold(text: str, typos: TypoFixer | None = None) -> Folded:
    """Fold text for phrase matching; spans in the result map back to the original."""
    s = text.translate(_WIDTH) if _NEEDS_WIDTH.search(text) else text
    s = _same_length(s.lower(), s, _lower_char)
    if "www." in s or "://" in s:
        s = _blank(s, [m.span() for m in _URL.finditer(s)])
    if "@" in s:
        s = _blank(s, [m.span() for m in _SERVICE_MENTION.finditer(s)])
    han = _HAN.search(s) is not None
    if han and _TRAD_ONLY.search(s):
        s = _same_length(_T2S.convert(s), s, _t2s_char)
    spaced = " " in s or "\n" in s or "\t" in s or "\r" in s
    edits = ([(m.start(1), m.end(1), "") for m in _INNER_SPACE.finditer(s)]
             if spaced and (han or _SPACED_DIGITS.search(s)) else [])
    if typos is not None:
        edits.extend(typos.fixes(s))
    if not edits:
        return Folded(_cn_numbers(s) if han else s, None)
    edits.sort()
    parts: list[str] = []
    offsets: list[int] = []
    last = 0
    for start, end, replacement in edits:
        parts.append(s[last:start])
        offsets.extend(range(last, start))
        parts.append(replacement)
        # Every character of a replacement points into the span it replaced, so spans stay whole.
        offsets.extend(start + min(i, end - start - 1) for i in range(len(replacement)))
        last = end
    parts.append(s[last:])
    offsets.extend(range(last, len(s)))
    folded = "".join(parts)
    return Folded(_cn_numbers(folded) if han else folded, tuple(offsets))


def _cn_numbers(s: str) -> str:
    # After spaces are dropped, so that 一 二 三 一 五 reads as 12315 too; keeps the length.
    return _CN_NUMBER.sub(lambda m: m.group(0).translate(_CN_DIGITS), s)


class TypoFixer:
    """Corrects a misspelt watch-list word (complant, copmlaint, lawyr) at one edit or swap away.

    Symmetric deletion: a word and a typo of it share a form with at most one letter dropped.
    Only words of six letters or more are corrected, only to words in the vocabulary, never a word
    in `keep` (real words one edit from a vocabulary word: layer, managed), and the first letter
    must agree, which is where people rarely slip.
    """

    MIN_LEN = 6

    def __init__(self, words, keep=()) -> None:
        self.words = frozenset(w.lower() for w in words)
        self.keep = frozenset(w.lower() for w in keep) | self.words
        deletions: dict[str, set[str]] = {}
        for word in self.words:
            for d in _deletions(word):
                deletions.setdefault(d, set()).add(word)
        # A form shared by two vocabulary words is ambiguous; it corrects to neither.
        self.by_deletion = {d: next(iter(ws)) for d, ws in deletions.items() if len(ws) == 1}

    def correct(self, token: str) -> str | None:
        """The vocabulary word this token misspells, or None."""
        if len(token) < self.MIN_LEN or token in self.keep:
            return None
        word = self.by_deletion.get(token)  # a letter left out
        if word is None:
            for d in _deletions(token):
                if d in self.words:  # a letter too many
                    word = d
                    break
                cand = self.by_deletion.get(d)  # a letter changed, or two swapped
                if cand is not None and len(cand) == len(token):
                    word = cand
                    break
        return word if word is not None and word[0] == token[0] else None

    def fixes(self, s: str) -> list[tuple[int, int, str]]:
        out = []
        for m in _ASCII_WORD.finditer(s):
            word = self.correct(m.group(0))
            if word is not None:
                out.append((m.start(), m.end(), word))
        return out


_ASCII_WORD = re.compile(r"[a-z]{6,}")


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def fold_phrase(phrase: str) -> str:
    """Fold a lexicon phrase exactly as message text is folded, so the two meet."""
    return fold(unicodedata.normalize("NFC", phrase).strip()).text


# The language of a message shows in its opening; a long message is not read to the end for it.
_LANG_SAMPLE = 1000


def detect_lang(text: str) -> str:
    """Say which of zh-Hans, zh-Hant, en or mixed a message is written in."""
    text = text[:_LANG_SAMPLE]
    if not _HAN.search(text):
        return "en"
    words = len(_LATIN_WORD.findall(text))
    if not words:
        return zh_script(text)
    han = _HAN.findall(text)
    ratio = words / (words + len(han) / 2)
    if ratio > 0.75:
        return "en"
    if ratio > 0.35 and words >= 3:
        return "mixed"
    return zh_script(text)


def zh_script(han: str) -> str:
    """zh-Hant when more characters are Traditional-only than Simplified-only, else zh-Hans."""
    if not _TRAD_ONLY.search(han):
        return "zh-Hans"
    if not _SIMP_ONLY.search(han):
        return "zh-Hant"
    trad = len(_TRAD_ONLY.findall(han))
    simp = len(_SIMP_ONLY.findall(han))
    return "zh-Hant" if trad > simp else "zh-Hans"


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def clean_message(text: str) -> str:
    """Strip what a database, a JSON encoder or a chat client would choke on (NUL and other control
    characters, lone surrogates); keep newlines and tabs."""
    return _CONTROL.sub("", text.replace("\r\n", "\n"))


def whole(text: str, *, max_digits: int = 9) -> int | None:
    """The whole number a person typed (ASCII digits, at most `max_digits` of them), else None: a 5,000-digit
    "number" or a superscript two is an answer to give, not an exception to raise."""
    text = text.strip()
    if not text or len(text) > max_digits or not (text.isascii() and text.isdigit()):
        return None
    return int(text)


def unreadable_share(text: str) -> float:
    """The share of characters that are replacement marks or unassigned code points (binary junk)."""
    if not text:
        return 0.0
    bad = sum(1 for ch in text if ch == "\ufffd" or unicodedata.category(ch) in ("Cn", "Co", "Cs"))
    return bad / len(text)


_HAN_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{5,}")
_SCRIPT_NAME = {"zh-Hant": "Traditional Chinese", "zh-Hans": "Simplified Chinese", "en": "English"}


def script_mismatch(text: str, lang: str) -> tuple[int, int, str] | None:
    """The first character written in a script the customer does not use, and the script they do."""
    # In English a short run of Chinese is a name or a product (Hi 王女士); a sentence of it is not English.
    pattern = {"zh-Hant": _SIMP_ONLY, "zh-Hans": _TRAD_ONLY, "en": _HAN_RUN}.get(lang)
    m = pattern.search(text) if pattern is not None else None
    return (m.start(), m.end(), _SCRIPT_NAME[lang]) if m else None


def to_simplified(text: str) -> str:
    """Traditional text in Simplified (OpenCC t2s), so one word counts the same in either script."""
    return _T2S.convert(text) if _TRAD_ONLY.search(text) else text


def to_script(text: str, lang: str | None) -> str:
    """Simplified text in Traditional for a zh-Hant reader (OpenCC); unchanged for anyone else."""
    return _S2T.convert(text) if lang == "zh-Hant" else text
