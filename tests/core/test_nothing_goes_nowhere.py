"""Every approval or escalation reaches a person (an admin when the ladder is empty); an admin adds a Slack
member who never wrote to the bot; the first admin sees what is left to set up. SQLite and PostgreSQL."""

from sqlmodel import select

from bot.authority.tables import Offer
from bot.desk import Desk
from bot.events import CommandInvoked, CustomerRef, MessageReceived
from bot.members.service import ensure_admins, find_member
from bot.store import db

ADMIN, AGENT = "slack:UADMIN", "slack:UAGENT"
_seq = iter(range(1_000_000))


def run(desk, member, line):
    name, _, args = line.partition(" ")
    return desk.handle(CommandInvoked(platform="slack", event_id=f"n{next(_seq)}", member=member, name=name, args=args))


def empty_ladder(engine, analyzer, clock) -> Desk:
    desk = Desk(engine=engine, analyzer=analyzer, clock=clock)
    with db.session(engine) as s:
        ensure_admins(s, [ADMIN], now=clock.now())
        s.commit()
    run(desk, AGENT, "help")
    return desk


def test_an_approval_with_nobody_in_the_ladder_goes_to_the_admins_who_may_decide(engine, analyzer, clock):
    desk = empty_ladder(engine, analyzer, clock)
    out = desk.handle(MessageReceived(platform="slack", event_id="m1", member=AGENT, text="我要投诉，东西坏了",
                                      customer=CustomerRef(ref="C1")))
    case_id = out[-1].case_id
    out = run(desk, AGENT, f"offer {case_id} ¥500")
    said = "\n".join(o.card.fallback for o in out)
    assert "Asked: the admins" in said
    assert any(o.recipients == (ADMIN,) and "Approval needed" in o.card.fallback for o in out)
    with db.session(engine) as s:
        offer_id = s.exec(select(Offer.id)).one()
    assert "approved" in "\n".join(o.card.fallback for o in run(desk, ADMIN, f"approve {offer_id}"))


def test_an_escalation_nobody_can_take_reaches_the_admins_with_the_card(engine, analyzer, clock):
    desk = empty_ladder(engine, analyzer, clock)
    out = desk.handle(MessageReceived(platform="slack", event_id="m2", member=AGENT, text="我要投诉",
                                      customer=CustomerRef(ref="C2")))
    out = run(desk, AGENT, f"escalate {out[-1].case_id}")
    to_admin = [o for o in out if o.recipients == (ADMIN,)]
    assert any("nobody is in it or above" in o.card.fallback for o in to_admin)
    assert any(o.card.buttons for o in to_admin)  # the card, with its buttons


def test_an_admin_adds_a_slack_member_who_never_wrote_and_sees_the_checklist(engine, analyzer, clock):
    desk = empty_ladder(engine, analyzer, clock)
    help_text = "\n".join(o.card.fallback for o in run(desk, ADMIN, "help"))
    assert "Set-up still to do" in help_text and "nobody is in lead (D)" in help_text
    assert "Set-up still to do" not in "\n".join(o.card.fallback for o in run(desk, AGENT, "help"))
    out = run(desk, ADMIN, "tier add lead slack:UNEWLEAD")  # what an @mention becomes
    assert not any(o.error for o in out)
    with db.session(engine) as s:
        assert find_member(s, "slack:UNEWLEAD").tier == "D"
    help_text = "\n".join(o.card.fallback for o in run(desk, ADMIN, "help"))
    assert "nobody is in lead (D)" not in help_text
    [missing] = run(desk, ADMIN, "tier add lead nobody_by_that_name")
    assert missing.error == "not_found" and "@mention" in missing.card.fallback
