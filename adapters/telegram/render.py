"""Neutral cards as Telegram HTML with an inline keyboard; the compact callback-data codec; form prompts."""

from __future__ import annotations

import html
import re

from bot.i18n.language import _
from bot.messages import SEVERITY_EMOJI, ActionId, Card, Form, Severity

MAX_MESSAGE = 4096  # Telegram's limit on a message's text, in characters after entity parsing
MAX_CALLBACK_BYTES = 64
PIECE = 800  # raw characters per piece of a long line: escaped, even "&" × 800 stays under the limit
# Informational cards carry no mark in Telegram: the bold title stands alone.
LEVEL_EMOJI = {**SEVERITY_EMOJI, Severity.INFO: ""}
# One letter an action on the wire keeps callback data short whatever the value is.
_CODES = {ActionId.TAKE: "t", ActionId.ADD_NOTE: "n", ActionId.ESCALATE: "e", ActionId.RESOLVE: "r",
          ActionId.SHOW_CASE: "s", ActionId.ACKNOWLEDGE: "a", ActionId.OFFER: "o", ActionId.APPROVE: "y",
          ActionId.DENY: "d", ActionId.ANOTHER_REPLY: "v", ActionId.MARK_SENT: "m", ActionId.CHECK_DRAFT: "l",
          ActionId.REQUEST_APPROVAL: "q", ActionId.CORRECT_LEVEL: "c",
          ActionId.OPEN_INCIDENT: "i", ActionId.SNOOZE: "p"}
_ACTIONS = {code: action for action, code in _CODES.items()}
FOLD_CHARS = 3000  # the folded detail stays one line of the card, within one message


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def card_lines(card: Card) -> list[str]:
    """The card as HTML lines, each one balanced on its own so a message can be cut between any two."""
    lines: list[str] = []
    emoji = LEVEL_EMOJI.get(card.severity, "")
    if card.title:
        lines.append(f"<b>{esc((emoji + ' ' if emoji else '') + card.title)}</b>")
    for f in card.fields:
        if not f.fold:
            lines.append(f"<b>{esc(f.label)}:</b> {esc(f.value)}")
    folded = [f"<b>{esc(f.label)}:</b> {esc(f.value)}" for f in card.fields if f.fold]
    for section in (s for s in card.sections if s.fold):
        folded += [f"<b>{esc(section.title)}</b>", *(esc(line) for line in section.lines)]
    for i, section in enumerate(card.sections):
        if section.fold:
            continue
        if section.title:
            lines.append("")
            lines.append(f"<b>{esc(section.title)}</b>")
        for j, raw in enumerate(section.lines):
            if not card.title and i == 0 and j == 0 and emoji:
                raw = f"{emoji} {raw}"
            pieces = [raw[k:k + PIECE] for k in range(0, len(raw), PIECE)] or [""]
            # A reply to copy goes in <pre>: Telegram shows it plain with a copy button.
            lines.extend(f"<pre>{esc(piece)}</pre>" if section.copy else esc(piece) for piece in pieces)
    if folded:
        # The detail a reader opens when they need it: one expandable quote, kept whole as one line of the card.
        body = "\n".join(folded)
        lines.append(f"<blockquote expandable>{body if len(body) <= FOLD_CHARS else esc(_clip_plain(folded))}"
                     "</blockquote>")
    if card.context:
        lines.append(f"<i>{esc(card.context)}</i>")
    return lines


def _clip_plain(folded: list[str]) -> str:
    """Folded detail too long for one message, as plain text cut to fit (tags dropped, so nothing is left open)."""
    plain = html.unescape(re.sub(r"<[^>]+>", "", "\n".join(folded)))
    return plain[:FOLD_CHARS - 1] + "…"


def render_messages(card: Card) -> list[str]:
    """The card as one or more HTML messages, each within Telegram's 4,096 characters, cut between lines."""
    messages, current = [], ""
    for line in card_lines(card):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > MAX_MESSAGE and current:
            messages.append(current)
            candidate = line
        current = candidate
    messages.append(current or esc(card.fallback[:PIECE]))
    return messages


def render_edit(card: Card) -> str:
    """The card as a single message, for editing in place: cut at the last line that fits."""
    messages = render_messages(card)
    if len(messages) == 1:
        return messages[0]
    first = messages[0]
    return first + "\n…" if len(first) + 2 <= MAX_MESSAGE else first


def encode_callback(action: ActionId, value: str) -> str:
    """`action` and `value` in at most 64 bytes: one letter, then the value cut at a character boundary."""
    data = _CODES[action] + value
    raw = data.encode()
    if len(raw) <= MAX_CALLBACK_BYTES:
        return data
    return raw[:MAX_CALLBACK_BYTES].decode(errors="ignore")


def decode_callback(data: str) -> tuple[ActionId, str] | None:
    if not data or data[0] not in _ACTIONS:
        return None
    return _ACTIONS[data[0]], data[1:]


_PROMPT = re.compile(r"\[(?P<action>[a-z_]+)(?: (?P<value>[^\]\s]+))?\]\s*$", re.M)


def prompt_text(form: Form, action: ActionId, value: str, mention: str) -> str:
    """The question a ForceReply asks; the tag on its first line lets the answer find its action, stateless."""
    case, _sep, offer = value.partition(":")
    label = (_("Case #{id}", id=case) if case.isdigit() else value) + (_(" · offer #{id}", id=offer) if offer else "")
    return (f"✍️ <b>{esc(form.title)}</b> · {esc(label)} [{action.value} {esc(value)}]\n"
            + _("{mention}, reply to this message with: {what}", mention=mention,
                what=esc(form.typed or form.fields[0].label)))


def parse_prompt(text: str) -> tuple[ActionId, str] | None:
    """The action and value a prompt asked for, read back from its text."""
    first = (text or "").split("\n", 1)[0]
    match = _PROMPT.search(first)
    if not match:
        return None
    try:
        return ActionId(match["action"]), match["value"] or ""
    except ValueError:
        return None
