"""Authority that holds: split offers count together, reserved kinds need their tier, and a case held above
you needs that tier to be taken or resolved (the previous owner is told). SQLite and PostgreSQL."""

from bot.authority.tables import Offer
from bot.cases.tables import Case
from bot.store.tables import AuditEntry
from tests.core.test_tiers_authority import ADMIN, AGENT, LEAD, forward, rows, run, said


def test_offers_split_below_the_limit_add_up_and_go_to_approval(team, engine):
    run(team, ADMIN, "authority set agent ¥120")
    case_id, _ = forward(team, "我要投诉，东西坏了，给我补偿")
    for amount in ("¥100", "¥20"):
        assert "granted" in said(run(team, AGENT, f"offer {case_id} {amount}"))
    outs = run(team, AGENT, f"offer {case_id} ¥1")
    assert "went to senior for approval" in said(outs)  # CNY 121 in all: over the agent's 120
    assert [o.status for o in rows(engine, Offer)] == ["granted", "granted", "pending"]
    assert any("case total CNY 121.00" in (a.new_value or "") for a in rows(engine, AuditEntry))


def test_a_reserved_kind_is_never_granted_below_its_tier(team, engine):
    run(team, ADMIN, "authority set agent ¥500")
    run(team, ADMIN, "authority reserve refund lead")
    case_id, _ = forward(team, "我要投诉，给我退款")
    assert "went to lead for approval" in said(run(team, AGENT, f"offer {case_id} ¥10 refund"))
    [offer] = rows(engine, Offer)
    assert (offer.status, offer.needed_tier) == ("pending", "lead")


def test_a_case_held_above_you_cannot_be_taken_or_resolved_and_the_owner_hears_of_a_take(team, engine):
    case_id, _ = forward(team, "我要投诉")
    run(team, AGENT, f"take {case_id}")
    run(team, AGENT, f"escalate {case_id} customer asked for a manager")
    [case] = rows(engine, Case)
    assert case.tier_grade == "D" and case.owner_id is not None
    owner = case.owner_id
    [refused] = run(team, AGENT, f"resolve {case_id} done")
    # the agent no longer owns it (the lead does): resolving needs the lead tier
    assert refused.error == "refused" and "held by lead" in refused.card.fallback
    [refused] = run(team, AGENT, f"take {case_id}")
    assert refused.error == "refused" and rows(engine, Case)[0].owner_id == owner
    outs = run(team, LEAD, f"take {case_id}")
    assert "took ownership" in said(outs)
    assert any("refused" == a.outcome and a.action == "case.resolving" for a in rows(engine, AuditEntry))
