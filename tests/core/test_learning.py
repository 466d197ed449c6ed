"""Corrections teach the team model; a team model is trained, checked, activated, rolled back; all through the
core, on SQLite and PostgreSQL."""

from datetime import timedelta

from sqlmodel import select

from bot.cases.tables import Case
from bot.desk import Desk
from bot.events import ActionInvoked, CommandInvoked, CustomerRef, MessageReceived
from bot.members.service import ensure_admins
from bot.messages import ActionId
from bot.risk import versions
from bot.risk.tables import LabelledExample, RiskModel
from bot.store import db
from bot.store.tables import AuditEntry, Timer
from bot.timers.runner import TimerRunner

ADMIN, AGENT, LEAD = "slack:UADMIN", "slack:UAGENT", "slack:ULEAD"
_seq = iter(range(1_000_000))


def run(desk, member, line):
    name, _, args = line.partition(" ")
    return desk.handle(CommandInvoked(platform="slack", event_id=f"c{next(_seq)}", member=member, name=name, args=args))


def forward(desk, text, customer):
    out = desk.handle(MessageReceived(platform="slack", event_id=f"m{next(_seq)}", member=AGENT, text=text,
                                      customer=CustomerRef(ref=customer)))
    return out[-1].case_id


def said(outs):
    return "\n".join(o.card.fallback for o in outs)


def rows(engine, model):
    with db.session(engine) as s:
        return list(s.exec(select(model).order_by(model.id)))


def team_desk(engine, analyzer, clock):
    desk = Desk(engine=engine, analyzer=analyzer, clock=clock)
    with db.session(engine) as s:
        ensure_admins(s, [ADMIN], now=clock.now())
        s.commit()
    for ref in (AGENT, LEAD):
        run(desk, ref, "help")
    run(desk, ADMIN, f"role grant {LEAD} lead")
    return desk


def test_a_correction_sets_the_level_keeps_an_example_and_is_audited(engine, analyzer, clock):
    desk = team_desk(engine, analyzer, clock)
    case_id = forward(desk, "请问发票怎么开", "C-1")
    out = desk.handle(ActionInvoked(platform="slack", event_id="fix-1", member=AGENT, action=ActionId.CORRECT_LEVEL,
                                    value=str(case_id), inputs={"level": "potential delivery"}))
    assert "is potential now (raised from none)" in said(out)
    card = next(o.card for o in out if o.case_id == case_id and not o.private)
    assert "raised by" in card.fallback
    [example] = rows(engine, LabelledExample)
    assert (example.text, example.level, example.engine_level, example.source, example.created_by, example.category) == (
        "请问发票怎么开", "potential", "none", "correction", AGENT, "delivery")
    [case] = rows(engine, Case)
    assert (case.level, case.category) == ("potential", "delivery")
    assert [(a.action, a.old_value, a.new_value) for a in rows(engine, AuditEntry) if a.action == "case.level"] == [
        ("case.level", "none", "potential (delivery)")]


def test_only_a_lead_may_lower_a_high_risk_case_and_an_admin_sets_who(engine, analyzer, clock):
    desk = team_desk(engine, analyzer, clock)
    case_id = forward(desk, "再不给我退款我就去12315投诉你们", "C-2")
    [refused] = run(desk, AGENT, f"correct {case_id} explicit")
    assert refused.error == "refused" and "needs the lead role" in refused.card.fallback
    assert rows(engine, LabelledExample) == [] and rows(engine, Case)[0].level == "high_risk"
    assert any(a.outcome == "refused" and a.action == "case.level" for a in rows(engine, AuditEntry))
    [bad] = run(desk, LEAD, f"correct {case_id} severe")
    assert bad.error == "bad_input" and "is not a level" in bad.card.fallback
    assert "lowered from high_risk" in said(run(desk, LEAD, f"correct {case_id} explicit"))
    assert rows(engine, Case)[0].level == "explicit"
    [refused] = run(desk, LEAD, "correct lowering admin")
    assert refused.error == "refused"
    assert "needs the admin role or above" in said(run(desk, ADMIN, "correct lowering admin"))
    other = forward(desk, "我已经联系记者了", "C-3")
    [refused] = run(desk, LEAD, f"correct {other} potential")
    assert refused.error == "refused" and "needs the admin role" in refused.card.fallback


def labelled(n):
    return ([{"text": f"第{i}次等快递了，还是没人管，太慢了", "level": "potential", "complaint": True, "lang": "zh-Hans"}
             for i in range(n)]
            + [{"text": f"请问{i}号店几点开门", "level": "none", "complaint": False, "lang": "zh-Hans"} for i in range(n)])


async def test_enough_corrections_retrain_by_timer_and_the_admins_are_told(engine, analyzer, clock):
    desk = team_desk(engine, analyzer, clock)
    with db.session(engine) as s:
        versions.add_examples(s, labelled(15), source="import", actor="test", now=clock.now())
        s.commit()
    assert "after 2 new corrections" in said(run(desk, ADMIN, "model auto 2"))
    for i, text in enumerate(("谢谢，收到了", "好的没问题")):
        case_id = forward(desk, text, f"C-{i}")
        clock.advance(timedelta(seconds=1))
        out = run(desk, AGENT, f"correct {case_id} none")
    assert "will be retrained" in said(out)
    assert [t.kind for t in rows(engine, Timer) if t.kind == versions.RETRAIN_KIND] == [versions.RETRAIN_KIND]
    sent = []

    async def deliver(outbounds):
        sent.extend(outbounds)

    runner = TimerRunner(engine=engine, clock=clock, handle=desk.handle, deliver=deliver)
    while await runner.run_due():
        pass
    admin_messages = [o for o in sent if o.recipients == (ADMIN,)]
    assert len(admin_messages) == 1 and "retrained from the agents' corrections" in admin_messages[0].card.fallback
    [model] = rows(engine, RiskModel)
    assert model.examples == 32 and model.created_by == "system:model"
    assert "model.train" in {a.action for a in rows(engine, AuditEntry)}


def test_train_check_activate_then_roll_back_and_every_desk_follows(engine, analyzer, clock):
    desk = team_desk(engine, analyzer, clock)
    other = Desk(engine=engine, analyzer=analyzer, clock=clock)  # another replica, already running
    with db.session(engine) as s:
        versions.add_examples(s, labelled(20), source="import", actor="test", now=clock.now())
        s.commit()
    [refused] = run(desk, AGENT, "model train")
    assert refused.error == "refused"
    out = said(run(desk, ADMIN, "model train force"))
    assert "team-v1 is active" in out and "complaint F1" in out and "current" in out
    with db.session(engine) as s:
        assert other.team.analyzers.current(s).model.name == "team-v1"
    assert "team-v1" in said(run(desk, ADMIN, "model status"))
    assert "v1 · active" in said(run(desk, ADMIN, "model history"))
    assert "shipped" in said(run(desk, ADMIN, "model rollback"))
    with db.session(engine) as s:
        assert other.team.analyzers.current(s).model.name.startswith("shipped-")
    [nothing] = run(desk, ADMIN, "model rollback")
    assert nothing.error == "bad_input"
    actions = [a.action for a in rows(engine, AuditEntry)]
    assert "model.train" in actions and "model.rollback" in actions
