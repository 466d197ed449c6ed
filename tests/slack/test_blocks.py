"""Block Kit rendering stays inside Slack's limits and never lets a customer's words ping or link."""

from bot.capabilities import build_registry
from bot.cases.card import case_buttons
from bot.messages import ActionId, Card, Field, Outbound, Section, Severity, dump_outbound, load_outbound, MessageRef
from adapters.slack.blocks import form_inputs, form_view, plain_text, render_card

FORMS = build_registry().form  # the forms each capability registered for its buttons


def test_long_and_hostile_content_fits_the_limits_and_is_escaped():
    card = Card(title="Case #1 · " + "长" * 300, fallback="x" * 10_000, severity=Severity.HIGH_RISK,
                fields=tuple(Field(f"f{i}", "v" * 3000) for i in range(23)),
                sections=(Section("Customer said", ("<!channel> <@U1> " + "字" * 5000,)),),
                buttons=case_buttons(123456789012, forms=FORMS), context="case 1")
    text, blocks = render_card(card)
    assert len(text) <= 3900 and text.startswith("🔴")
    assert blocks[0]["type"] == "header" and len(blocks[0]["text"]["text"]) <= 150
    sections = [b for b in blocks if b["type"] == "section"]
    assert [len(b.get("fields", [])) for b in sections[:3]] == [10, 10, 3]
    assert all(len(f["text"]) <= 2000 for b in sections for f in b.get("fields", []))
    said = sections[-1]["text"]["text"]
    assert len(said) <= 3000 and "&lt;!channel&gt;" in said and "<!channel>" not in said
    assert blocks[-1]["type"] == "actions" and len(blocks) <= 50


def test_modal_round_trip_and_markup():
    view = form_view(FORMS(ActionId.ADD_NOTE), ActionId.ADD_NOTE, "7", {"c": "C1", "ts": "1.2"})
    assert view["callback_id"] == "form:note" and len(view["title"]["text"]) <= 24
    assert [b["block_id"] for b in view["blocks"] if b["type"] == "input"] == ["text"]
    state = {"state": {"values": {"text": {"text": {"type": "plain_text_input", "value": "done"}}}}}
    assert form_inputs(state) == {"text": "done"}
    assert plain_text("hi <@U1|ann> see <https://weibo.com/x|weibo> &amp; <#C1|ops>") == "hi @ann see weibo & #ops"
    assert plain_text("grant <@U1|ann> lead", refs=True) == "grant slack:U1 lead"


def test_outbound_survives_the_outbox_round_trip():
    out = Outbound(Card("t", "f", Severity.EXPLICIT, (Field("a", "b"),), (Section("s", ("l",)),), case_buttons(3, forms=FORMS), "c"),
                   private=True, reply_to=MessageRef("slack", "C1", "1.1", "1.0"), case_id=3,
                   recipients=("slack:U1",), attempt=2)
    assert load_outbound(dump_outbound(out)) == out


def test_the_manifest_usage_hint_names_every_registered_command():
    import re
    from pathlib import Path

    from adapters.slack.blocks import usage_hint

    manifest = (Path(__file__).resolve().parents[2] / "adapters/slack/manifest.yml").read_text(encoding="utf-8")
    [hint] = re.findall(r'usage_hint: "([^"]*)"', manifest)
    assert hint == usage_hint(build_registry()), "update adapters/slack/manifest.yml from the registry"
