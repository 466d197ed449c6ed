"""The words a complaint is about: segmented (jieba's dictionary, through rjieba), folded to Simplified, without
stopwords. Hot words and outbreak subjects are counted over these."""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

import rjieba

from bot.text.normalize import to_simplified

STOPWORDS_FILE = Path(__file__).with_name("stopwords.toml")
MAX_TERMS = 12  # a long message adds at most this many distinct words, its first ones
# Parts of speech that name a subject: nouns (n, nr, ns, nt, nz, ng), verbs (v, vn), adjectives (a, an), and
# words jieba does not know (x is punctuation, handled apart). Pronouns, adverbs, particles, numbers are not.
_SUBJECT_TAGS = re.compile(r"^(n|v|a|l|i|j|eng)")
_HAN_WORD = re.compile(r"^[\u3400-\u9fff]{2,8}$")
_LATIN_WORD = re.compile(r"[a-z][a-z'-]{2,24}")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    with STOPWORDS_FILE.open("rb") as fh:
        data = tomllib.load(fh)
    return frozenset(data["zh"]) | frozenset(data["en"])


def terms_of(text: str) -> list[str]:
    """The distinct subject words of a message, in the order they first appear: 漏水, 洗衣机, refund."""
    stop, seen = _stopwords(), {}
    simplified = to_simplified(text)
    for word, tag in rjieba.tag(simplified):
        if _HAN_WORD.match(word) and _SUBJECT_TAGS.match(tag) and word not in stop:
            seen.setdefault(word, None)
    for word in _LATIN_WORD.findall(simplified.lower()):
        word = word.strip("'-")
        if len(word) >= 3 and "'" not in word and word not in stop:  # hasn't, i'm: grammar, not subject
            seen.setdefault(word, None)
    return list(seen)[:MAX_TERMS]
