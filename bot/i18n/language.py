"""Who reads what is being written, and the words in their language (gettext catalogues read with Babel)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

LANGUAGES = ("en", "zh-Hans", "zh-Hant")
NAMES = {"en": "English", "zh-Hans": "简体中文", "zh-Hant": "繁體中文"}
CATALOGUES = Path(__file__).parent / "catalogues"
# Regions that write Traditional; any other Chinese locale reads Simplified.
TRADITIONAL_REGIONS = ("tw", "hk", "mo", "hant")
WORDS = {"简": "zh-Hans", "簡": "zh-Hans", "简体": "zh-Hans", "簡體": "zh-Hans", "繁": "zh-Hant", "繁體": "zh-Hant",
         "繁体": "zh-Hant", "english": "en", "英文": "en", "中文": "zh-Hans"}

_reader: ContextVar[str] = ContextVar("reader", default="en")


def language_of(hint: str | None) -> str | None:
    """The language a locale, an Accept-Language value or a member's word names (`zh-TW` → zh-Hant), if any."""
    if not hint:
        return None
    first = hint.split(",")[0].split(";")[0].strip()
    if first in WORDS or first.lower() in WORDS:
        return WORDS.get(first) or WORDS[first.lower()]
    parts = first.replace("_", "-").lower().split("-")
    if parts[0] == "en":
        return "en"
    if parts[0] in ("zh", "yue"):
        return "zh-Hant" if parts[0] == "yue" or any(p in TRADITIONAL_REGIONS for p in parts[1:]) else "zh-Hans"
    return None


@cache
def catalogue(language: str) -> dict[str, str]:
    """msgid → translation for one language (English is the msgid itself); read once a process."""
    if language == "en":
        return {}
    with open(CATALOGUES / f"{language.replace('-', '_')}.po", "rb") as f:
        return {m.id: m.string for m in read_po(f) if m.id and m.string and not m.fuzzy}


def reader() -> str:
    """The language of whoever reads what is being written now."""
    return _reader.get()


@contextmanager
def speaking(language: str | None) -> Iterator[None]:
    """Write in `language` (English when none) until the block ends."""
    token = _reader.set(language if language in LANGUAGES else "en")
    try:
        yield
    finally:
        _reader.reset(token)


def read_by(language: str | None) -> None:
    """Write in `language` from here to the end of the enclosing `speaking` block."""
    _reader.set(language if language in LANGUAGES else "en")


def _(msgid: str, /, **params) -> str:
    """`msgid` in the reader's language, its `{placeholders}` filled from `params`."""
    text = catalogue(_reader.get()).get(msgid, msgid) if _reader.get() != "en" else msgid
    return text.format(**params) if params else text


def N_(msgid: str, /) -> str:
    """Marks a phrase translated where it is used, not where it is defined (a constant, a vocabulary)."""
    return msgid
