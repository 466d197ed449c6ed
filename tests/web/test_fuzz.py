"""Thousands of generated requests, commands and CLI lines: no 500, no crash, and a 4xx changes no row.

Inputs are built to break things: lone surrogates, NUL and other control characters, digit strings past
Python's int limit, ids past PostgreSQL's integer range, deep nesting, odd JSON types. Each test prints how
many inputs it sent (pytest -s shows it).
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import sys

from aiohttp.test_utils import TestClient, TestServer
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, literal, select, union_all

from bot.app import build_app, build_core
from bot.capabilities import build_registry
from bot.commands.parser import parse_command
from bot.events import ActionInvoked, CommandInvoked
from bot.messages import ActionId
from bot.store.schema import metadata
from bot.store.tables import AuditEntry
from tests.conftest import bearer, make_settings

NASTY = ["\ud800", "\udfff", "\x00", "\x07", "\u202e", "\ufffd", "9" * 5000, "2147483648", "99999999999999999999",
         "-1", "0", "1e309", "NaN", "#12", "¥", "１２", "²", "<script>", "'; DROP TABLE case; --", "🙂", "投诉",
         "12315", " ", "\n", "a" * 300]
text = st.one_of(st.sampled_from(NASTY), st.text(max_size=40),
                 st.lists(st.sampled_from(NASTY), max_size=4).map(" ".join))
json_value = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(min_value=-2**70, max_value=2**70),
                                    st.floats(allow_nan=False), text),
                          lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(text, inner, max_size=3)),
                          max_leaves=8)
COMMANDS = [c.name for c in build_registry().commands()]
command_line = st.builds(lambda name, args: f"/{name} {args}", st.sampled_from(COMMANDS + ["cs", "nope"]), text)
body = st.fixed_dictionaries({}, optional={
    "text": st.one_of(text, json_value), "command": st.one_of(command_line, json_value),
    "action": st.one_of(st.sampled_from([a.value for a in ActionId]), json_value),
    "value": st.one_of(text, json_value), "inputs": json_value, "event_id": st.one_of(text, json_value),
    "customer": st.one_of(json_value, st.fixed_dictionaries({}, optional={
        "id": text, "name": text, "vip_level": st.one_of(text, json_value), "annual_value": st.one_of(text, json_value)})),
    "name": st.one_of(text, json_value), "token": st.one_of(text, json_value), "upto": json_value})
request = st.tuples(st.sampled_from(["/api/messages", "/api/commands", "/api/actions", "/api/members", "/api/login",
                                     "/api/notices/read",
                                     "GET /api/cases/", "GET /api/feed?since="]), body,
                    st.one_of(st.none(), st.sampled_from(["[" * 3000, "{\"text\": \"\\ud800\"}", "\xff\xfe", "null"])))


def _counting_query():
    parts = [select(literal(t.name).label("name"), func.count().label("n")).select_from(t)
             for t in metadata.sorted_tables if t.name not in (AuditEntry.__tablename__, "processed_event")]
    audit = AuditEntry.__table__
    parts.append(select(literal("audit ok").label("name"), func.count().label("n")).select_from(audit)
                 .where(audit.c.outcome == "ok"))
    return union_all(*parts)


COUNTING = _counting_query()


def row_counts(engine) -> dict[str, int]:
    """Rows of every table, in one query; the audit log counts only what was done (a refusal is audited on
    purpose)."""
    with engine.connect() as conn:
        return {name: n for name, n in conn.execute(COUNTING)}


CORES: dict[int, object] = {}  # one bot a database, reused by every generated batch
SENT: dict[str, list[int]] = {}


async def _drive(engine, batch, tmp_path, clock) -> tuple[int, int]:
    if id(engine) not in CORES:
        CORES.clear()
        CORES[id(engine)] = build_core(make_settings(tmp_path, BOT_ADMINS="web:boss"), clock=clock, engine=engine,
                                       migrate=False)
    core = CORES[id(engine)]
    client = TestClient(TestServer(build_app(core, run_timers=False), host="127.0.0.1"), headers=bearer(core, "web:boss"))
    await client.start_server()
    sent = rejected = 0
    try:
        case = await client.post("/api/messages", json={"text": "我要投诉，给我退款", "customer": {"id": "C"}})
        assert case.status == 200
        for path, payload, raw in batch:
            before = row_counts(engine)
            if path.startswith("GET "):
                key = str(payload.get("value", ""))[:300] if isinstance(payload.get("value"), str) else "1"
                resp = await client.get(path[4:] + key.replace("\x00", "").encode("utf-8", "replace").decode())
            elif raw is not None:
                resp = await client.post(path, data=raw.encode("utf-8", "surrogatepass"),
                                         headers={"Content-Type": "application/json"})
            else:
                resp = await client.post(path, data=json.dumps(payload).encode(),
                                         headers={"Content-Type": "application/json"})
            sent += 1
            answer = await resp.text()
            assert resp.status < 500, (path, payload, raw, answer[:300])
            assert "Traceback" not in answer
            if resp.status >= 400:
                rejected += 1
                assert row_counts(engine) == before, (path, payload)
    finally:
        await client.close()
    return sent, rejected


@settings(max_examples=30, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large])
@given(batch=st.lists(request, min_size=20, max_size=20))
def test_the_api_never_fails_and_a_rejected_request_changes_nothing(engine, tmp_path, clock, batch):
    sent, rejected = asyncio.run(_drive(engine, batch, tmp_path, clock))
    totals = SENT.setdefault(engine.dialect.name, [0, 0])
    totals[0] += sent
    totals[1] += rejected
    print(f"\nAPI fuzz ({engine.dialect.name}) so far: {totals[0]} requests, {totals[1]} answered 4xx, 0 answered 5xx")


@settings(max_examples=400, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(line=st.one_of(command_line, text), button=st.tuples(st.sampled_from(list(ActionId)), text, json_value))
def test_every_surfaces_command_parser_and_the_core_never_fail(desk, engine, line, button):
    parsed = parse_command(line)
    events = []
    if parsed is not None:
        events.append(CommandInvoked(platform="slack", event_id=f"f{id(line)}{line[:20]!r}", member="slack:UFUZZ",
                                     name=parsed.name, args=parsed.args))
    action, value, inputs = button
    events.append(ActionInvoked(platform="telegram", event_id=f"b{value[:30]!r}{action}", member="telegram:42",
                                action=action, value=value,
                                inputs={str(k): str(v) for k, v in inputs.items()} if isinstance(inputs, dict) else {}))
    for event in events:
        before = row_counts(engine)
        out = desk.handle(event)
        assert all(o.error != "internal" for o in out), (event, [o.card.fallback for o in out])
        if any(o.error for o in out):
            after = row_counts(engine)
            after["member"] = before["member"]  # a platform member exists from their first event, refused or not
            assert after == before, event


CLI_LINES = st.one_of(
    json_value.map(json.dumps),
    st.builds(lambda i, t, extra: json.dumps({"id": i, "text": t, **extra}), json_value, st.one_of(text, json_value),
              st.dictionaries(st.sampled_from(["vip", "tier", "name", "annual_value"]), json_value, max_size=3)),
    st.sampled_from(["{broken", "[" * 2000, "", "\ufeff{}", '{"id": 1e309, "text": "x"}', '{"id": NaN, "text": "x"}']))
CLI_SENT: dict[str, int] = {}


@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(lines=st.lists(CLI_LINES, min_size=40, max_size=40))
def test_the_json_lines_cli_answers_every_line_with_strict_json(lines):
    """In-process, with the same byte streams a shell gives it: stdin bytes in, UTF-8 stdout out."""
    import io

    from bot import cli

    feed = "\n".join(lines).encode("utf-8", "surrogatepass") + b"\n\xff\xfe bytes\n"
    expected = sum(1 for line in feed.decode("utf-8", "replace").splitlines() if line.strip())
    for command in ("analyze", "suggest"):
        stdin = io.TextIOWrapper(io.BytesIO(feed), encoding="utf-8")
        stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", write_through=True)
        saved = sys.stdin, sys.stdout, list(logging.getLogger().handlers), os.environ.get("DATABASE_URL")
        sys.stdin, sys.stdout = stdin, stdout
        os.environ["DATABASE_URL"] = "sqlite:////nonexistent/none.db"  # the shipped engine, no database
        try:
            code = cli.main([command, "--jsonl"])
        finally:
            sys.stdin, sys.stdout, logging.getLogger().handlers[:] = saved[0], saved[1], saved[2]
            if saved[3] is None:
                os.environ.pop("DATABASE_URL", None)
            else:
                os.environ["DATABASE_URL"] = saved[3]
        assert code == 0
        out = stdout.buffer.getvalue().decode("utf-8").splitlines()
        assert len(out) == expected
        for line in out:
            json.loads(line, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))  # strict: no NaN
        CLI_SENT[command] = CLI_SENT.get(command, 0) + len(out)
    print(f"\nCLI fuzz so far: {CLI_SENT} lines answered, each strict JSON")
