"""Telegram rendering: HTML escaped, long cards split between lines, callback data never over 64 bytes."""

import re

from adapters.telegram.render import (
    MAX_CALLBACK_BYTES,
    decode_callback,
    encode_callback,
    parse_prompt,
    prompt_text,
    render_edit,
    render_messages,
)
from bot.capabilities import build_registry
from bot.cases.card import case_buttons
from bot.messages import ActionId, Card, Field, Section, Severity

FORMS = build_registry().form  # the forms each capability registered for its buttons


def balanced(html: str) -> bool:
    return all(html.count(f"<{t}>") == html.count(f"</{t}>") for t in ("b", "i"))


def test_long_card_is_split_between_lines_with_every_part_balanced():
    lines = tuple(f"第{i}行 <script>&" + "长" * 300 for i in range(60)) + ("x" * 5000,)
    card = Card("Case #1 · <b>", "fallback", Severity.EXPLICIT, (Field("Level", "explicit"),),
                (Section("Customer said", lines),), case_buttons(1, forms=FORMS), "case 1")
    parts = render_messages(card)
    assert len(parts) > 1 and all(len(p) <= 4096 for p in parts)
    assert all(balanced(p) for p in parts)
    assert "<script>" not in "".join(parts) and "&lt;script&gt;" in parts[0]
    assert parts[0].startswith("<b>🟠 Case #1 · &lt;b&gt;</b>")
    assert "".join(parts).count("长") == 60 * 300
    edit = render_edit(card)
    assert len(edit) <= 4096 and edit.endswith("…") and balanced(edit)


def test_callback_data_fits_64_bytes_with_chinese_and_huge_ids():
    big = str(10**40)
    assert decode_callback(encode_callback(ActionId.ESCALATE, big)) == (ActionId.ESCALATE, big)
    assert len(encode_callback(ActionId.RESOLVE, "9" * 63).encode()) == MAX_CALLBACK_BYTES
    chinese = "投诉" * 40  # 240 bytes
    data = encode_callback(ActionId.ADD_NOTE, chinese)
    assert len(data.encode()) <= MAX_CALLBACK_BYTES
    action, value = decode_callback(data)
    assert action == ActionId.ADD_NOTE and chinese.startswith(value) and len(value) == 21  # 63 bytes, whole characters
    assert decode_callback("zzz") is None and decode_callback("") is None


def test_prompt_round_trip():
    text = prompt_text(FORMS(ActionId.ESCALATE), ActionId.ESCALATE, "42", '<a href="tg://user?id=1">Ann</a>')
    plain = re.sub(r"<[^>]+>", "", text)
    assert parse_prompt(plain) == (ActionId.ESCALATE, "42")
    assert parse_prompt("just a message [nope]") is None
