"""Tiers, authority limits, offers, approvals, escalation and resolution through the core, on SQLite and PostgreSQL."""

import threading

import pytest
from sqlmodel import select

from bot.authority.tables import Offer
from bot.cases.tables import Case, Resolution
from bot.desk import Desk
from bot.events import ActionInvoked, CommandInvoked, CustomerRef, MessageReceived
from bot.members.service import ensure_admins
from bot.messages import ActionId
from bot.store import db
from bot.store.tables import AuditEntry
from bot.tiers.tables import Escalation

ADMIN, AGENT, LEAD, LEAD2 = "slack:UADMIN", "slack:UAGENT", "slack:ULEAD", "slack:ULEAD2"
_seq = iter(range(1_000_000))


def run(desk, member, line):
    name, _, args = line.partition(" ")
    return desk.handle(CommandInvoked(platform="slack", event_id=f"c{next(_seq)}", member=member, name=name,
                                      args=args, conversation="CHERE"))


def press(desk, member, action, value, **inputs):
    return desk.handle(ActionInvoked(platform="slack", event_id=f"a{next(_seq)}", member=member, action=action,
                                     value=value, inputs=inputs))


def forward(desk, text, customer="C-1", vip=0, annual=None):
    out = desk.handle(MessageReceived(platform="slack", event_id=f"m{next(_seq)}", member=AGENT, text=text,
                                      customer=CustomerRef(ref=customer, name="王女士", vip_level=vip,
                                                           annual_value_minor=annual)))
    return out[-1].case_id, out[-1].card


def said(outs):
    return "\n".join(o.card.fallback for o in outs)


def field(card, label):
    return next(f.value for f in card.fields if f.label == label)


def rows(engine, model):
    with db.session(engine) as s:
        return list(s.exec(select(model)))


@pytest.fixture
def team(engine, analyzer, clock):
    """An admin, an agent and two leads who have all used the bot once; the leads sit in the lead tier."""
    return make_team(engine, analyzer, clock)


def make_team(engine, analyzer, clock) -> Desk:
    desk = Desk(engine=engine, analyzer=analyzer, clock=clock)
    with db.session(engine) as s:
        ensure_admins(s, [ADMIN], now=clock.now())
        s.commit()
    for ref in (AGENT, LEAD, LEAD2):
        run(desk, ref, "help")
    run(desk, ADMIN, f"tier add lead {LEAD}")
    run(desk, ADMIN, f"tier add lead {LEAD2}")
    run(desk, ADMIN, "tier notify lead slack:CLEADS")
    return desk


def test_offer_within_limit_is_granted_above_goes_to_the_lead_tier_and_is_approved(team, engine):
    desk = team
    run(desk, ADMIN, "authority set agent ¥60")
    assert "agent: CNY 100.00" in said(run(desk, ADMIN, "authority set agent ¥100"))
    assert "lead: CNY 1,000.00" in said(run(desk, ADMIN, "authority set lead ¥1000"))
    case_id, card = forward(desk, "我要投诉，东西坏了，给我退款")
    assert "CNY 100.00" in field(card, "Frontline may offer")

    outs = run(desk, AGENT, f"offer {case_id} ¥80")
    assert "granted" in said(outs)
    [granted] = [o for o in rows(engine, Offer) if o.status == "granted"]
    assert granted.amount_minor == 8000

    outs = run(desk, AGENT, f"offer {case_id} ¥500 refund")
    [pending] = [o for o in rows(engine, Offer) if o.status == "pending"]
    assert (pending.needed_tier, pending.amount_minor) == ("lead", 50000)
    to_place = [o for o in outs if o.reply_to and o.reply_to.channel == "CLEADS"]
    assert len(to_place) == 1 and to_place[0].case_id == case_id and not to_place[0].private
    approve = [b for b in to_place[0].card.buttons if b.action == ActionId.APPROVE]
    assert approve and approve[0].value == f"{case_id}:{pending.id}"
    dms = [o for o in outs if o.recipients and o.private and "Approval needed" in o.card.fallback]
    assert {o.recipients[0] for o in dms} == {LEAD, LEAD2}
    # the pending request stays visible on the case
    assert "waiting for lead" in said(run(desk, AGENT, f"case {case_id}"))

    outs = press(desk, LEAD, ActionId.APPROVE, f"{case_id}:{pending.id}")
    told = [o for o in outs if o.recipients == (AGENT,)]
    assert told and "approved by" in told[0].card.fallback
    card = next(o.card for o in outs if o.case_id == case_id and not o.private)
    assert "CNY 500.00 refund · approved" in card.fallback and "CNY 80.00 goodwill · granted" in card.fallback

    log = said(run(desk, ADMIN, "audit 50"))
    assert "authority.set agent · CNY 100.00 → CNY 60.00" in log
    assert "authority.set agent · CNY 60.00 → CNY 100.00" in log
    assert "authority.set lead · CNY 1,000.00 → CNY 1,000.00" in log
    for action in ("offer.grant", "offer.request", "offer.approve", "tier.member", "tier.notify"):
        assert action in log


def test_an_agent_cannot_change_authority_and_the_attempt_is_audited(team, engine):
    [out] = run(team, AGENT, "authority set agent ¥100000")
    assert out.private and out.error == "refused" and "admin" in out.card.fallback
    [refusal] = [a for a in rows(engine, AuditEntry) if a.outcome == "refused"]
    assert refusal.actor == AGENT and "authority set agent ¥100000" in refusal.target
    assert "agent: CNY 100.00" in said(run(team, AGENT, "authority show"))  # reading is for everyone
    assert "REFUSED" in said(run(team, ADMIN, "audit"))


def test_a_vip_rule_raises_the_frontline_limit_and_the_card_says_so(team, engine):
    desk = team
    run(desk, ADMIN, "authority vip 3 x2")
    case_id, card = forward(desk, "我要投诉", customer="VIP", vip=3)
    assert "CNY 200.00" in field(card, "Frontline may offer") and "×2" in field(card, "Frontline may offer")
    assert "granted" in said(run(desk, AGENT, f"offer {case_id} 150"))
    other, card = forward(desk, "我要投诉", customer="plain")
    assert "CNY 100.00" in field(card, "Frontline may offer")
    assert "for approval" in said(run(desk, AGENT, f"offer {other} 150"))


def test_escalating_a_vip_high_risk_case_routes_by_grade_with_one_owner_and_a_frozen_ladder(team, engine):
    desk = team
    for ref in ("slack:UM1", "slack:UM2", "slack:UH1", "slack:UH2"):
        run(desk, ref, "help")
    run(desk, ADMIN, "tier add manager slack:UM1")
    run(desk, ADMIN, "tier add manager slack:UM2")
    run(desk, ADMIN, "tier add head slack:UH1")
    run(desk, ADMIN, "tier notify manager slack:CMGR")
    case_id, card = forward(desk, "再不处理我就打12315", customer="VIP4", vip=4)
    assert field(card, "Grade").startswith("C")  # high_risk → D, VIP 4 +1

    outs = run(desk, AGENT, f"escalate {case_id} customer threatens the regulator")
    assert "escalated to manager (C)" in said(outs) and "owner" in said(outs)
    assert any(o.reply_to and o.reply_to.channel == "CMGR" for o in outs)
    [esc] = rows(engine, Escalation)
    [case] = rows(engine, Case)
    owner_ref = next(o.recipients[0] for o in outs if o.recipients and "is yours now" in o.card.fallback)
    assert case.tier_grade == "C" and owner_ref == "slack:UM1"
    # round-robin: the next escalation into the manager tier goes to the other manager
    second, _ = forward(desk, "我已经找了记者", customer="VIP5", vip=4)
    outs2 = run(desk, AGENT, f"escalate {second}")
    assert next(o.recipients[0] for o in outs2 if o.recipients and "is yours now" in o.card.fallback) == "slack:UM2"

    # the ladder is frozen: moving the head tier's member afterwards does not rewrite this escalation
    run(desk, ADMIN, "tier remove head slack:UH1")
    run(desk, ADMIN, "tier add head slack:UH2")
    outs = run(desk, "slack:UM1", f"escalate {case_id} needs the head")
    assert next(o.recipients[0] for o in outs if o.recipients and "is yours now" in o.card.fallback) == "slack:UH1"
    with db.session(engine) as s:
        case = s.get(Case, case_id)
        assert case.tier_grade == "B" and case.owner_id is not None
    owners = [a for a in rows(engine, AuditEntry) if a.action == "case.owner" and a.target == f"case:{case_id}"]
    assert [a.new_value for a in owners] == ["slack:UM1", "slack:UH1"]

    outs = press(desk, "slack:UH1", ActionId.ACKNOWLEDGE, str(case_id))
    assert "acknowledged" in said(outs)
    assert "already acknowledged" in said(press(desk, "slack:UH1", ActionId.ACKNOWLEDGE, str(case_id)))


@pytest.mark.parametrize("amount,words", [("-5", "negative"), ("0", "above zero"), ("lots", "not an amount"),
                                          ("10000000000000", "too large"), ("5 XYZ", "Unknown currency")])
def test_bad_amounts_change_nothing(team, engine, amount, words):
    case_id, _ = forward(team, "我要投诉")
    before = len(rows(engine, AuditEntry))
    for member, line in ((AGENT, f"offer {case_id} {amount}"), (ADMIN, f"authority set agent {amount}")):
        [out] = run(team, member, line)
        assert out.private and out.error == "bad_input" and words in out.card.fallback, line
    assert rows(engine, Offer) == [] and len(rows(engine, AuditEntry)) == before


def test_unknown_tiers_members_cases_and_offers_are_named(team, engine):
    assert "No tier" in said(run(team, ADMIN, "authority set wizard 100"))
    assert "No member" in said(run(team, ADMIN, "tier add lead nobody-here"))
    assert "no case #999" in said(run(team, AGENT, "offer 999 50"))
    assert "no offer #77" in said(run(team, LEAD, "approve 77"))
    assert "not a grade" in said(run(team, ADMIN, "tier rename Z boss"))


def test_approvals_are_guarded(team, engine):
    desk = team
    run(desk, ADMIN, "authority set agent 100")
    case_id, _ = forward(desk, "我要投诉")
    run(desk, AGENT, f"offer {case_id} 500")
    [offer] = rows(engine, Offer)
    # the agent cannot approve their own request, and is below the tier anyway
    assert "Nobody approves their own request" in said(run(desk, AGENT, f"approve {offer.id}"))
    run(desk, "slack:USENIOR", "help")
    run(desk, ADMIN, "tier add senior slack:USENIOR")
    assert "needs lead (D) or above" in said(run(desk, "slack:USENIOR", f"approve {offer.id}"))
    assert "Say why" in said(run(desk, LEAD, f"deny {offer.id}"))
    assert "denied" in said(run(desk, LEAD, f"deny {offer.id} over budget this month"))
    assert "already denied by" in said(run(desk, LEAD2, f"approve {offer.id}"))
    # a withdrawn request cannot be approved
    run(desk, AGENT, f"offer {case_id} 600")
    second = max(rows(engine, Offer), key=lambda o: o.id)
    assert "withdrawn" in said(run(desk, AGENT, f"offer withdraw {second.id}"))
    assert "already withdrawn" in said(run(desk, LEAD, f"approve {second.id}"))
    statuses = sorted(o.status for o in rows(engine, Offer))
    assert statuses == ["denied", "withdrawn"]
    refused = [a for a in rows(engine, AuditEntry) if a.outcome == "refused"]
    assert len(refused) == 2


def test_two_leads_approving_at_once_one_wins(team, engine):
    desk = team
    case_id, _ = forward(desk, "我要投诉")
    run(desk, AGENT, f"offer {case_id} 500")
    [offer] = rows(engine, Offer)
    barrier = threading.Barrier(2)
    results = {}

    def approve(ref):
        barrier.wait()
        results[ref] = press(desk, ref, ActionId.APPROVE, f"{case_id}:{offer.id}")

    threads = [threading.Thread(target=approve, args=(ref,)) for ref in (LEAD, LEAD2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    texts = {ref: said(outs) for ref, outs in results.items()}
    winners = [ref for ref, text in texts.items() if f"Offer #{offer.id} approved." in text]
    losers = [ref for ref, text in texts.items() if "already approved by" in text]
    assert len(winners) == 1 and len(losers) == 1, texts
    [offer] = rows(engine, Offer)
    assert offer.status == "approved"
    assert len([a for a in rows(engine, AuditEntry) if a.action == "offer.approve"]) == 1


def test_resolution_record_and_reserved_actions(team, engine):
    desk = team
    case_id, _ = forward(desk, "我要投诉")
    assert "legal" in said(run(desk, AGENT, f"resolve {case_id} paid out type=赔偿 amount=200"))
    refused = run(desk, AGENT, f"resolve {case_id} customer keeps threatening type=no_further_service")
    assert refused[0].error == "refused" and "lead" in refused[0].card.fallback
    outs = run(desk, LEAD, f"resolve {case_id} refunded the deposit type=refund amount=¥50 evidence=REC-7 follow=7d")
    assert "resolved" in said(outs)
    [row] = rows(engine, Resolution)
    assert (row.kind, row.amount_minor, row.evidence, str(row.follow_up_on)) == ("refund", 5000, "REC-7", "2026-03-09")
    card = next(o.card for o in outs if o.case_id == case_id and not o.private)
    assert "Resolution" in [s.title for s in card.sections] and card.buttons == ()
    second, _ = forward(desk, "又坏了", customer="C-2")
    assert "resolved" in said(run(desk, LEAD, f"resolve {second} final type=no_further_service evidence=AGR-9"))


def test_tier_commands_and_grading_are_admin_and_audited(team, engine):
    desk = team
    assert "lead" in said(run(desk, ADMIN, "tier list"))
    assert "Grade D is now called supervisor" in said(run(desk, ADMIN, "tier rename D supervisor"))
    assert "supervisor" in said(run(desk, ADMIN, "authority show"))
    assert "slack:CHERE" in said(run(desk, ADMIN, "tier notify senior here"))
    assert run(desk, AGENT, "tier list")[0].error == "refused"
    assert "high_risk C" in said(run(desk, ADMIN, "grading base high_risk C"))
    case_id, card = forward(desk, "我要去12315投诉")
    assert field(card, "Grade").startswith("C")
    assert run(desk, AGENT, "grading base none A")[0].error == "refused"
    actions = {a.action for a in rows(engine, AuditEntry)}
    assert {"tier.rename", "tier.notify", "grading.set", "tier.member"} <= actions
