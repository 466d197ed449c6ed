"""A person in crisis is met with care, not bargaining: a care-first reply with a help line and no offer,
the lead tier pinged at once, and no "threat" card. SQLite and PostgreSQL."""

from tests.core.test_tiers_authority import AGENT, LEAD, forward

ZH = "我已经被你们逼得活不下去了，退款拖了三个月，真的不想活了"
EN = "I can't take this anymore, you've ruined me and I don't want to live anymore"


def test_a_person_in_distress_gets_care_first_and_the_lead_hears_at_once(team):
    from bot.events import CustomerRef, MessageReceived

    out = team.handle(MessageReceived(platform="slack", event_id="d1", member=AGENT, text=ZH,
                                      customer=CustomerRef(ref="C-D", name="李先生")))
    card = out[-1].card  # the case card answers the message; the pings come first
    assert any(o.reply_to is not None and o.reply_to.channel == "CLEADS" for o in out)  # the lead tier's place
    reply = next(s.lines[0] for s in card.sections if s.title == "Suggested reply")
    assert "12356" in reply and "安全" in reply
    for bargaining in ("退款、换货", "补偿", "赔", "审批"):
        assert bargaining not in reply, bargaining
    assert not any(b.action.value == "request" for b in card.buttons)
    assert "threat" not in card.fallback.split("Cards on the table")[-1] if "Cards on the table" in card.fallback else True
    pings = [o for o in out if o.recipients == (LEAD,)]
    assert pings and "may harm themselves" in pings[0].card.fallback


def test_the_english_care_reply_gives_the_us_line(team):
    case_id, card = forward(team, EN, customer="C-E")
    reply = next(s.lines[0] for s in card.sections if s.title == "Suggested reply")
    assert "988" in reply and "safe" in reply and "refund" not in reply.lower()
    assert not any(line.startswith("threat") for s in card.sections if s.title == "Cards on the table" for line in s.lines)
