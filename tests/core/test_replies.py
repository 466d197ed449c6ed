"""The suggested reply on the case card, its buttons, and the draft checker, through the core."""

from sqlmodel import select

from bot.authority.tables import Offer
from bot.cases.tables import Case
from bot.desk import Desk
from bot.events import ActionInvoked, CommandInvoked, CustomerRef, MessageReceived
from bot.messages import ActionId
from bot.store import db
from bot.store.tables import AuditEntry

AGENT = "slack:UAGENT"
_seq = iter(range(10**6))


def forward(desk, text, **customer):
    out = desk.handle(MessageReceived(platform="slack", event_id=f"m{next(_seq)}", member=AGENT, text=text,
                                      customer=CustomerRef(ref="C-1", **customer)))
    return out[-1].case_id, out[-1].card


def press(desk, action, value, **inputs):
    return desk.handle(ActionInvoked(platform="slack", event_id=f"a{next(_seq)}", member=AGENT, action=action,
                                     value=value, inputs=inputs))


def section(card, title):
    return next((s for s in card.sections if s.title == title), None)


def card_of(outs, case_id):
    return next(o.card for o in outs if o.case_id == case_id and not o.private)


def test_the_card_carries_a_reply_in_the_customers_script_and_another_version(engine, analyzer, clock):
    desk = Desk(engine=engine, analyzer=analyzer, clock=clock)
    case_id, card = forward(desk, "我要投訴，三天了還沒出貨，給我退款", name="林小姐")
    reply = section(card, "Suggested reply")
    assert reply.copy and reply.lines[0].startswith("林小姐，您好。") and "退款" in reply.lines[0]
    assert "给" not in reply.lines[0]  # Traditional in, Traditional out
    assert section(card, "Or").lines[0] != reply.lines[0]
    again = card_of(press(desk, ActionId.ANOTHER_REPLY, str(case_id)), case_id)
    assert section(again, "Suggested reply").lines[0] != reply.lines[0]


def test_mark_as_sent_records_the_answer_and_is_audited(engine, analyzer, clock):
    desk = Desk(engine=engine, analyzer=analyzer, clock=clock)
    case_id, card = forward(desk, "我要投诉")
    assert next(f.value for f in card.fields if f.label == "Answered") == "not yet"
    card = card_of(press(desk, ActionId.MARK_SENT, str(case_id)), case_id)
    assert next(f.value for f in card.fields if f.label == "Answered") == "2026-03-02 10:00 CST"  # the team's zone
    with db.session(engine) as s:
        assert s.get(Case, case_id).answered_at is not None
        assert [a.action for a in s.exec(select(AuditEntry))] == ["case.replied"]


def test_check_my_draft_reads_it_for_this_customer(engine, analyzer, clock):
    desk = Desk(engine=engine, analyzer=analyzer, clock=clock)
    case_id, _ = forward(desk, "我要投訴，東西壞了")
    [out] = press(desk, ActionId.CHECK_DRAFT, str(case_id), draft="很抱歉给您带来的一切不便，但是我们会赔偿您。")
    text = out.card.fallback
    for why in ("The customer writes zh-Hant", "A blanket apology", "A “but” after an apology", "admitting liability"):
        assert why in text, why  # each finding says why, in words, with what to write instead
    assert text.count("Try: ") == text.count("\n")  # every line says what to write instead
    [out] = desk.handle(CommandInvoked(platform="slack", event_id="l1", member=AGENT, name="lint",
                                       args=f"{case_id} 很抱歉這次讓您久等了。我理解您很著急。想跟您確認一下：您希望退款，對嗎？"
                                            "我會馬上為您辦理，2 小時內給您答覆。謝謝您告訴我們。"))
    assert "No findings" in out.card.fallback
    [out] = desk.handle(CommandInvoked(platform="slack", event_id="l2", member=AGENT, name="lint", args=""))
    assert out.error == "bad_input"


def test_a_demand_above_the_limit_offers_a_button_to_ask_for_approval(engine, analyzer, clock):
    desk = Desk(engine=engine, analyzer=analyzer, clock=clock)
    case_id, card = forward(desk, "东西坏了，你们必须赔我500元")
    reply = section(card, "Suggested reply").lines[0]
    assert "审批" in reply and "500" not in reply
    [button] = [b for b in card.buttons if b.action == ActionId.REQUEST_APPROVAL]
    assert "CNY 500.00" in button.label
    press(desk, ActionId.REQUEST_APPROVAL, button.value)
    with db.session(engine) as s:
        [offer] = s.exec(select(Offer)).all()
    assert (offer.status, offer.amount_minor, offer.needed_tier) == ("pending", 50000, "lead")
