"""Benchmark reports and the outbreak check: 100,000 cases over ninety days, on SQLite and PostgreSQL.

Writes the cases in bulk (a customer, a first message and its words, first-response and resolution clocks, some
escalations and offers each), then times the report for the last 30 and 90 days (three runs each, the median and
the slowest), the one-row-per-case export, and the outbreak check a complaint's intake adds (counting its words,
reading their rates, looking for a surge and an incident), per message. Prints figures; asserts nothing.

    scripts/bench_report [--cases 100000] [--days 90] [--messages 2000] [--only sqlite|postgres]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import insert, text

sys.path.insert(0, str(Path(__file__).parent))
from bench_sla import database  # noqa: E402  (the fresh SQLite file or PostgreSQL schema, migrated)

from bot.authority.tables import Offer  # noqa: E402
from bot.cases.tables import Case, CaseMessage, Customer  # noqa: E402
from bot.insight import gather, service as insight  # noqa: E402
from bot.insight.outbreak import slot_of  # noqa: E402
from bot.insight.tables import TermCount  # noqa: E402
from bot.insight.terms import terms_of  # noqa: E402
from bot.members.tables import Member  # noqa: E402
from bot.sla.tables import SlaClock  # noqa: E402
from bot.store import db  # noqa: E402
from bot.tiers.tables import Escalation  # noqa: E402

SH = ZoneInfo("Asia/Shanghai")
BATCH = 5000
TEXTS = {
    "delivery": ["快递三天了还没到，物流一直不更新", "訂單一週了還沒出貨，到底什麼時候寄", "My parcel is late again, tracking has not moved",
                 "送货员把包裹放在门口就走了，东西丢了"],
    "refund_billing": ["这个月账单多扣了钱，我要退款", "I was charged twice on my bill, refund the extra", "退款申请了十天还没到账"],
    "quality": ["耳机用了一周就没声音了，质量太差", "手机屏幕有条纹，刚买的就这样", "洗衣机漏水，地板都泡了", "冰箱不制冷，菜都坏了"],
    "service_attitude": ["客服态度很差，说话很不耐烦", "電話打了三次都沒人接，服務太差", "The agent hung up on me twice"],
    "after_sales": ["维修师傅约了三次都没上门", "The repair took a month and it is broken again"],
}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=100_000)
    ap.add_argument("--days", type=int, default=90)
    ap.add_argument("--messages", type=int, default=2000, help="complaints for the outbreak check's timing")
    ap.add_argument("--only", choices=["sqlite", "postgres"])
    args = ap.parse_args()
    for name in ("sqlite", "postgres"):
        if args.only and name != args.only:
            continue
        with database(name) as engine:
            if engine is None:
                print(f"== {name}: not reachable, skipped")
                continue
            bench(name, engine, args)
    return 0


def seed(engine, n: int, days: int, end: datetime) -> None:
    rng = random.Random(11)
    words = {t: terms_of(t) for texts in TEXTS.values() for t in texts}
    counts: Counter = Counter()
    with engine.begin() as conn:
        conn.execute(insert(Member), [{"id": i, "ref": f"web:agent{i}", "platform": "web", "display_name": f"agent {i}",
                                       "role": "agent", "created_at": end - timedelta(days=days)} for i in range(1, 21)])
    for lo in range(1, n + 1, BATCH):
        customers, cases, messages, clocks, escalations, offers = [], [], [], [], [], []
        for i in range(lo, min(n + 1, lo + BATCH)):
            category = rng.choice(list(TEXTS))
            message = rng.choice(TEXTS[category])
            opened = end - timedelta(seconds=rng.randrange(days * 86400))
            level = rng.choice(("potential", "potential", "explicit", "explicit", "high_risk", "none"))
            resolved = opened + timedelta(hours=rng.expovariate(1 / 40)) if rng.random() < 0.7 else None
            if resolved is not None and resolved > end:
                resolved = None
            answered = opened + timedelta(minutes=rng.expovariate(1 / 45)) if rng.random() < 0.85 else None
            customers.append({"id": i, "ref": f"bench:{i % (n // 3 + 1)}:{i}", "display_name": "", "vip_level": 0,
                              "currency": "CNY", "created_at": opened})
            cases.append({"id": i, "customer_id": i, "status": "resolved" if resolved else "open", "level": level,
                          "score": 50, "category": category, "level_reason": "", "owner_id": rng.randrange(1, 21),
                          "opened_by_id": 1, "grade": "F", "grade_reason": "", "tier_grade": rng.choice("FFFED"),
                          "reply_variant": 0, "created_at": opened, "updated_at": opened, "resolved_at": resolved,
                          "answered_at": answered})
            messages.append({"case_id": i, "customer_id": i, "platform": rng.choice(("slack", "telegram", "web")),
                             "text": message, "lang": "zh-Hans", "level": level, "score": 50, "category": category,
                             "analysis": "{}", "received_at": opened})
            for term in words[message]:
                counts[(term, category, slot_of(opened))] += 1
            first_stop = answered or resolved
            clocks.append({"case_id": i, "kind": "first", "level": level, "mode": "24x7",
                           "status": "stopped" if first_stop else "breached", "token": f"f{i}", "window_seconds": 3600,
                           "started_at": opened, "deadline": opened + timedelta(hours=1),
                           "stopped_at": first_stop or opened + timedelta(hours=1)})
            clocks.append({"case_id": i, "kind": "resolve", "level": level, "mode": "24x7",
                           "status": "stopped" if resolved else "running", "token": f"r{i}",
                           "window_seconds": 172800, "started_at": opened, "deadline": opened + timedelta(hours=48),
                           "stopped_at": resolved})
            if rng.random() < 0.1:
                escalations.append({"case_id": i, "from_grade": "F", "to_grade": "D", "tier_name": "lead", "ladder": "[]",
                                    "reason": "", "created_by": rng.choice(("system:sla", "web:agent1")),
                                    "created_at": opened + timedelta(hours=1)})
            if rng.random() < 0.1:
                offers.append({"case_id": i, "requested_by": 1, "amount_minor": rng.randrange(1000, 50000),
                               "currency": "CNY", "kind": "goodwill", "status": rng.choice(("granted", "approved")),
                               "reason": "", "created_at": opened})
        with engine.begin() as conn:
            conn.execute(insert(Customer), customers)
            conn.execute(insert(Case), cases)
            conn.execute(insert(CaseMessage), messages)
            conn.execute(insert(SlaClock), clocks)
            if escalations:
                conn.execute(insert(Escalation), escalations)
            if offers:
                conn.execute(insert(Offer), offers)
    rows = [{"term": t, "category": c, "slot": s, "n": k} for (t, c, s), k in counts.items()]
    with engine.begin() as conn:
        for lo in range(0, len(rows), BATCH):
            conn.execute(insert(TermCount), rows[lo:lo + BATCH])
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            for table in ("customer", "case"):
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), {n})"))
            conn.execute(text("ANALYZE"))
    print(f"  word counts: {len(rows):,} rows")


def timed(fn, runs: int = 3) -> tuple[float, float, object]:
    seconds, result = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        result = fn()
        seconds.append(time.perf_counter() - t0)
    return statistics.median(seconds), max(seconds), result


def bench(name: str, engine, args) -> None:
    end = datetime.now(UTC).replace(microsecond=0)
    print(f"== {name}: {args.cases:,} cases over {args.days} days")
    t0 = time.perf_counter()
    seed(engine, args.cases, args.days, end)
    print(f"  seeded in {time.perf_counter() - t0:.1f} s")
    for days in (30, args.days):
        def report(days=days):
            with db.session(engine) as s:
                return gather.gather_report(s, end - timedelta(days=days), end, zone=SH, now=end)
        median, worst, found = timed(report)
        print(f"  report, last {days} days ({found.total:,} cases): median {median:.2f} s, slowest {worst:.2f} s")

    def rows():
        with db.session(engine) as s:
            return gather.gather_rows(s, end - timedelta(days=30), end, zone=SH)
    median, worst, found = timed(rows, runs=1)
    print(f"  CSV rows, last 30 days ({len(found):,}): {median:.2f} s")

    # The outbreak check as intake runs it: in the complaint's transaction, before its commit. Steady: complaints
    # at the seeded rate (one every 78 s), each naming one of fifty products; burst: all at one instant, every word
    # surging (the check's slowest path).
    texts = [t for ts in TEXTS.values() for t in ts]
    products = [f"{a}{b}" for a in ("智能", "无线", "家用", "便携", "超薄") for b in ("音箱", "手表", "耳机", "吸尘器", "电饭煲",
                                                                           "空调", "台灯", "键盘", "鼠标", "相机")]
    for label, spacing in (("steady", timedelta(seconds=78)), ("burst", timedelta(0))):
        rng, per = random.Random(5), []
        with db.session(engine) as s:
            ids = s.exec(text("SELECT id FROM \"case\" ORDER BY id LIMIT :n").bindparams(n=args.messages)).all()
            for k, (case_id,) in enumerate(ids):
                case = s.get(Case, case_id)
                message = f"{rng.choice(products)}：{rng.choice(texts)}"
                now = end + spacing * k
                t0 = time.perf_counter()
                terms = terms_of(message)
                insight.watch(s, case, terms, now=now)
                insight.join_matching(s, case, terms, now=now)
                per.append(time.perf_counter() - t0)
            s.rollback()
        per.sort()
        print(f"  outbreak check per message, {label} ({len(per):,}): p50 {per[len(per) // 2] * 1000:.2f} ms, "
              f"p99 {per[int(len(per) * 0.99)] * 1000:.2f} ms")


if __name__ == "__main__":
    sys.exit(main())
