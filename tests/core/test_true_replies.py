"""A reply states only what is true or becomes true when it is sent: the card says what Mark as sent will do,
and Mark as sent does it. SQLite and PostgreSQL."""

from bot.authority.tables import Offer
from bot.cases.tables import Case
from bot.messages import ActionId
from tests.core.test_tiers_authority import AGENT, forward, press, rows, said


def section(card, title):
    return next((s.lines for s in card.sections if s.title == title), ())


def test_a_high_risk_reply_that_says_escalated_escalates_when_sent(team, engine):
    case_id, card = forward(team, "再不处理我就去12315投诉你们")
    reply = section(card, "Suggested reply")[0]
    assert "升级" in reply
    assert section(card, "Mark as sent will") == ("escalate the case to lead",)
    assert rows(engine, Case)[0].tier_grade == "F"  # nothing has happened yet
    out = press(team, AGENT, ActionId.MARK_SENT, str(case_id))
    [case] = rows(engine, Case)
    assert case.tier_grade == "D" and case.answered_at is not None
    assert "escalated to lead" in said(out)
    card = next(o.card for o in reversed(out) if o.case_id == case_id and o.card.sections and not o.private)
    assert section(card, "Mark as sent will") == ()  # now it is a fact


def test_a_reply_that_says_the_request_went_for_approval_files_it_when_sent(team, engine):
    case_id, card = forward(team, "东西坏了，我要投诉，你们必须补偿我500元")
    assert section(card, "Mark as sent will") == ("request approval for CNY 500.00",)
    assert rows(engine, Offer) == []
    press(team, AGENT, ActionId.MARK_SENT, str(case_id))
    [offer] = rows(engine, Offer)
    assert (offer.status, offer.amount_minor) == ("pending", 50000)


def test_a_promise_nobody_could_keep_is_not_sent_as_done(desk, engine):
    from bot.events import CustomerRef, MessageReceived

    out = desk.handle(MessageReceived(platform="slack", event_id="u1", member=AGENT, text="再不处理我就去12315投诉你们",
                                      customer=CustomerRef(ref="C-U")))
    [line] = section(out[-1].card, "Mark as sent will")
    assert "nobody is in lead or above" in line and "tier add lead" in line
    press(desk, AGENT, ActionId.MARK_SENT, str(out[-1].case_id))
    assert rows(engine, Case)[0].tier_grade == "F"  # not escalated into an empty ladder


def test_reply_times_are_the_case_clocks_said_as_a_person_would(desk, engine):
    from bot.events import CustomerRef, MessageReceived
    from bot.playbook.timing import say_by
    from bot.playbook.compose import templates
    from bot.sla.tables import SlaClock
    from bot.store.db import as_utc

    out = desk.handle(MessageReceived(platform="slack", event_id="t1", member=AGENT, text="我要投诉，快递一个星期都没到",
                                      customer=CustomerRef(ref="C-T")))
    reply = section(out[-1].card, "Suggested reply")[0]
    [resolve] = [c for c in rows(engine, SlaClock) if c.kind == "resolve"]
    zone, now = desk.team.zone, desk.team.now()
    words = templates("zh-Hans")["words"]["when"]
    promised = say_by(as_utc(resolve.deadline).astimezone(zone), now.astimezone(zone), words)
    # The follow-up promise is the resolution clock's own deadline (business time), not a window in hours.
    assert promised in reply and "小时内" not in reply, (promised, reply)
    assert "前" in promised and ("月" in promised or "周" in promised or "明天" in promised)


def test_a_follow_up_message_is_answered_with_what_the_customer_already_asked_for(team, engine):
    first_id, first = forward(team, "东西坏了，我要退款")
    assert "您希望我们为您退款" in section(first, "Suggested reply")[0]
    case_id, card = forward(team, "我上午说的退款到底什么时候处理？？？")  # the same customer, the same case
    reply = section(card, "Suggested reply")[0]
    assert case_id == first_id and "之前" in reply and "退款" in reply and "对吗" not in reply
