"""Every phrase the product says, found in its source: Python `_()`, the console's `t()` and its HTML."""

from __future__ import annotations

import tomllib
from html.parser import HTMLParser
from pathlib import Path

from babel.messages.extract import extract_javascript, extract_python

ROOT = Path(__file__).resolve().parents[2]
PYTHON_KEYWORDS = {"_": None, "N_": None}
JS_KEYWORDS = {"t": None}
# Phrases kept in data files and translated where they are shown: (file, key whose values are phrases).
DATA_PHRASES = (("bot/playbook/lint.toml", "why"),)


def phrases(root: Path = ROOT) -> dict[str, list[str]]:
    """msgid → where it is used ("bot/cases/card.py:80"), over the bot, the adapters and the console."""
    found: dict[str, list[str]] = {}

    def add(message, where: str) -> None:
        msgid = message if isinstance(message, str) else (message or (None,))[0]
        if msgid:  # `_(name)` of a variable is translated where the phrase was marked N_()
            found.setdefault(msgid, []).append(where)

    for path in sorted([*root.glob("bot/**/*.py"), *root.glob("adapters/**/*.py")]):
        with open(path, "rb") as f:
            for line, _funcname, message, _comments in extract_python(f, PYTHON_KEYWORDS, [], {}):
                add(message, f"{path.relative_to(root)}:{line}")
    for path in sorted(root.glob("adapters/web/static/*.js")):
        with open(path, "rb") as f:
            for line, _funcname, message, _comments in extract_javascript(f, JS_KEYWORDS, [], {}):
                add(message, f"{path.relative_to(root)}:{line}")
    for path in sorted(root.glob("adapters/web/static/*.html")):
        marked = MarkedText()
        marked.feed(path.read_text(encoding="utf-8"))
        for line, msgid in marked.found:
            add(msgid, f"{path.relative_to(root)}:{line}")
    for name, key in DATA_PHRASES:
        with open(root / name, "rb") as f:
            for value in _values(tomllib.load(f), key):
                add(value, name)
    return found


def _values(data, key: str):
    """Every string under `key`, however deep, in a TOML document."""
    if isinstance(data, dict):
        for k, v in data.items():
            if k == key and isinstance(v, str):
                yield v
            else:
                yield from _values(v, key)
    elif isinstance(data, list):
        for v in data:
            yield from _values(v, key)


class MarkedText(HTMLParser):
    """An element marked `data-i18n` has its text translated; `data-i18n-attr="placeholder title"` its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[int, str]] = []
        self._open: list[tuple[str, list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in (values.get("data-i18n-attr") or "").split():
            self.found.append((self.getpos()[0], values.get(name) or ""))
        if "data-i18n" in values:
            self._open.append((tag, []))

    def handle_data(self, data: str) -> None:
        if self._open:
            self._open[-1][1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open and self._open[-1][0] == tag:
            _tag, parts = self._open.pop()
            self.found.append((self.getpos()[0], " ".join("".join(parts).split())))
