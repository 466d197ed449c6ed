"""Crash drills: `bot serve` as a real process against local fakes of the Slack and Telegram APIs, stopped hard
(kill -9) or gracefully (SIGTERM) under load, then started again; prints what was acknowledged and what became
of it. Asserts nothing unless `--check`, which exits 1 when an acknowledged event or a committed card was lost.

    scripts/drill slack    [--rate 200] [--seconds 60] [--stop kill|term|none] [--db sqlite|postgres] [--check]
    scripts/drill telegram [--mode polling|webhook] [--updates 300] [--rate 50] [--check]
    scripts/drill pings    [--replicas 1|3] [--cases 60] [--seconds 30] [--window 20] [--check]
    scripts/drill outage   [--rate 10] [--seconds 40] [--outage 20] [--check]

Slack: signed Events API requests at `rate` per second, seven in ten a new complaint in its own DM channel, the
rest a *Take* press on a card already posted; the server is stopped halfway and started again at once. A request
counts as acknowledged when it got a 200. Telegram: private messages by long polling (an update is acknowledged
once a getUpdates call confirmed it, by asking for a later offset) or by webhook (a 200). Pings: an admin sets
a short first-response window with warnings, new cases arrive, and each warning's arrival at Slack is compared
with its due time; with several replicas (PostgreSQL) the first is killed halfway. Outage: Slack's API answers
503 to everything for a while, then recovers; every complaint must be carded once, soon after.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid
from collections import Counter, defaultdict
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
from aiohttp import web
from slack_sdk.signature import SignatureVerifier
from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
SECRET = "drill-signing-secret-0123456789ab"
BOT_TOKEN = "xoxb-drill-token"
TG_TOKEN = "123456:drill-telegram-token"
TG_SECRET = "drill-webhook-secret"
AGENT = "UAGENT"
COMPLAINTS = [
    "你们的快递一个星期都没到，我要投诉", "退款申请提交半个月了还没处理，太过分了", "客服电话一直打不通，我很生气",
    "再不给我退款我就去12315投诉你们", "收到的商品是坏的，要求换货", "我已经第三次反映这个问题了，还是没人管",
    "My order still hasn't arrived after two weeks", "You charged me twice this month, fix it now",
    "這個服務真的太差了，我要求退款", "I want my money back or I will report you to the BBB",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


# -- the platforms' APIs -------------------------------------------------------------------------------------
class FakeApi:
    """Records every call; answers like the platform would."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []
        self.runner: web.AppRunner | None = None
        self.url = ""

    async def start(self, app: web.Application) -> None:
        self.runner = web.AppRunner(app, access_log=None)
        await self.runner.setup()
        port = free_port()
        await web.TCPSite(self.runner, "127.0.0.1", port).start()
        self.url = f"http://127.0.0.1:{port}"

    async def stop(self) -> None:
        if self.runner is not None:
            await self.runner.cleanup()

    def of(self, method: str) -> list[dict]:
        return [data for name, data in self.calls if name == method]


class FakeSlack(FakeApi):
    def __init__(self) -> None:
        super().__init__()
        self._ts = 1_700_000_000
        self.down = False  # an outage: every call answers 503 and is not recorded
        self.refused = 0
        self.history: dict[str, list[dict]] = defaultdict(list)  # channel -> posts, newest first

    async def start(self) -> None:  # type: ignore[override]
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self.api)  # conversations.history is a GET
        await super().start(app)

    async def api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        raw = await request.text()
        if self.down:
            self.refused += 1
            return web.json_response({"ok": False, "error": "service_unavailable"}, status=503)
        if request.method == "GET":
            data = dict(request.query)
        elif request.content_type == "application/json":
            data = json.loads(raw or "{}")
        else:
            data = dict(urllib.parse.parse_qsl(raw))
        self._ts += 1
        ts = f"{self._ts}.000100"
        if method in ("chat.postMessage", "chat.update", "chat.postEphemeral"):
            data["ts"] = data.get("ts") or ts
        data["_at"] = time.time()
        self.calls.append((method, data))
        if method == "auth.test":
            return web.json_response({"ok": True, "team_id": "T1", "user_id": "UBOT", "bot_id": "BBOT"})
        if method == "chat.postMessage":
            self.history[data.get("channel")].insert(0, {"ts": ts, "thread_ts": data.get("thread_ts"),
                                                         "metadata": data.get("metadata")})
            return web.json_response({"ok": True, "channel": data.get("channel"), "ts": ts})
        if method in ("conversations.history", "conversations.replies"):
            thread = data.get("ts") if method == "conversations.replies" else None
            found = [m for m in self.history[data.get("channel")] if m["thread_ts"] == thread]
            return web.json_response({"ok": True, "messages": found[:int(data.get("limit") or 100)]})
        if method == "users.info":
            return web.json_response({"ok": True, "user": {"id": data.get("user"), "name": "agent",
                                                           "real_name": "Agent", "profile": {}}})
        return web.json_response({"ok": True, "ts": data.get("ts", ts), "channel": data.get("channel")})


class FakeTelegram(FakeApi):
    """getUpdates with Telegram's offset rule: asking for offset N confirms (and forgets) every update below N."""

    def __init__(self) -> None:
        super().__init__()
        self.updates: list[dict] = []
        self.confirmed = 0  # every update_id below this was confirmed
        self._message_id = 0
        self._arrived = asyncio.Event()

    async def start(self) -> None:  # type: ignore[override]
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self.api)
        await super().start(app)

    def push(self, update: dict) -> None:
        self.updates.append(update)
        self._arrived.set()

    async def api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        raw = await request.read()
        try:
            data = json.loads(raw or b"{}") if request.content_type == "application/json" else dict(await request.post())
        except ValueError:
            data = {}
        self.calls.append((method, data))
        if method == "getMe":
            return web.json_response({"ok": True, "result": {"id": 999, "is_bot": True, "first_name": "Desk",
                                                             "username": "desk_bot"}})
        if method == "getUpdates":
            offset = int(data.get("offset") or 0)
            self.confirmed = max(self.confirmed, offset)
            deadline = time.monotonic() + min(float(data.get("timeout") or 0), 2.0)
            while True:
                ready = [u for u in self.updates if u["update_id"] >= self.confirmed][:100]
                if ready or time.monotonic() >= deadline:
                    return web.json_response({"ok": True, "result": ready})
                self._arrived.clear()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._arrived.wait(), timeout=max(0.01, deadline - time.monotonic()))
        if method == "sendMessage":
            self._message_id += 1
            chat = int(data.get("chat_id"))
            return web.json_response({"ok": True, "result": {
                "message_id": self._message_id, "date": int(time.time()), "text": str(data.get("text", ""))[:50],
                "chat": {"id": chat, "type": "private"}}})
        return web.json_response({"ok": True, "result": True})


# -- the bot as a process ----------------------------------------------------------------------------------
class Server:
    def __init__(self, env: dict, log_path: Path) -> None:
        self.port = free_port()
        self.env = {**os.environ, "BOT_PORT": str(self.port), "BOT_HOST": "127.0.0.1", **env}
        self.log_path = log_path
        self.proc: subprocess.Popen | None = None
        self.base = f"http://127.0.0.1:{self.port}"

    async def start(self) -> float:
        """Start and wait for /healthz; returns the seconds it took."""
        started = time.monotonic()
        log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([sys.executable, "-m", "bot", "serve"], env=self.env, stdout=log,
                                     stderr=subprocess.STDOUT, cwd=ROOT)
        async with aiohttp.ClientSession() as http:
            while time.monotonic() - started < 60:
                with contextlib.suppress(aiohttp.ClientError):
                    async with http.get(f"{self.base}/healthz") as resp:
                        if resp.status == 200:
                            return time.monotonic() - started
                if self.proc.poll() is not None:
                    # The log's tail goes with the failure: the drill's temporary folder is gone by the time anyone looks.
                    tail = Path(self.log_path).read_text(errors="replace")[-1500:]
                    raise SystemExit(f"bot serve exited with {self.proc.returncode}; its log ends:\n{tail}")
                await asyncio.sleep(0.05)
        raise SystemExit("bot serve did not become healthy in 60 s")

    async def stop(self, how: str) -> float:
        """kill -9 or SIGTERM; returns the seconds until the process was gone."""
        started = time.monotonic()
        self.proc.send_signal(signal.SIGKILL if how == "kill" else signal.SIGTERM)
        await asyncio.to_thread(self.proc.wait, 90)
        return time.monotonic() - started


@contextlib.contextmanager
def database(kind: str, tmp: Path):
    """A fresh, empty database for one drill: SQLite in a temporary folder, or a new PostgreSQL database."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp}/drill.db"
        return
    name = f"drill_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield PG_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def settle(url: str, *, stall: float = 60.0) -> dict:
    """Wait until the inbox and the outbox are empty (every event handled, every message sent), or until nothing
    moved for `stall` seconds; return what is left and the events handled."""
    engine = create_engine(url)
    last, moved = None, time.monotonic()
    try:
        while True:
            with engine.connect() as conn:
                inbox = conn.execute(text("SELECT count(*) FROM inbox_event")).scalar()
                outbox = conn.execute(text("SELECT count(*) FROM timer WHERE kind = 'outbox' "
                                           "AND status IN ('pending', 'claimed')")).scalar()
                if (inbox, outbox) != last:
                    last, moved = (inbox, outbox), time.monotonic()
                if (inbox == 0 and outbox == 0) or time.monotonic() - moved > stall:
                    processed = {(p, e): c for p, e, c in conn.execute(
                        text("SELECT platform, event_id, case_id FROM processed_event"))}
                    waiting = {(p, e) for p, e in conn.execute(text("SELECT platform, event_id FROM inbox_event"))}
                    return {"inbox": inbox, "outbox": outbox, "processed": processed, "waiting": waiting}
            time.sleep(0.5)
    finally:
        engine.dispose()


def slack_env(fake: FakeSlack, url: str) -> dict:
    """`bot serve`'s environment: the database, and Slack pointed at the fake with the drill's agent as admin."""
    return {"DATABASE_URL": url, "SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SECRET,
            "SLACK_API_URL": fake.url + "/api/", "BOT_ADMINS": f"slack:{AGENT}", "BOT_LOG_LEVEL": "WARNING"}


@contextlib.asynccontextmanager
async def slack_bots(args, db_kind: str, replicas: int = 1):
    """A fake Slack, a fresh database and `replicas` `bot serve` processes on it, started together (the migration
    lock is part of the drills); afterwards the live ones get SIGTERM, and `--log` prints the end of each log."""
    fake = FakeSlack()
    await fake.start()
    try:
        with tempfile.TemporaryDirectory() as tmp, database(db_kind, Path(tmp)) as url:
            servers = [Server(slack_env(fake, url), Path(tmp) / f"serve{i}.log") for i in range(replicas)]
            await asyncio.gather(*(s.start() for s in servers))
            try:
                yield fake, servers, url
            finally:
                for server in servers:
                    if server.proc is not None and server.proc.poll() is None:
                        await server.stop("term")
                    if args.log:
                        print(Path(server.log_path).read_text()[-args.log:])
    finally:
        await fake.stop()


# -- Slack -----------------------------------------------------------------------------------------------
def slack_signed(body: str) -> dict:
    ts = str(int(time.time()))
    return {"X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=body)}


def complaint_body(i: int) -> tuple[str, str, str]:
    """A DM to the bot with a customer's words, in its own channel so its card can be found."""
    event_id, channel = f"EvDrill{i:06d}", f"D{i:06d}"
    event = {"type": "message", "channel_type": "im", "channel": channel, "user": AGENT,
             "ts": f"{1_800_000_000 + i}.000200", "text": f"{random.choice(COMPLAINTS)}（订单 {i}）"}
    body = json.dumps({"token": "x", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
                       "event_id": event_id, "event_time": int(time.time()), "event": event,
                       "authorizations": [{"team_id": "T1", "user_id": "UBOT", "is_bot": True}]})
    return body, "application/json", event_id


def press_body(i: int, card: dict) -> tuple[str, str, str] | None:
    blocks = card.get("blocks") or []
    blocks = json.loads(blocks) if isinstance(blocks, str) else blocks
    value = next((e.get("value") for b in blocks if b.get("type") == "actions"
                  for e in b.get("elements", []) if e.get("action_id") == "take"), None)
    if value is None:
        return None
    payload = {"type": "block_actions", "trigger_id": f"TDrill{i:06d}", "team": {"id": "T1"},
               "user": {"id": AGENT, "name": "agent"},
               "container": {"type": "message", "channel_id": card["channel"], "message_ts": card["ts"],
                             "is_ephemeral": False},
               "channel": {"id": card["channel"]}, "message": {"ts": card["ts"], "text": "card"},
               "actions": [{"action_id": "take", "value": value, "type": "button", "block_id": "card_actions",
                            "action_ts": "1.2"}]}
    return urllib.parse.urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded", \
        f"action:TDrill{i:06d}"


async def drill_slack(args) -> bool:
    random.seed(args.seed)
    async with slack_bots(args, args.db) as (fake, [server], url):
        acked: dict[str, str] = {}  # event id -> "complaint" | "press"
        latencies: list[tuple[float, float]] = []  # (sent at, seconds to the 200)
        refused = Counter()
        total = int(args.rate * args.seconds)
        stop_at = total // 2
        restart = {}

        async def send(http: aiohttp.ClientSession, i: int) -> None:
            cards = [c for c in fake.of("chat.postMessage") if str(c.get("channel", "")).startswith("D")]
            made = press_body(i, random.choice(cards)) if cards and random.random() < 0.3 else None
            kind = "press" if made else "complaint"
            body, content_type, event_id = made or complaint_body(i)
            started = time.monotonic()
            try:
                async with http.post(f"{server.base}/slack/events", data=body.encode(),
                                     headers={"Content-Type": content_type, **slack_signed(body)},
                                     timeout=aiohttp.ClientTimeout(total=10)) as resp:
                    await resp.read()
                    if resp.status == 200:
                        acked[event_id] = kind
                        latencies.append((started, time.monotonic() - started))
                    else:
                        refused[resp.status] += 1
            except (aiohttp.ClientError, TimeoutError) as exc:
                refused[type(exc).__name__] += 1

        started, started_at = time.monotonic(), time.time()
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0)) as http:
            tasks = []
            for i in range(total):
                delay = started + i / args.rate - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
                if i == stop_at and args.stop != "none":
                    restart["acked_before"] = len(acked)
                    restart["at"] = time.time() - started_at
                    restart["down"] = time.monotonic()
                    restart["stop"] = await server.stop(args.stop)
                    restart["start"] = await server.start()
                    restart["up"] = time.monotonic()
                tasks.append(asyncio.create_task(send(http, i)))
            await asyncio.gather(*tasks)
        sent_for = time.monotonic() - started
        end = await asyncio.to_thread(settle, url)
        drained = time.monotonic() - started

    processed = {e for (p, e) in end["processed"] if p == "slack"}
    waiting = {e for (p, e) in end["waiting"] if p == "slack"}
    lost = [e for e in acked if e not in processed and e not in waiting]
    complaints = [e for e, k in acked.items() if k == "complaint"]
    posts = Counter(c.get("channel") for c in fake.of("chat.postMessage"))
    cards_missing = [e for e in complaints if posts.get("D" + e.removeprefix("EvDrill")) is None and e in processed]
    cards_twice = sum(1 for e in complaints if posts.get("D" + e.removeprefix("EvDrill"), 0) > 1)
    print(f"slack drill · {args.db} · {args.stop + ' halfway' if args.stop != 'none' else 'no stop'} · "
          f"{args.rate}/s for {args.seconds} s")
    print(f"  requests sent {total} in {sent_for:.1f} s; acknowledged {len(acked)} "
          f"({len(complaints)} complaints, {len(acked) - len(complaints)} presses); not acknowledged "
          f"{sum(refused.values())} {dict(refused)}")
    if restart:
        print(f"  stopped {restart['at']:.2f} s after the first request; stop took {restart['stop']:.2f} s, "
              f"restart to healthy {restart['start']:.2f} s")
    every = [seconds for _sent, seconds in latencies]
    print(f"  acknowledgement latency p50 {percentile(every, .5) * 1000:.0f} ms, "
          f"p99 {percentile(every, .99) * 1000:.0f} ms", end="")
    if restart:
        # The requests held while the server was down arrive at once when it is back: apart, the steady state.
        steady = [seconds for sent, seconds in latencies if not restart["down"] <= sent <= restart["up"] + 5]
        print(f"; outside the 5 s after the restart p50 {percentile(steady, .5) * 1000:.0f} ms, "
              f"p99 {percentile(steady, .99) * 1000:.0f} ms", end="")
    print()
    print(f"  handled {len(processed)} events by {drained:.1f} s after the first request "
          f"({len(processed) / drained:.0f}/s overall); still waiting in the inbox {end['inbox']}, "
          f"outbox {end['outbox']}")
    print(f"  ACKNOWLEDGED BUT LOST {len(lost)}; cards missing {len(cards_missing)}; "
          f"complaints carded twice {cards_twice}; sent again after the stop and looked for in Slack first "
          f"{len(fake.of('conversations.history')) + len(fake.of('conversations.replies'))}")
    if lost:
        print(f"  lost, first few: {lost[:5]}")
    if cards_twice:
        twice = [c for c in fake.of("chat.postMessage") if posts.get(c.get("channel"), 0) > 1
                 and str(c.get("channel", "")).startswith("D")]
        print("  carded twice, first few (channel, outbox row, seconds after the first request):",
              [(c["channel"], (c.get("metadata") or {}).get("event_payload"), round(c["_at"] - started_at, 2))
               for c in twice[:6]])
    return not lost and not cards_missing and not end["inbox"]


# -- A platform outage ---------------------------------------------------------------------------------------
RECOVERY_SECONDS = 10.0  # --check: every card held by the outage lands within this long after the platform is back


async def drill_outage(args) -> bool:
    """Slack's API answers 503 for a while and then recovers: every acknowledged complaint is carded once, soon
    after Slack is back."""
    random.seed(args.seed)
    async with slack_bots(args, args.db) as (fake, [server], url):
        acked: list[str] = []
        total = int(args.rate * args.seconds)
        down_at, up_at = int(total * 0.25), int(total * 0.25 + args.rate * args.outage)
        recovered_at = 0.0
        async with aiohttp.ClientSession() as http:
            started = time.monotonic()
            for i in range(total):
                delay = started + i / args.rate - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
                if i == down_at:
                    fake.down = True
                if i == up_at:
                    fake.down, recovered_at = False, time.time()
                body, content_type, event_id = complaint_body(i)
                async with http.post(f"{server.base}/slack/events", data=body.encode(),
                                     headers={"Content-Type": content_type, **slack_signed(body)}) as resp:
                    await resp.read()
                    if resp.status == 200:
                        acked.append(event_id)
            fake.down = False
            recovered_at = recovered_at or time.time()
        end = await asyncio.to_thread(settle, url)

    posts = defaultdict(list)
    for c in fake.of("chat.postMessage"):
        posts[str(c.get("channel"))].append(c["_at"])
    channels = ["D" + e.removeprefix("EvDrill") for e in acked]
    missing = [c for c in channels if not posts.get(c)]
    twice = sum(1 for c in channels if len(posts.get(c, ())) > 1)
    held = [min(posts[c]) for c in channels[down_at:up_at] if posts.get(c)]
    print(f"outage drill · {args.db} · {args.rate}/s complaints for {args.seconds} s; Slack answers 503 for "
          f"{args.outage} s from {down_at / args.rate:.0f} s on")
    print(f"  acknowledged {len(acked)} of {total}; Slack refused {fake.refused} calls during the outage")
    print(f"  cards of complaints that arrived during the outage: {len(held)} delivered, the last "
          f"{max(held, default=recovered_at) - recovered_at:.1f} s after Slack was back")
    print(f"  left in inbox {end['inbox']}, outbox {end['outbox']}")
    print(f"  CARDS MISSING {len(missing)}; complaints carded twice {twice}")
    # Back-off alone would hold a card kept early in the outage for up to three times its length after it.
    prompt = max(held, default=recovered_at) - recovered_at <= RECOVERY_SECONDS
    return not missing and not twice and not end["inbox"] and not end["outbox"] and prompt


# -- Pings ----------------------------------------------------------------------------------------------
def slash(text_: str, i: int) -> tuple[str, str]:
    body = urllib.parse.urlencode({"command": "/cs", "text": text_, "user_id": AGENT, "user_name": "agent",
                                   "channel_id": "CADMIN", "team_id": "T1", "trigger_id": f"TCmd{i}",
                                   "response_url": "http://127.0.0.1:9/hook"})
    return body, "application/x-www-form-urlencoded"


async def drill_pings(args) -> bool:
    """SLA warnings of new cases, due in real time: how late each reaches Slack, with one replica killed."""
    random.seed(args.seed)
    db_kind = "postgres" if args.replicas > 1 else args.db
    async with slack_bots(args, db_kind, args.replicas) as (fake, servers, url):
        async with aiohttp.ClientSession() as http:
            async def post(server: Server, body: str, content_type: str) -> int:
                async with http.post(f"{server.base}/slack/events", data=body.encode(),
                                     headers={"Content-Type": content_type, **slack_signed(body)}) as resp:
                    await resp.read()
                    return resp.status

            window = args.window
            setup = [f"sla warn {args.warn},100"]
            setup += [f"sla set {level} first={window}s update=1d resolve=30d" for level in
                      ("none", "potential", "explicit", "high_risk")]
            setup += [f"sla mode {level} 24x7" for level in ("none", "potential", "explicit", "high_risk")]
            for i, line in enumerate(setup):
                assert await post(servers[0], *slash(line, i)) == 200
            # Acknowledged is not yet handled: cases opened before the policy changed would keep the old one.
            await asyncio.to_thread(settle, url, stall=20)
            started = time.monotonic()
            killed_at = None
            for i in range(args.cases):
                delay = started + i * args.seconds / args.cases - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
                if args.replicas > 1 and killed_at is None and i >= args.cases // 2:
                    killed_at = time.time()
                    await servers[0].stop("kill")
                alive = [s for s in servers if s.proc.poll() is None]
                body, content_type, _ = complaint_body(i)
                await post(alive[i % len(alive)], body, content_type)
        await asyncio.sleep(window + args.grace)
        ended = time.time()
        engine = create_engine(url)
        with engine.connect() as conn:
            timers = [(case_id, json.loads(payload), due_at, status) for case_id, payload, due_at, status in conn.execute(
                text("SELECT case_id, payload, due_at, status FROM timer WHERE kind = 'sla'"))]
            kinds = dict(conn.execute(text("SELECT id, kind FROM sla_clock")).all())
            # Every case must run on the drill's policy, or its warnings fall outside the drill unseen.
            off_policy = conn.execute(text("SELECT count(*) FROM sla_clock WHERE kind = 'first' AND "
                                           "(window_seconds != :w OR mode != '24x7')"), {"w": window}).scalar()
        engine.dispose()

    def wall(due) -> float:
        due = datetime.fromisoformat(due) if isinstance(due, str) else due  # SQLite hands back text
        return (due if due.tzinfo else due.replace(tzinfo=UTC)).timestamp()

    # A warning says "Case #12: first response due 10:15 (…, 25% of the window)": one per clock and point.
    labels = {"first": "first response", "update": "next update", "resolve": "resolution", "ack": "acknowledgement"}
    expected = {(case_id, labels.get(kinds.get(p.get("clock")), "?"), p["point"]): wall(due)
                for case_id, p, due, status in timers if p.get("point", 100) < 100 and wall(due) < ended - 2}
    arrived: dict[tuple[int, str, int], list[float]] = defaultdict(list)
    pattern = re.compile(r"Case #(\d+): (.+?) due .*?(\d+)% of the window")
    for post in fake.of("chat.postMessage"):
        m = pattern.search(str(post.get("text", "")))
        if m:
            arrived[(int(m.group(1)), m.group(2), int(m.group(3)))].append(post["_at"])
    late = [min(arrived[k]) - due for k, due in expected.items() if arrived.get(k)]
    missing = [k for k in expected if not arrived.get(k)]
    twice = sum(len(v) - 1 for v in arrived.values() if len(v) > 1)
    print(f"ping drill · {db_kind} · {args.replicas} replica(s){' · one killed halfway' if args.replicas > 1 else ''}"
          f" · {args.cases} cases over {args.seconds} s, warnings at {args.warn} % of a {window} s window")
    print(f"  warnings due {len(expected)}, delivered {len(late)}, MISSING {len(missing)}, sent twice {twice}; "
          f"first-response clocks not on the drill's policy {off_policy}")
    print(f"  lateness from due time to Slack: p50 {percentile(late, .5):.2f} s, p99 {percentile(late, .99):.2f} s, "
          f"max {max(late, default=float('nan')):.2f} s")
    if not expected:
        print("  no warning fell due during the drill: nothing was measured (lengthen --seconds)")
    # A drill in which nothing fell due proves nothing: it fails the check rather than passing it.
    return (bool(expected) and not missing and not off_policy
            and percentile(late, .99) <= (5.0 if args.replicas > 1 else 1.0))


# -- Telegram --------------------------------------------------------------------------------------------
def tg_update(i: int) -> dict:
    chat = 10_000 + i
    return {"update_id": 1000 + i, "message": {
        "message_id": 1, "date": int(time.time()), "chat": {"id": chat, "type": "private", "first_name": "A"},
        "from": {"id": chat, "is_bot": False, "first_name": "Agent"},
        "text": f"{random.choice(COMPLAINTS)}（订单 {i}）"}}


async def drill_telegram(args) -> bool:
    random.seed(args.seed)
    fake = FakeTelegram()
    await fake.start()
    with tempfile.TemporaryDirectory() as tmp, database(args.db, Path(tmp)) as url:
        env = {"DATABASE_URL": url, "TELEGRAM_BOT_TOKEN": TG_TOKEN, "TELEGRAM_API_URL": fake.url + "/bot",
               "BOT_LOG_LEVEL": "WARNING"}
        server = Server(env, Path(tmp) / "serve.log")
        if args.mode == "webhook":
            env.update(TELEGRAM_WEBHOOK_URL="https://example.invalid/telegram/webhook",
                       TELEGRAM_WEBHOOK_SECRET=TG_SECRET)
            server.env.update(env)
        await server.start()
        answered: set[str] = set()
        restart = {}
        refused = Counter()

        async def post(http: aiohttp.ClientSession, update: dict) -> None:
            try:
                async with http.post(f"{server.base}/telegram/webhook", json=update,
                                     headers={"X-Telegram-Bot-Api-Secret-Token": TG_SECRET},
                                     timeout=aiohttp.ClientTimeout(total=10)) as resp:
                    await resp.read()
                    if resp.status == 200:
                        answered.add(f"{update['message']['chat']['id']}:1")
                    else:
                        refused[resp.status] += 1
            except (aiohttp.ClientError, TimeoutError) as exc:
                refused[type(exc).__name__] += 1

        started = time.monotonic()
        async with aiohttp.ClientSession() as http:
            tasks = []
            for i in range(args.updates):
                delay = started + i / args.rate - time.monotonic()
                if delay > 0:
                    await asyncio.sleep(delay)
                if i == args.updates // 2:
                    restart["stop"] = await server.stop("kill")
                    restart["confirmed_at_kill"] = fake.confirmed
                    restart["start"] = await server.start()
                update = tg_update(i)
                if args.mode == "webhook":
                    tasks.append(asyncio.create_task(post(http, update)))
                else:
                    fake.push(update)
            await asyncio.gather(*tasks)
        if args.mode == "polling":
            deadline = time.monotonic() + 60
            while fake.confirmed <= 1000 + args.updates - 1 and time.monotonic() < deadline:
                await asyncio.sleep(0.2)
            answered = {f"{u['message']['chat']['id']}:1" for u in fake.updates if u["update_id"] < fake.confirmed}
        end = await asyncio.to_thread(settle, url)
        await server.stop("term")
        await fake.stop()

    processed = {e for (p, e) in end["processed"] if p == "telegram"}
    lost = sorted(answered - processed - {e for (p, e) in end["waiting"] if p == "telegram"})
    chats = Counter(str(d.get("chat_id")) for d in fake.of("sendMessage"))
    cards_missing = [e for e in answered & processed if chats.get(e.split(":")[0]) is None]
    twice = sum(1 for e in answered if chats.get(e.split(":")[0], 0) > 1)
    print(f"telegram drill · {args.mode} · {args.db} · kill -9 halfway · {args.updates} updates at {args.rate}/s")
    what = "confirmed by getUpdates" if args.mode == "polling" else "answered 200"
    print(f"  {what}: {len(answered)}; not answered {sum(refused.values())} {dict(refused)}")
    print(f"  restart to healthy {restart['start']:.2f} s; left in inbox {end['inbox']}, outbox {end['outbox']}")
    print(f"  ACKNOWLEDGED BUT LOST {len(lost)}; cards missing {len(cards_missing)}; chats carded twice {twice}")
    return not lost and not cards_missing and not end["inbox"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="platform", required=True)
    slack = sub.add_parser("slack")
    slack.add_argument("--rate", type=float, default=200)
    slack.add_argument("--seconds", type=float, default=60)
    slack.add_argument("--stop", choices=("kill", "term", "none"), default="kill")
    tg = sub.add_parser("telegram")
    tg.add_argument("--mode", choices=("polling", "webhook"), default="polling")
    tg.add_argument("--updates", type=int, default=300)
    tg.add_argument("--rate", type=float, default=50)
    pings = sub.add_parser("pings")
    pings.add_argument("--replicas", type=int, default=1, help="more than one runs on PostgreSQL and kills one")
    pings.add_argument("--cases", type=int, default=60)
    pings.add_argument("--seconds", type=float, default=30, help="new cases arrive over this long")
    pings.add_argument("--window", type=int, default=20, help="first-response window in seconds")
    pings.add_argument("--warn", default="25,50,75")
    pings.add_argument("--grace", type=float, default=15, help="seconds to wait after the last warning is due")
    outage = sub.add_parser("outage")
    outage.add_argument("--rate", type=float, default=10)
    outage.add_argument("--seconds", type=float, default=40)
    outage.add_argument("--outage", type=float, default=20, help="seconds Slack answers 503")
    for p in (slack, tg, pings, outage):
        p.add_argument("--db", choices=("sqlite", "postgres"), default="sqlite")
        p.add_argument("--seed", type=int, default=7)
        p.add_argument("--check", action="store_true", help="exit 1 when anything acknowledged was lost")
        p.add_argument("--log", type=int, default=0, help="print the last LOG characters of the servers' log")
    args = parser.parse_args()
    drills = {"slack": drill_slack, "telegram": drill_telegram, "pings": drill_pings, "outage": drill_outage}
    ok = asyncio.run(drills[args.platform](args))
    if args.check and not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
