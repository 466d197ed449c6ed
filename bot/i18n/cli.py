"""`bot i18n`: bring the catalogues up to date with the source; 繁體 starts from 简体 through OpenCC."""

from __future__ import annotations

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from opencc import OpenCC

from bot.i18n.extract import phrases
from bot.i18n.language import CATALOGUES


def update() -> dict[str, int]:
    """Add new phrases to both catalogues and drop unused ones; returns how many are still untranslated."""
    found = phrases()
    to_traditional = OpenCC("s2twp")
    simplified = _sync("zh_Hans", found, lambda msgid: "")
    untranslated = {"zh_Hans": sum(1 for m in simplified if m.id and not m.string)}
    hans = {m.id: m.string for m in simplified if m.id}
    hant = _sync("zh_Hant", found, lambda msgid: _traditional(to_traditional.convert(hans.get(msgid, ""))))
    untranslated["zh_Hant"] = sum(1 for m in hant if m.id and not m.string)
    return untranslated


# Where OpenCC's Taiwan phrasing reads as software jargon in a support desk's words.
OPENCC_FIXES = {"型別": "類型", "程式碼": "代碼", "回復": "回覆", "工作臺": "工作台"}


def _traditional(text: str) -> str:
    for wrong, right in OPENCC_FIXES.items():
        text = text.replace(wrong, right)
    return text


def _sync(name: str, found: dict[str, list[str]], start) -> Catalog:
    path = CATALOGUES / f"{name}.po"
    old = {}
    if path.exists():
        with open(path, "rb") as f:
            old = {m.id: m.string for m in read_po(f) if m.id}
    catalog = Catalog(locale=name,
                      project="complaint-desk", charset="utf-8")
    for msgid in sorted(found):
        where = [(w.rsplit(":", 1)[0], int(w.rsplit(":", 1)[1])) if ":" in w else (w, None) for w in found[msgid]]
        catalog.add(msgid, old.get(msgid) or start(msgid), locations=where)
    with open(path, "wb") as f:
        write_po(f, catalog, width=120, omit_header=False, sort_output=True, include_lineno=False)
    return catalog


def main() -> int:
    CATALOGUES.mkdir(exist_ok=True)
    for name, n in update().items():
        print(f"{name}: {n} phrase(s) still to translate")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
