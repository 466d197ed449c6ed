"""Neutral cards and forms as Slack Block Kit, and Slack's message markup back to plain text."""

from __future__ import annotations

import html
import json
import re

from bot.i18n.language import _
from bot.messages import SEVERITY_EMOJI, ActionId, Card, Form, FormField, Severity

# Block Kit's documented limits.
HEADER_CHARS, FIELD_CHARS, SECTION_CHARS, BUTTON_CHARS = 150, 2000, 3000, 75
FIELDS_PER_SECTION, MAX_BLOCKS = 10, 50
TEXT_CHARS = 3900  # the fallback `text`; Slack shows at most about 4,000 characters of it
MODAL_TITLE_CHARS = 24
FORM_PREFIX = "form:"


def usage_hint(registry) -> str:
    """`/cs`'s usage hint in the app manifest: every registered command, in the registry's order."""
    return " | ".join(c.name for c in registry.commands())


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def escape(text: str) -> str:
    """Text shown as mrkdwn: &, < and > escaped so a customer's words cannot ping or link."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _copy_blocks(section) -> list[dict]:
    """Text to copy as it is: a title, then a preformatted block that keeps the words exactly."""
    out = [{"type": "section", "text": {"type": "mrkdwn", "text": clip(f"*{escape(section.title)}*", SECTION_CHARS)}}]
    body = clip("\n".join(section.lines), SECTION_CHARS)
    out.append({"type": "rich_text", "elements": [
        {"type": "rich_text_preformatted", "elements": [{"type": "text", "text": body}]}]})
    return out


def render_card(card: Card) -> tuple[str, list[dict]]:
    """A card as (fallback text, blocks)."""
    emoji = SEVERITY_EMOJI.get(card.severity, "")
    blocks: list[dict] = []
    if card.title:
        blocks.append({"type": "header",
                       "text": {"type": "plain_text", "text": clip(f"{emoji} {card.title}", HEADER_CHARS), "emoji": True}})
    shown = [f for f in card.fields if not f.fold]
    for start in range(0, len(shown), FIELDS_PER_SECTION):
        chunk = shown[start:start + FIELDS_PER_SECTION]
        blocks.append({"type": "section", "fields": [
            {"type": "mrkdwn", "text": clip(f"*{escape(f.label)}*\n{escape(f.value)}", FIELD_CHARS)} for f in chunk]})
    folded = [f for f in card.fields if f.fold]
    if folded:  # Slack has no fold: the detail goes small and grey under the fields a glance needs
        blocks.append({"type": "context", "elements": [
            {"type": "mrkdwn", "text": clip(" · ".join(f"{escape(f.label)}: {escape(f.value)}" for f in folded),
                                             FIELD_CHARS)}]})
    for i, section in enumerate(card.sections):
        if section.copy:
            blocks.extend(_copy_blocks(section))
            continue
        lines = [escape(line) for line in section.lines]
        if section.title:
            lines.insert(0, f"*{escape(section.title)}*")
        if not card.title and i == 0 and card.severity == Severity.ERROR:
            lines[0] = f"{emoji} {lines[0]}"
        text = "\n".join(lines).strip()
        if text:
            blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": clip(text, SECTION_CHARS)}})
    if card.context:
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": clip(escape(card.context), FIELD_CHARS)}]})
    if card.buttons:
        elements = []
        for button in card.buttons:
            element = {"type": "button", "action_id": button.action.value, "value": button.value,
                       "text": {"type": "plain_text", "text": clip(button.label, BUTTON_CHARS)}}
            if button.style in ("primary", "danger"):
                element["style"] = button.style
            elements.append(element)
        blocks = blocks[: MAX_BLOCKS - 1]
        blocks.append({"type": "actions", "block_id": "card_actions", "elements": elements})
    fallback = f"{emoji} {card.fallback}" if emoji and card.severity != Severity.INFO else card.fallback
    return clip(fallback, TEXT_CHARS), blocks[:MAX_BLOCKS]


def form_view(form: Form, action: ActionId, value: str, metadata: dict) -> dict:
    """A modal that collects a form's fields; submitting it comes back as a view_submission."""
    blocks: list[dict] = [{"type": "context", "elements": [
        {"type": "mrkdwn", "text": escape(f"Case #{value}") if value.isdigit() else escape(value[:200])}]}]
    for f in form.fields:
        element = _input(f)
        if f.placeholder and element["type"] != "static_select":
            element["placeholder"] = {"type": "plain_text", "text": clip(f.placeholder, 150)}
        blocks.append({"type": "input", "block_id": f.name, "optional": not f.required,
                       "label": {"type": "plain_text", "text": clip(f.label, 2000)}, "element": element})
    return {
        "type": "modal",
        "callback_id": FORM_PREFIX + action.value,
        "private_metadata": json.dumps({**metadata, "value": value}),
        "title": {"type": "plain_text", "text": clip(form.title, MODAL_TITLE_CHARS)},
        "submit": {"type": "plain_text", "text": clip(form.submit_label, MODAL_TITLE_CHARS)},
        "close": {"type": "plain_text", "text": _("Cancel")},
        "blocks": blocks,
    }


def _input(f: FormField) -> dict:
    """Slack's element for a form field: a choice from its vocabulary, a number, a date, or text."""
    if f.choices:
        options = [{"text": {"type": "plain_text", "text": clip(label, 75)}, "value": value[:150]}
                   for value, label in f.choices[:100]]
        return {"type": "static_select", "action_id": f.name, "options": options, "initial_option": options[0]}
    if f.kind == "number":
        return {"type": "number_input", "action_id": f.name, "is_decimal_allowed": True, "min_value": "0"}
    if f.kind == "date":
        return {"type": "datepicker", "action_id": f.name}
    return {"type": "plain_text_input", "action_id": f.name, "multiline": f.multiline}


def form_inputs(view: dict) -> dict[str, str]:
    """The values typed or chosen in a submitted modal, by field name."""
    inputs = {}
    for block_id, elements in (view.get("state") or {}).get("values", {}).items():
        for element in elements.values():
            chosen = element.get("selected_option") or {}
            inputs[block_id] = chosen.get("value") or element.get("selected_date") or element.get("value") or ""
    return inputs


_MARKUP = re.compile(r"<([@#!])?([^<>|]+)(?:\|([^<>]*))?>")


def plain_text(text: str, *, refs: bool = False) -> str:
    """Slack markup as plain text: links, user and channel mentions; `refs` turns a user into slack:U123."""
    def one(match: re.Match) -> str:
        sigil, target, label = match.groups()
        if sigil == "@":
            return f"slack:{target}" if refs else "@" + (label or target)
        if sigil == "#":
            return f"slack:{target}" if refs else "#" + (label or target)
        if sigil == "!":
            return "@" + (label or target.split("^")[0])
        return label or target.removeprefix("mailto:")
    return html.unescape(_MARKUP.sub(one, text or ""))
