"""Reports, hot words, the outbreak alert and incidents, on thirty days of cases seeded through the desk.

The seed: a steady mix of complaints (about ten a day, four categories, three scripts), five customers who write
three times, replies and resolutions at known delays, a two-hour burst of one subject (washing machines that
leak, arriving faster and faster) and a smaller subject (fridges that do not cool) that must not fire. Every
figure the report gives is checked against what the test itself did.
"""

import base64
import csv
import io
import math
import os
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from bot.cases.tables import Case
from bot.insight import gather
from bot.insight.report import as_csv
from bot.messages import ActionId
from bot.playbook.compose import incident_script
from bot.ports import ManualClock
from bot.store import db
from bot.store.tables import AuditEntry
from bot.events import CustomerRef, MessageReceived
from tests.core.test_tiers_authority import AGENT, LEAD, make_team, press, run, said

SH = ZoneInfo("Asia/Shanghai")
START = datetime(2026, 11, 1, tzinfo=SH)
DAYS = 30
STEADY = {
    "delivery": ["快递三天了还没到，物流一直不更新", "My parcel is late again, the tracking has not moved for days",
                 "訂單一週了還沒出貨，到底什麼時候寄"],
    "refund_billing": ["这个月账单多扣了钱，我要退款", "I was charged twice on my bill, please refund the extra"],
    "service_attitude": ["客服态度很差，说话很不耐烦，我很生气"],
    "quality": ["耳机用了一周就没声音了，质量太差", "手机屏幕有条纹，刚买的就这样，真失望"],
}
BURST = ["新买的洗衣机漏水，地板都泡了，太气人了", "洗衣机又漏水了，你们这批货有问题吧",
         "洗衣機漏水，樓下鄰居都找上門了，太誇張", "滚筒洗衣机一洗衣服就漏水，怎么回事，很不满意"]
FRIDGE = "新买的冰箱不制冷，里面的菜都坏了"
BURST_AT, BURST_N, BURST_MINUTES = START + timedelta(days=27, hours=10), 60, 120
THRESHOLD = 30  # the outbreak threshold (the shipped default): per hour


_seq = iter(range(10**6))


def take(desk, text, customer):
    """Every message the desk answers a forwarded complaint with."""
    return desk.handle(MessageReceived(platform="slack", event_id=f"i{next(_seq)}", member=AGENT, text=text,
                                       customer=CustomerRef(ref=customer)))


def nearest_rank(values, p):
    ordered = sorted(values)
    return ordered[math.ceil(p / 100 * len(ordered)) - 1]


@pytest.fixture(scope="module")
def sqlite_engine(tmp_path_factory):
    engine = db.make_engine(f"sqlite:///{tmp_path_factory.mktemp('insight') / 'bot.db'}")
    db.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture(scope="module")
def clock():
    return ManualClock(START.astimezone(UTC))


@pytest.fixture(scope="module")
def seeded(sqlite_engine, analyzer, clock):
    """The thirty days, handled in time order through the desk (once for the module: the incident test, last,
    is the only one that adds to it); what the test did is returned beside it."""
    clock.set(START.astimezone(UTC))
    desk = make_team(sqlite_engine, analyzer, clock)

    rng = random.Random(7)
    events = []  # (when, order, what, data)
    customers = {}  # customer -> (first message time, category of the first message)
    for day in range(DAYS):
        for k in range(10):
            at = START + timedelta(days=day, hours=8, minutes=rng.randrange(12 * 60))
            category = rng.choice(list(STEADY))
            who = f"S{day}-{k}"
            events.append((at, 0, "message", (who, rng.choice(STEADY[category]))))
            if rng.random() < 0.8:
                events.append((at + timedelta(minutes=rng.randrange(5, 240)), 1, "reply", who))
            if rng.random() < 0.6:
                events.append((at + timedelta(hours=rng.randrange(2, 100), minutes=7), 2, "resolve", who))
    for r in range(5):  # three contacts each, a week apart, never answered or resolved in between
        for n in range(3):
            events.append((START + timedelta(days=2 + 7 * n + r, hours=15), 0, "message",
                           (f"R{r}", "快递三天了还没到，物流一直不更新")))
    burst_times = [BURST_AT + timedelta(minutes=BURST_MINUTES * math.sqrt(i / BURST_N)) for i in range(1, BURST_N + 1)]
    for i, at in enumerate(burst_times):
        events.append((at, 0, "message", (f"B{i}", BURST[i % len(BURST)])))
    for i in range(6):
        events.append((START + timedelta(days=20, hours=9, minutes=20 * i), 0, "message", (f"F{i}", FRIDGE)))
    events.sort(key=lambda e: (e[0], e[1]))

    case_of, alerts, replies, resolves, opened = {}, [], {}, {}, {}
    for at, _, what, data in events:
        clock.set(at.astimezone(UTC))
        if what == "message":
            who, text = data
            outs = take(desk, text, who)
            case_id = outs[-1].case_id
            alerts += [(at, o) for o in outs if o.card.title.startswith("📈")]
            case_of[who] = case_id
            opened.setdefault(case_id, at)
            customers.setdefault(who, (at, analyzer.analyze(text).category))
        elif what == "reply":
            case_id = case_of[data]
            run(desk, AGENT, f"replied {case_id}")
            replies[case_id] = (at - opened[case_id]).total_seconds()
        else:
            case_id = case_of[data]
            run(desk, AGENT, f"resolve {case_id} explained and settled")
            resolves[case_id] = (at - opened[case_id]).total_seconds()
    return desk, dict(case_of=case_of, customers=customers, replies=replies, resolves=resolves, opened=opened,
                      burst_times=burst_times, alerts=alerts)


def test_the_report_agrees_with_what_happened(seeded, sqlite_engine, clock):
    desk, did = seeded
    end = START + timedelta(days=DAYS)
    clock.set(end.astimezone(UTC))
    with db.session(sqlite_engine) as s:
        report = gather.gather_report(s, START, end, zone=SH, now=end)
        cases = list(s.exec(select(Case)))
        rows = gather.gather_rows(s, START, end, zone=SH)

    assert report.total == len(did["customers"]) == len(cases)
    expected_categories = {}
    for _, category in did["customers"].values():
        expected_categories[category] = expected_categories.get(category, 0) + 1
    assert report.by_category == {c: n for c, n in sorted(expected_categories.items(), key=lambda kv: -kv[1])}
    levels = {}
    for c in cases:
        levels[c.level] = levels.get(c.level, 0) + 1
    assert report.by_level == {lv: n for lv, n in levels.items() if n} and sum(report.by_level.values()) == len(cases)
    assert sum(sum(d.values()) for _, d in report.by_day) == len(cases)
    assert [r.category for r in report.reasons] == sorted(expected_categories, key=lambda c: (-expected_categories[c], c))[:5]
    assert report.reasons[0].examples and report.reasons[0].words

    in_time = sum(1 for sec in did["resolves"].values() if sec <= 48 * 3600)
    eligible = sum(1 for case_id, at in did["opened"].items()
                   if case_id in did["resolves"] or at <= end - timedelta(hours=48))
    assert (report.resolved_in_time, report.resolved_eligible) == (in_time, eligible)

    # First response: until the reply was marked sent, or the case resolved, whichever came first (to the minute).
    firsts = [min(t for t in (did["replies"].get(c), did["resolves"].get(c)) if t is not None)
              for c in did["opened"] if c in did["replies"] or c in did["resolves"]]
    assert report.first_responses == len(firsts)
    assert report.first_response_median == nearest_rank(firsts, 50) // 60 * 60
    assert report.first_response_p90 == nearest_rank(firsts, 90) // 60 * 60
    assert report.repeat_customers == 5
    assert sum(t.finished for t in report.sla if t.kind == "first") == len(firsts)

    table = list(csv.DictReader(io.StringIO(as_csv(rows))))
    assert len(table) == len(cases)
    resolved = {int(r["case"]): float(r["hours_to_resolve"]) for r in table if r["hours_to_resolve"]}
    assert resolved == {c: pytest.approx(sec / 3600, abs=0.06) for c, sec in did["resolves"].items()}
    assert {r["channel"] for r in table} == {"slack"}

    outs = run(desk, LEAD, "report 30d")
    text = said(outs)
    png = base64.b64decode(outs[0].card.image)
    assert png.startswith(b"\x89PNG")
    if os.environ.get("SHOT_DIR"):  # to look at the chart chat gets
        Path(os.environ["SHOT_DIR"], "report-chart.png").write_bytes(png)
    assert f"Cases opened: {len(cases)}" in text and "Top reasons:" in text and "Repeat complainers (3+ contacts): 5" in text
    assert "error" not in {o.error for o in outs if o.error}
    refused = run(desk, AGENT, "report 30d")
    assert refused[0].error == "refused"
    assert run(desk, LEAD, "report 40x")[0].error == "bad_input"


def test_the_burst_is_hot_and_fires_once_early_with_a_sensible_time_to_threshold(seeded, sqlite_engine):
    desk, did = seeded
    times = did["burst_times"]
    with db.session(sqlite_engine) as s:
        hot = gather.gather_report(s, times[0] - timedelta(minutes=5), times[-1] + timedelta(minutes=5), zone=SH)
    top = [w.word for w in hot.hot_words[:3]]
    assert "漏水" in top and "洗衣机" in top, top

    [(fired_at, alert)] = did["alerts"]  # once for the burst; the fridges never fire
    assert "漏水" in alert.card.title or "洗衣机" in alert.card.title
    assert "冰箱" not in alert.card.fallback and "制冷" not in alert.card.fallback
    assert fired_at - times[0] <= timedelta(minutes=BURST_MINUTES / 2), "fires in the first half of the burst"
    assert alert.reply_to.channel == "CLEADS" and alert.card.buttons[0].action == ActionId.OPEN_INCIDENT
    # When the hour's count of the burst really crossed the threshold, and what the alert estimated.
    crossed = next(t for t in times if sum(1 for u in times if t - timedelta(minutes=50) < u <= t) >= THRESHOLD)
    said_minutes = int(alert.card.fallback.split("in about ")[1].split(" min")[0])
    actual = (crossed - fired_at).total_seconds() / 60
    assert 0.4 * actual <= said_minutes <= 2.5 * actual, (said_minutes, actual)
    assert len(alert.card.sections[1].lines) == 3  # three sample messages


def test_a_lead_opens_an_incident_from_the_alert_and_the_next_complaint_gets_its_script(seeded, sqlite_engine, clock):
    desk, did = seeded
    _, alert = did["alerts"][0]
    clock.set(did["burst_times"][-1].astimezone(UTC) + timedelta(minutes=5))
    assert press(desk, AGENT, ActionId.OPEN_INCIDENT, alert.card.buttons[0].value)[0].error == "refused"
    opened = said(press(desk, LEAD, ActionId.OPEN_INCIDENT, alert.card.buttons[0].value))
    assert "Incident #1" in opened
    linked = int(opened.split(" with ")[1].split(" cases")[0])
    assert linked >= 30  # the burst's open cases joined it

    script = "这批洗衣机的进水阀有缺陷，我们会安排师傅上门免费更换，并全程跟进直到修好"
    bad = run(desk, LEAD, "incident script 1 zh-Hans 您应该先看清楚说明书，我们会处理的")
    assert bad[0].error == "bad_input" and "checker" in said(bad)
    assert "unified reply is set" in said(run(desk, LEAD, f"incident script 1 zh-Hans {script}"))

    outs = take(desk, "我家的洗衣機也漏水了，地板都濕了，很生氣", "NEW-1")
    reply = next(s.lines[0] for s in outs[-1].card.sections if s.title == "Suggested reply")
    assert incident_script({"zh-Hans": script}, "zh-Hant") in reply  # the customer's own script: Traditional
    assert "joined incident #1" in said(outs)
    assert any(s.title == "Incident" for s in outs[-1].card.sections)
    english = take(desk, "My new washing machine leaks water all over the floor", "NEW-2")
    assert not any(s.title == "Incident" for s in english[-1].card.sections)  # no shared word: not joined

    shown = said(run(desk, LEAD, "incident show 1"))
    assert "Cases joined per half hour" in shown and "script" in shown
    assert "resolved" in said(run(desk, LEAD, "incident resolve 1"))
    with db.session(sqlite_engine) as s:
        actions = [e.action for e in s.exec(select(AuditEntry).where(AuditEntry.target == "incident:1")
                                            .order_by(AuditEntry.id))]
    assert actions[0] == "incident.open" and "incident.script" in actions and actions[-1] == "incident.resolve"

