"""The team's language: every phrase the product says has a translation in each catalogue, with its placeholders."""

import re

import pytest
from babel.messages.pofile import read_po

from bot.i18n.extract import phrases
from bot.i18n.language import CATALOGUES, _, catalogue, language_of, speaking

PLACEHOLDER = re.compile(r"\{(\w*)\}")


@pytest.fixture(scope="module")
def found():
    return phrases()


@pytest.mark.parametrize("name", ["zh_Hans", "zh_Hant"])
def test_every_phrase_is_translated_with_its_placeholders(found, name):
    with open(CATALOGUES / f"{name}.po", "rb") as f:
        entries = {m.id: m for m in read_po(f) if m.id}
    missing = sorted(msgid for msgid in found if not (entries.get(msgid) and entries[msgid].string))
    assert missing == [], f"{len(missing)} phrase(s) untranslated in {name}.po (run `bot i18n`): {missing[:5]}"
    fuzzy = sorted(msgid for msgid, m in entries.items() if m.fuzzy)
    assert fuzzy == []
    unused = sorted(set(entries) - set(found))
    assert unused == [], f"{name}.po keeps phrases nothing says any more: {unused[:5]}"
    wrong = [msgid for msgid, m in entries.items()
             if sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(m.string))]
    assert wrong == [], f"placeholders differ from the English in {name}.po: {wrong[:5]}"


def test_traditional_is_written_in_traditional_characters():
    simplified_only = set("们这个说时钟间发订单户请补偿级审")
    leaks = {msgid: text for msgid, text in catalogue("zh-Hant").items() if simplified_only & set(text)}
    assert leaks == {}


def test_the_phrases_come_from_python_the_console_script_and_its_html(found):
    places = {where.split(":")[0] for wheres in found.values() for where in wheres}
    assert "bot/cases/card.py" in places
    assert "adapters/web/static/console.js" in places
    assert "adapters/web/static/index.html" in places


@pytest.mark.parametrize("hint, language", [
    ("zh-CN", "zh-Hans"), ("zh_SG", "zh-Hans"), ("zh", "zh-Hans"), ("zh-Hans-CN", "zh-Hans"),
    ("zh-TW", "zh-Hant"), ("zh-HK", "zh-Hant"), ("zh-Hant", "zh-Hant"), ("yue", "zh-Hant"),
    ("en-US", "en"), ("en", "en"), ("zh-TW,zh;q=0.9,en;q=0.8", "zh-Hant"), ("繁", "zh-Hant"), ("简体", "zh-Hans"),
    ("fr-FR", None), ("", None), (None, None),
])
def test_a_platform_locale_names_a_language(hint, language):
    assert language_of(hint) == language


def test_a_phrase_is_written_for_whoever_reads_it_now():
    assert _("Case #{id}", id=7) == "Case #7"
    with speaking("zh-Hans"):
        assert _("Case #{id}", id=7) == "案件 #7"
        with speaking("zh-Hant"):
            assert _("Customer wants") == "客戶訴求"
        assert _("Customer wants") == "客户诉求"
        with speaking("en"):
            assert _("Customer wants") == "Customer wants"
    with speaking("klingon"):  # an unknown language reads English
        assert _("Customer wants") == "Customer wants"
