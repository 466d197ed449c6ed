"""The team's language through the core: each member reads the bot in theirs (chosen, or their platform's), a message
to another member is written in the recipient's, the team's language writes what timers say; forms are structured;
a deadline reminder can be snoozed."""

from datetime import datetime, timedelta, timezone

from sqlmodel import select

from bot.cases.tables import Resolution
from bot.events import CommandInvoked, CustomerRef, MessageReceived
from bot.members.tables import Member
from bot.messages import ActionId
from bot.store import db
from tests.core.test_sla import Harness
from tests.core.test_tiers_authority import ADMIN, AGENT, LEAD, field, make_team, press, rows, run, said

_seq = iter(range(1_000_000))


def forward_as(desk, member, text, locale=None, customer="C-1"):
    out = desk.handle(MessageReceived(platform="telegram", event_id=f"lm{next(_seq)}", member=member, text=text,
                                      customer=CustomerRef(ref=customer, name="陳先生"), locale=locale))
    return out[-1].case_id, out[-1].card


def test_a_member_reads_the_bot_in_their_platforms_language_until_they_choose(engine, analyzer, clock):
    desk = make_team(engine, analyzer, clock)
    case_id, card = forward_as(desk, "telegram:77", "你們的客服態度太差了，我要投訴", locale="zh-hk")
    assert card.title.startswith(f"案件 #{case_id}")
    assert field(card, "客戶") and field(card, "負責人") == "未分配"
    assert [s.title for s in card.sections][:2] == ["原因", "客戶原話"]
    said_section = next(s for s in card.sections if s.title == "客戶原話")
    assert said_section.lang == "zh-Hant"  # what the customer wrote keeps its own language mark
    assert "Take ownership" not in [b.label for b in card.buttons] and "接手" in [b.label for b in card.buttons]

    # Choosing a language wins over the platform's; `auto` gives it back.
    assert "English" in said(desk.handle(CommandInvoked(platform="telegram", event_id="l1", member="telegram:77",
                                                        name="language", args="en", locale="zh-hk")))
    _unused, card = forward_as(desk, "telegram:77", "still no refund, I want to complain", locale="zh-hk",
                               customer="C-2")
    assert card.title.startswith("Case #")
    assert "繁體中文" in said(desk.handle(CommandInvoked(platform="telegram", event_id="l2", member="telegram:77",
                                                      name="language", args="auto", locale="zh-hk")))
    with db.session(engine) as s:
        member = s.exec(select(Member).where(Member.ref == "telegram:77")).one()
        assert member.language is None and member.locale == "zh-hk"


def test_an_unknown_language_is_refused_privately_and_changes_nothing(engine, analyzer, clock):
    desk = make_team(engine, analyzer, clock)
    out = run(desk, AGENT, "language klingon")
    assert out[0].error == "bad_input" and "en, zh-Hans or zh-Hant" in said(out)
    out = run(desk, AGENT, "language team zh-Hans")
    assert out[0].error == "refused"
    assert "简体中文" in said(run(desk, ADMIN, "language team zh-Hans"))
    assert "简体中文" in said(run(desk, AGENT, "language"))  # the team's, since the agent chose none


def test_an_approval_request_is_written_in_the_approvers_language(engine, analyzer, clock):
    desk = make_team(engine, analyzer, clock)
    run(desk, LEAD, "language zh-Hans")
    run(desk, ADMIN, "authority set agent ¥50")
    case_id, _card = forward_as(desk, AGENT, "我要投诉，给我退款", customer="C-9")
    out = press(desk, AGENT, ActionId.OFFER, str(case_id), kind="refund", amount="200", currency="CNY")
    to_lead = next(o for o in out if o.recipients == (LEAD,))
    assert to_lead.card.fallback.startswith("待审批：") and "CNY 200.00" in to_lead.card.fallback
    assert [b.label for b in to_lead.card.buttons][:1] == ["批准补偿 #1"]
    to_agent = next(o for o in out if o.private and not o.recipients)
    assert to_agent.card.fallback.startswith("Offer #1: CNY 200.00 is more than you may grant")  # the agent: English


def test_the_structured_resolve_form_records_type_amount_evidence_and_follow_up(engine, analyzer, clock):
    desk = make_team(engine, analyzer, clock)
    case_id, _card = forward_as(desk, AGENT, "我要投诉，给我退款", customer="C-5")
    run(desk, AGENT, f"take {case_id}")
    follow = (clock.now() + timedelta(days=7)).date().isoformat()
    out = press(desk, AGENT, ActionId.RESOLVE, str(case_id), outcome="refunded the deposit", type="refund",
                amount="30", currency="", evidence="REC 17 (call)", follow=follow, legal="no")
    assert not any(o.error for o in out), said(out)
    [row] = rows(engine, Resolution)
    assert (row.kind, row.amount_minor, row.currency, row.evidence) == ("refund", 3000, "CNY", "REC 17 (call)")
    assert row.follow_up_on.isoformat() == follow and row.outcome == "refunded the deposit"
    # A bad field is refused in words and changes nothing.
    case2, _card = forward_as(desk, AGENT, "我要投诉", customer="C-6")
    run(desk, AGENT, f"take {case2}")
    out = press(desk, AGENT, ActionId.RESOLVE, str(case2), outcome="", type="damages", amount="", currency="",
                evidence="", follow="", legal="no")
    assert out[0].error == "bad_input" and "legal" in said(out)
    assert len(rows(engine, Resolution)) == 1


async def test_a_deadline_reminder_can_be_snoozed_and_comes_back_in_the_owners_language(engine, analyzer, clock):
    clock.set(datetime(2026, 3, 2, 1, 0, tzinfo=timezone.utc))  # Monday 09:00 in Shanghai
    sla = Harness(engine, analyzer, clock)
    sla.run(AGENT, "language zh-Hans")
    case_id = sla.forward("我要投诉，给我退款")  # explicit: first response within 2 h of business time
    sla.run(AGENT, f"take {case_id}")
    [ping] = await sla.at(clock.now() + timedelta(hours=1))  # the 50 % reminder
    reminder = sla.sent[-1]
    assert ping.startswith(f"⏰ 案件 #{case_id}：首次响应截止") and "时限已过 50%" in ping
    [snooze] = [b for b in reminder.card.buttons if b.action == ActionId.SNOOZE]
    assert snooze.label == "30分钟后提醒我"
    answer = said(sla.press(AGENT, ActionId.SNOOZE, snooze.value))
    assert answer.startswith("我会在 ") and f"案件 #{case_id}" in answer
    assert await sla.at(clock.now() + timedelta(minutes=29)) == []
    [again] = await sla.at(clock.now() + timedelta(minutes=1))
    assert again.startswith(f"⏰ 案件 #{case_id}：首次响应截止") and "剩余 30分钟" in again

    # Snoozed again, but answered meanwhile: the clock stopped, so nothing comes back.
    sla.press(AGENT, ActionId.SNOOZE, snooze.value)
    sla.press(AGENT, ActionId.MARK_SENT, str(case_id))
    assert await sla.at(clock.now() + timedelta(minutes=31)) == []
    out = sla.press(AGENT, ActionId.SNOOZE, snooze.value)
    assert out[0].error == "bad_input" and "无需稍后提醒" in said(out)
