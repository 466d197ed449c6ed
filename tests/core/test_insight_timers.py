"""Insight on both databases, with a moved clock: the report's grouped SQL, a surge that ends (said once), an
incident's follow-ups and a scheduled digest, all through the desk and the timer runner."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.events import CustomerRef, MessageReceived
from bot.insight import gather
from bot.members.service import ensure_admins
from bot.store import db
from tests.core.test_sla import ADMIN, AGENT, Harness

SH = ZoneInfo("Asia/Shanghai")
LEAD = "slack:ULEAD"
LEAKS = ["新买的洗衣机漏水，地板都泡了，太气人了", "洗衣机又漏水了，你们这批货有问题吧", "滚筒洗衣机一洗衣服就漏水，很不满意"]


def said(outs):
    return "\n".join(o.card.fallback for o in outs)


async def test_report_surge_end_incident_follow_up_and_digest(engine, analyzer, clock):
    h = Harness(engine, analyzer, clock)

    def at(when):  # the runner's clock is UTC, as in production (SQLite keeps times without their zone)
        clock.set(when.astimezone(UTC))
    start = datetime(2026, 11, 2, 10, 0, tzinfo=SH)  # a Monday
    at(start)
    with db.session(engine) as s:
        ensure_admins(s, [ADMIN], now=clock.now())
        s.commit()
    h.run(LEAD, "help")
    h.run(ADMIN, f"tier add lead {LEAD}")
    h.run(ADMIN, "tier notify lead slack:CLEADS")
    h.run(ADMIN, "authority set agent ¥100")

    alerts, cases = [], []
    for i in range(9):  # nine in 27 minutes
        at(start + timedelta(minutes=3 * i))
        outs = h.desk.handle(MessageReceived(platform="slack", event_id=f"leak{i}", member=AGENT, text=LEAKS[i % 3],
                                             customer=CustomerRef(ref=f"W{i}")))
        alerts += [o for o in outs if o.card.title.startswith("📈")]
        cases.append(outs[-1].case_id)
    [alert] = alerts
    assert alert.reply_to.channel == "CLEADS"
    # The eighth came first in a new ten-minute slot: a word is looked at once it is used twice in a slot.
    assert "9 complaints in the last hour" in alert.card.fallback

    at(start + timedelta(minutes=30))
    h.run(AGENT, f"replied {cases[0]}")  # answered 30 minutes after it opened
    h.run(AGENT, f"take {cases[1]}")
    assert "granted" in said(h.run(AGENT, f"offer {cases[1]} ¥50"))
    h.run(AGENT, f"escalate {cases[2]} the customer asked for a supervisor")
    at(start + timedelta(hours=1, minutes=3))  # an hour after the case opened
    h.run(AGENT, f"resolve {cases[1]} replaced the valve")
    with db.session(engine) as s:
        report = gather.gather_report(s, start - timedelta(hours=1), start + timedelta(hours=2), zone=SH,
                                      now=start + timedelta(hours=1))
    assert report.total == 9 and sum(report.by_level.values()) == 9
    assert [(d.isoformat(), sum(c.values())) for d, c in report.by_day] == [("2026-11-02", 9)]
    assert (report.resolved_in_time, report.resolved_eligible) == (1, 1)
    # Answered after 30 minutes, and resolved (unanswered) after an hour: both stopped the first-response clock.
    assert (report.first_responses, report.first_response_median, report.first_response_p90) == (2, 1800, 3600)
    assert report.offers == {"granted": {"CNY": [1, 5000]}}
    assert report.escalations == {"lead": 1} and report.breach_climbs == {}
    assert sorted(report.load.values(), key=str)[-1] == {"resolved": 1}  # the agent who took and resolved one
    assert {w.word for w in report.hot_words} >= {"洗衣机", "漏水"}
    with db.session(engine) as s:
        rows = gather.gather_rows(s, start - timedelta(hours=1), start + timedelta(hours=2), zone=SH)
    assert [r["case"] for r in rows] == cases and rows[1]["hours_to_resolve"] == "1.0"
    assert rows[0]["first_response_minutes"] == "30.0" and rows[2]["escalations"] == 1

    # The incident, from the alert; resolving it reminds each case's owner on the day chosen.
    h.press(LEAD, "incident", alert.card.buttons[0].value)
    assert "resolved" in said(h.run(LEAD, "incident resolve 1 2026-11-04"))

    # Quiet from here: the half-hourly check ends the surge once, and says so to the leads.
    ended = []
    for step in range(1, 8):
        at(start + timedelta(minutes=30 * step + 1))
        before = len(h.sent)
        while await h.runner.run_due():
            pass
        ended += [o for o in h.sent[before:] if "is over" in o.card.fallback]
    [over] = ended
    assert over.reply_to.channel == "CLEADS" and "Surge #1" in over.card.fallback and "peak 9" in over.card.fallback

    follow = await h.at(datetime(2026, 11, 4, 9, 0, tzinfo=SH).astimezone(UTC))
    assert any(f"case #{cases[0]}" in t and "incident #1" in t for t in follow)  # its owner, or the incident's

    # A daily digest at 09:00 to a channel: delivered by the runner with its chart, and again the next day.
    assert "first one 2026-11-05 09:00" in said(h.run(ADMIN, "report schedule daily 09:00 slack:CREPORTS"))
    for day in (5, 6):
        at(datetime(2026, 11, day, 9, 0, 1, tzinfo=SH))
        before = len(h.sent)
        while await h.runner.run_due():
            pass
        [digest] = [o for o in h.sent[before:] if o.reply_to and o.reply_to.channel == "CREPORTS"]
        assert digest.card.title == "Daily complaint report" and digest.card.image
    assert "off" in said(h.run(ADMIN, "report schedule off"))
    at(datetime(2026, 11, 7, 9, 0, 1, tzinfo=SH))
    before = len(h.sent)
    while await h.runner.run_due():
        pass
    assert not [o for o in h.sent[before:] if o.reply_to and o.reply_to.channel == "CREPORTS"]
