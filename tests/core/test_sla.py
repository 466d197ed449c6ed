"""SLA clocks with a moved clock: warnings once each at the right moments, breaches that climb, stops, restarts."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.cases.tables import Case
from bot.desk import Desk
from bot.events import ActionInvoked, CommandInvoked, CustomerRef, MessageReceived
from bot.members.service import ensure_admins
from bot.messages import ActionId
from bot.sla.tables import SlaClock
from bot.store import db
from bot.store.tables import AuditEntry, Timer
from bot.timers.runner import LEASE, TimerRunner

SH = ZoneInfo("Asia/Shanghai")
AGENT, ADMIN = "slack:UAGENT", "slack:UADMIN"
_seq = iter(range(10**6))


class Harness:
    """The desk and a timer runner on one database; what the runner hands the chat ports is kept."""

    def __init__(self, engine, analyzer, clock):
        self.engine, self.clock = engine, clock
        self.desk = Desk(engine=engine, analyzer=analyzer, clock=clock)
        self.sent = []

        async def deliver(outbounds):
            self.sent.extend(outbounds)

        self.runner = TimerRunner(engine=engine, clock=clock, handle=self.desk.handle, deliver=deliver)

    def forward(self, text, customer="C-1", vip=0):
        out = self.desk.handle(MessageReceived(platform="slack", event_id=f"m{next(_seq)}", member=AGENT, text=text,
                                               customer=CustomerRef(ref=customer, vip_level=vip)))
        return out[-1].case_id

    def run(self, member, line):
        name, _, args = line.partition(" ")
        return self.desk.handle(CommandInvoked(platform="slack", event_id=f"c{next(_seq)}", member=member, name=name,
                                               args=args))

    def press(self, member, action, value, **inputs):
        return self.desk.handle(ActionInvoked(platform="slack", event_id=f"a{next(_seq)}", member=member,
                                              action=action, value=value, inputs=inputs))

    async def at(self, when: datetime) -> list[str]:
        """Move the clock to `when`, run everything due, and return the direct messages sent."""
        self.clock.set(when)
        before = len(self.sent)
        while await self.runner.run_due():
            pass
        return [o.card.fallback for o in self.sent[before:] if o.recipients and o.private]


@pytest.fixture
def sla(engine, analyzer, clock):
    return Harness(engine, analyzer, clock)


def local(*args):
    return datetime(*args, tzinfo=SH)


@pytest.mark.parametrize("opened,expected", [
    # Friday 17:00 before National Day's make-up working Saturday (10 Oct 2026): the clock runs on Saturday.
    (local(2026, 10, 9, 17, 0), [local(2026, 10, 9, 18, 0), local(2026, 10, 10, 9, 36), local(2026, 10, 10, 10, 0)]),
    # The day before the National Day holiday (1-7 Oct): nothing counts until Thursday 8 Oct.
    (local(2026, 9, 30, 17, 0), [local(2026, 9, 30, 18, 0), local(2026, 10, 8, 9, 36), local(2026, 10, 8, 10, 0)]),
    # An ordinary weekend: Friday evening to Monday morning.
    (local(2026, 10, 16, 17, 0), [local(2026, 10, 16, 18, 0), local(2026, 10, 19, 9, 36), local(2026, 10, 19, 10, 0)]),
])
async def test_warnings_arrive_once_each_at_the_right_moments_in_business_time(sla, opened, expected):
    sla.clock.set(opened)
    case_id = sla.forward("我要投诉，给我退款")  # explicit: first response 2 h of business time
    sla.run(AGENT, f"take {case_id}")
    for point, due in zip((50, 80), expected):
        assert await sla.at(due - timedelta(seconds=1)) == []
        [ping] = await sla.at(due)
        assert f"{point}% of the window" in ping and f"Case #{case_id}" in ping and "first response" in ping
        assert await sla.at(due + timedelta(seconds=30)) == []  # once
    assert await sla.at(expected[2] - timedelta(seconds=1)) == []
    [breach] = [p for p in await sla.at(expected[2]) if "100%" in p]
    assert "deadline passed" in breach
    breaches = [a for a in _rows(sla.engine, AuditEntry) if a.action == "sla.breach"]
    assert len(breaches) >= 1 and breaches[0].target == f"case:{case_id}"


def _rows(engine, model):
    with db.session(engine) as s:
        return list(s.exec(select(model)))


def _team(sla):
    with db.session(sla.engine) as s:
        ensure_admins(s, [ADMIN], now=sla.clock.now())
        s.commit()
    for ref, tier in (("slack:ULEAD", "lead"), ("slack:UMGR", "manager"), ("slack:UHEAD", "head"),
                      ("slack:UDIR", "director")):
        sla.run(ref, "help")
        sla.run(ADMIN, f"tier add {tier} {ref}")
    sla.run(ADMIN, "tier notify lead slack:CLEADS")


async def test_a_breach_escalates_and_keeps_climbing_until_acknowledged(sla):
    _team(sla)
    start = sla.clock.now()
    case_id = sla.forward("再不处理我就去12315投诉")  # high_risk: 24x7, first response 15 min
    await sla.at(start + timedelta(minutes=15))
    with db.session(sla.engine) as s:
        assert s.get(Case, case_id).tier_grade == "D"
    told = [o for o in sla.sent if o.recipients == ("slack:ULEAD",)]
    assert told and "is yours now" in told[-1].card.fallback and "SLA breach" in told[-1].card.fallback
    assert any(o.reply_to and o.reply_to.channel == "CLEADS" for o in sla.sent)
    # nobody acknowledges: the same window later it climbs again, and again, up to A
    for grade, owner in (("C", "slack:UMGR"), ("B", "slack:UHEAD"), ("A", "slack:UDIR")):
        await sla.at(sla.clock.now() + timedelta(minutes=15))
        with db.session(sla.engine) as s:
            case = s.get(Case, case_id)
            assert case.tier_grade == grade
        assert any(o.recipients == (owner,) and "is yours now" in o.card.fallback for o in sla.sent)
    # at the top it stops climbing
    await sla.at(sla.clock.now() + timedelta(hours=2))
    with db.session(sla.engine) as s:
        assert s.get(Case, case_id).tier_grade == "A"
    escalations = [a for a in _rows(sla.engine, AuditEntry) if a.action == "case.escalate"]
    assert len(escalations) == 4


async def test_acknowledging_stops_the_climb(sla):
    _team(sla)
    start = sla.clock.now()
    case_id = sla.forward("再不处理我就去12315投诉")
    await sla.at(start + timedelta(minutes=15))
    sla.press("slack:ULEAD", ActionId.ACKNOWLEDGE, str(case_id))
    await sla.at(start + timedelta(hours=3))
    with db.session(sla.engine) as s:
        assert s.get(Case, case_id).tier_grade == "D"


async def test_replied_stops_first_response_and_cancels_its_warnings(sla):
    start = sla.clock.now()
    case_id = sla.forward("再不处理我就去12315投诉")
    sla.run(AGENT, f"take {case_id}")
    sla.run(AGENT, f"replied {case_id}")
    with db.session(sla.engine) as s:
        first = s.exec(select(SlaClock).where(SlaClock.kind == "first")).one()
        assert first.status == "stopped"
        stale = s.exec(select(Timer).where(Timer.kind == "sla", Timer.status == "stale")).all()
        assert len(stale) == 3
    pings = await sla.at(start + timedelta(minutes=20))
    assert not any("first response" in p for p in pings)


async def test_a_resolved_case_gets_no_more_pings_but_its_follow_up(sla):
    start = sla.clock.now()
    case_id = sla.forward("我要投诉，给我退款")
    sla.run(AGENT, f"take {case_id}")
    sla.run(AGENT, f"resolve {case_id} refunded type=refund follow=3d")
    pings = await sla.at(start + timedelta(days=2, hours=22))  # the follow-up is 09:00 Shanghai on day 3
    assert pings == []
    pings = await sla.at(start + timedelta(days=4))
    assert len(pings) == 1 and "Follow-up due" in pings[0]


async def test_each_new_message_restarts_next_update_and_waiting_starts_the_silence_clock(sla):
    start = sla.clock.now()
    case_id = sla.forward("再不处理我就去12315投诉")
    sla.run(AGENT, f"take {case_id}")
    sla.forward("还没人理我？")
    sla.forward("到底管不管？")
    with db.session(sla.engine) as s:
        updates = s.exec(select(SlaClock).where(SlaClock.kind == "update")).all()
    assert sorted(c.status for c in updates) == ["running", "stopped"]
    sla.run(AGENT, f"replied {case_id}")
    sla.run(AGENT, f"waiting {case_id}")
    pings = await sla.at(start + timedelta(hours=24, minutes=1))
    assert any("Silence is not resolution" in p for p in pings)
    lines = "\n".join(o.card.fallback for o in sla.run(AGENT, f"sla {case_id}"))
    assert "acknowledgement due" in lines and "left" in lines  # the breaches escalated; the climb is timed


async def test_a_runner_that_dies_after_claiming_leaves_nothing_lost_or_doubled(sla):
    start = sla.clock.now()
    case_id = sla.forward("再不处理我就去12315投诉")
    sla.run(AGENT, f"take {case_id}")
    sla.clock.set(start + timedelta(minutes=8))  # the 50 % point is due
    claimed = sla.runner.claim_due()  # ... and the runner dies here, before sending
    assert len(claimed) == 1
    assert await sla.at(start + timedelta(minutes=8) + LEASE / 2) == []  # leased: nobody else takes it yet
    second = Harness(sla.engine, sla.desk.team.analyzers.analyzer, sla.clock)
    second.sent = sla.sent
    second.runner.deliver = sla.runner.deliver
    pings = await second.at(start + timedelta(minutes=8) + LEASE + timedelta(seconds=1))
    assert len([p for p in pings if "50% of the window" in p]) == 1
    # a runner that wrote the outbox but died before delivering: the outbox row goes out once, later
    sla.clock.set(start + timedelta(minutes=12))
    [event] = sla.runner.claim_due()
    sla.desk.handle(event)  # the message is in the outbox now; the runner dies before sending it
    again = sla.desk.handle(event)  # a retaken timer handled twice writes nothing twice
    assert again == []
    pings = await second.at(start + timedelta(minutes=12) + LEASE + timedelta(seconds=1))
    assert len([p for p in pings if "80% of the window" in p]) == 1


@pytest.mark.parametrize("line,says", [
    ("sla set urgent first=15m", "not a level"),
    ("sla set explicit first=0m", "above zero"),
    ("sla set explicit first=-5m", "not a duration"),
    ("sla set explicit first=soon", "not a duration"),
    ("sla hours 18:00-09:00 mon-fri", "end after it starts"),
    ("sla hours 9-6", "not a span"),
    ("sla calendar XX", "No holiday calendar"),
    ("sla warn 50,80", "ending with 100"),
    ("sla vip 3 factor=2", "tighter"),
    ("sla mode explicit sometimes", "24x7|business"),
])
def test_bad_sla_commands_change_nothing(sla, line, says):
    with db.session(sla.engine) as s:
        ensure_admins(s, [ADMIN], now=sla.clock.now())
        s.commit()
    [out] = sla.run(ADMIN, line)
    assert out.error == "bad_input" and says in out.card.fallback, out.card.fallback
    assert not [a for a in _rows(sla.engine, AuditEntry) if a.action == "sla.set"]


def test_policy_changes_are_audited_and_apply_to_new_clocks_only(sla):
    with db.session(sla.engine) as s:
        ensure_admins(s, [ADMIN], now=sla.clock.now())
        s.commit()
    old_case = sla.forward("再不处理我就去12315投诉", customer="A")
    assert "high_risk: first 5m" in sla.run(ADMIN, "sla set high_risk first=5m")[0].card.fallback
    assert sla.run(AGENT, "sla set high_risk first=1m")[0].error == "refused"
    new_case = sla.forward("再不处理我就去12315投诉", customer="B")
    with db.session(sla.engine) as s:
        firsts = {c.case_id: c.window_seconds for c in s.exec(select(SlaClock).where(SlaClock.kind == "first"))}
    assert firsts == {old_case: 15 * 60, new_case: 5 * 60}
    assert [a.action for a in _rows(sla.engine, AuditEntry) if a.action == "sla.set"] == ["sla.set"]
    sla.run(ADMIN, "sla vip 3 factor=0.5")
    vip_case = sla.forward("再不处理我就去12315投诉", customer="V", vip=3)
    with db.session(sla.engine) as s:
        clock = s.exec(select(SlaClock).where(SlaClock.case_id == vip_case, SlaClock.kind == "first")).one()
    assert clock.window_seconds == int(5 * 60 * 0.5)


def test_two_replicas_changing_the_policy_at_once_both_keep_their_change(engine, analyzer, clock):
    """Replica A has the policy in memory; replica B changes one level; A then changes another: A's change is
    made to the policy as B left it, so neither is lost (settings are kept in memory a few seconds per process,
    and a change must never be made to that copy)."""
    a = Desk(engine=engine, analyzer=analyzer, clock=clock)
    b = Desk(engine=engine.execution_options(), analyzer=analyzer, clock=clock)  # another process's memory
    with db.session(engine) as s:
        ensure_admins(s, [ADMIN], now=clock.now())
        s.commit()

    def run(desk, line):
        return desk.handle(CommandInvoked(platform="slack", event_id=f"c{next(_seq)}", member=ADMIN, name="sla",
                                          args=line))

    run(a, "show")  # A reads the policy and keeps it
    run(b, "set potential first=20s")
    run(a, "set explicit first=30s")
    shown = run(b, "show")[0].card.fallback
    assert "potential: first 20s" in shown and "explicit: first 30s" in shown, shown
