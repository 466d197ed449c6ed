"""A local aiohttp server that plays the Slack Web API (and a Socket Mode WebSocket), recording every call."""

from __future__ import annotations

import asyncio
import json
import time
import urllib.parse

import pytest
from aiohttp import WSMsgType, web
from aiohttp.test_utils import TestServer
from slack_sdk.signature import SignatureVerifier

from tests.fakes import RecordingFake

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
BOT_TOKEN = "xoxb-111-222-testtoken"
APP_TOKEN = "xapp-1-A111-222-apptoken"
BOT_USER, BOT_ID, ADMIN, AGENT = "UBOT", "BBOT", "UADMIN", "UAGENT"
REGULATOR_TEXT = "再不给我退款我就去12315投诉你们"


class FakeSlack(RecordingFake):
    def __init__(self) -> None:
        super().__init__()
        self.failures: dict[str, list[tuple[int, dict, dict]]] = {}
        self.threads: dict[str, dict] = {}  # thread ts -> parent message, for conversations.replies
        self.history: dict[str, list[dict]] = {}  # channel -> the bot's posts, newest first
        self.users: dict[str, dict] = {}  # user id -> users.info's user object
        self.uploads: dict[str, bytes] = {}  # file id -> what was uploaded
        self.envelopes: asyncio.Queue[dict] = asyncio.Queue()
        self.acks: list[dict] = []
        self._ts = 1700000000
        self.server: TestServer | None = None

    # -- scripting ----------------------------------------------------------------------------------
    def fail(self, method: str, *, status: int = 200, body: dict | None = None, headers: dict | None = None,
             landed: bool = False) -> None:
        """Answer the next call of `method` with this instead of success; `landed`: a post that landed all the
        same (its answer was lost on the way)."""
        self.failures.setdefault(method, []).append((status, body or {"ok": False, "error": "fatal_error"},
                                                     headers or {}, landed))


    def _post(self, data: dict) -> str:
        """A new message of the bot's in its conversation's history; returns its ts."""
        self._ts += 1
        ts = f"{self._ts}.000100"
        self.history.setdefault(data.get("channel"), []).insert(0, {
            "ts": ts, "text": data.get("text"), "thread_ts": data.get("thread_ts"), "metadata": data.get("metadata")})
        return ts

    @property
    def api_url(self) -> str:
        return str(self.server.make_url("/api/"))

    # -- the Web API ------------------------------------------------------------------------------------
    async def api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        raw = await request.text()
        if request.content_type == "application/json":
            data = json.loads(raw or "{}")
        else:
            data = {k: v for k, v in urllib.parse.parse_qsl(raw)}
            data.update(request.query)
        data["_auth"] = request.headers.get("Authorization", "")
        self.record(method, data)
        if self.failures.get(method):
            status, body, headers, landed = self.failures[method].pop(0)
            if landed:
                self._post(data)
            return web.json_response(body, status=status, headers=headers)
        if method == "auth.test":
            return web.json_response({"ok": True, "team_id": "T1", "user_id": BOT_USER, "bot_id": BOT_ID,
                                      "url": "https://example.slack.com/", "team": "Test"})
        if method == "chat.postMessage":
            return web.json_response({"ok": True, "channel": data.get("channel"), "ts": self._post(data)})
        if method == "conversations.history":
            posts = [m for m in self.history.get(data.get("channel"), []) if not m.get("thread_ts")]
            return web.json_response({"ok": True, "messages": posts})
        if method == "chat.update":
            return web.json_response({"ok": True, "channel": data.get("channel"), "ts": data.get("ts")})
        if method == "chat.postEphemeral":
            return web.json_response({"ok": True, "message_ts": f"{self._ts}.000200"})
        if method == "views.open":
            return web.json_response({"ok": True, "view": {"id": "V1"}})
        if method == "views.publish":
            view = json.loads(data["view"]) if isinstance(data.get("view"), str) else data.get("view")
            return web.json_response({"ok": True, "view": {"id": "VH", "type": view.get("type")}})
        if method == "conversations.replies":
            parent = self.threads.get(data.get("ts"))
            replies = [m for m in self.history.get(data.get("channel"), []) if m.get("thread_ts") == data.get("ts")]
            return web.json_response({"ok": True, "messages": ([parent] if parent else []) + replies})
        if method == "users.info":
            user = self.users.get(data.get("user"))
            if user is None:
                return web.json_response({"ok": False, "error": "user_not_found"})
            return web.json_response({"ok": True, "user": user})
        if method == "conversations.open":
            return web.json_response({"ok": True, "channel": {"id": "D" + str(data.get("users", ""))[1:]}})
        if method == "files.getUploadURLExternal":
            self._ts += 1
            return web.json_response({"ok": True, "file_id": f"F{self._ts}",
                                      "upload_url": str(self.server.make_url(f"/upload/F{self._ts}"))})
        if method == "files.completeUploadExternal":
            files = data.get("files")
            files = json.loads(files) if isinstance(files, str) else files
            return web.json_response({"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]})
        if method == "apps.connections.open":
            return web.json_response({"ok": True, "url": str(self.server.make_url("/link")).replace("http", "ws")})
        return web.json_response({"ok": False, "error": "unknown_method"})

    async def upload(self, request: web.Request) -> web.Response:
        """Where files.getUploadURLExternal sends the bytes; the file is kept under its id."""
        body = await request.read()
        self.uploads[request.match_info["file_id"]] = body
        self.record("upload", {"file_id": request.match_info["file_id"], "bytes": len(body)})
        return web.Response(text="OK - " + str(len(body)))

    # -- Socket Mode ----------------------------------------------------------------------------------
    async def link(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_json({"type": "hello", "num_connections": 1, "debug_info": {"host": "fake"},
                            "connection_info": {"app_id": "A1"}})

        async def pump():
            while True:
                await ws.send_json(await self.envelopes.get())

        task = asyncio.create_task(pump())
        try:
            async for msg in ws:
                if msg.type == WSMsgType.TEXT:
                    self.acks.append(json.loads(msg.data))
                    self.changed.set()
        finally:
            task.cancel()
        return ws


@pytest.fixture
async def fake_slack():
    fake = FakeSlack()
    app = web.Application()
    app.router.add_route("*", "/api/{method}", fake.api)
    app.router.add_get("/link", fake.link)
    app.router.add_post("/upload/{file_id}", fake.upload)
    fake.server = TestServer(app, host="127.0.0.1")
    await fake.server.start_server()
    yield fake
    await fake.server.close()


def slack_env(fake: FakeSlack, **more) -> dict:
    return {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": fake.api_url,
            "BOT_ADMINS": f"slack:{ADMIN}", **more}


@pytest.fixture
async def slack(fake_slack, start_server):
    """(bot client, core, fake Slack) with the Events API on."""
    client, core = await start_server(**slack_env(fake_slack))
    return client, core, fake_slack


def signed(body: str, *, secret: str = SECRET, timestamp: int | None = None) -> dict:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    return {"X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)}


async def post_event(client, event: dict, *, event_id: str, retry: int | None = None, **sign):
    body = json.dumps({"token": "x", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
                       "event_id": event_id, "event_time": int(time.time()), "event": event,
                       "authorizations": [{"team_id": "T1", "user_id": BOT_USER, "is_bot": True}]})
    headers = {"Content-Type": "application/json", **signed(body, **sign)}
    if retry is not None:
        headers.update({"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"})
    return await client.post("/slack/events", data=body, headers=headers)


async def post_interactive(client, payload: dict, **sign):
    body = urllib.parse.urlencode({"payload": json.dumps(payload)})
    return await client.post("/slack/events", data=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", **signed(body, **sign)})


async def post_command(client, text: str, *, user: str = AGENT, channel: str = "C1", trigger: str = "T-cmd", **sign):
    body = urllib.parse.urlencode({"command": "/cs", "text": text, "user_id": user, "user_name": user.lower(),
                                   "channel_id": channel, "team_id": "T1", "trigger_id": trigger,
                                   "response_url": "http://127.0.0.1:9/hook"})
    return await client.post("/slack/events", data=body, headers={
        "Content-Type": "application/x-www-form-urlencoded", **signed(body, **sign)})


async def ask(client, fake, text: str, user: str, trigger: str) -> str:
    """Run a slash command and return the member's own ephemeral answer (another member's may land meanwhile)."""
    before = len(fake.of("chat.postEphemeral"))
    await post_command(client, text, user=user, trigger=trigger)

    def mine():
        return [e for e in fake.of("chat.postEphemeral")[before:] if e["user"] == user]
    await fake.wait_until(mine)
    return mine()[-1]["text"]


def shortcut(text: str, *, ts: str, author: str = "UCUST", user: str = AGENT, channel: str = "C1",
             trigger: str = "T-1", thread_ts: str | None = None) -> dict:
    message = {"type": "message", "user": author, "ts": ts, "text": text}
    if thread_ts:
        message["thread_ts"] = thread_ts
    return {"type": "message_action", "callback_id": "analyze_complaint", "trigger_id": trigger,
            "team": {"id": "T1"}, "user": {"id": user, "name": user.lower()}, "channel": {"id": channel},
            "message": message, "response_url": "http://127.0.0.1:9/hook"}


def button(action: str, value: str, *, channel: str, ts: str, user: str = AGENT, trigger: str = "T-b",
           ephemeral: bool = False) -> dict:
    return {"type": "block_actions", "trigger_id": trigger, "team": {"id": "T1"},
            "user": {"id": user, "name": user.lower()},
            "container": {"type": "message", "channel_id": channel, "message_ts": ts, "is_ephemeral": ephemeral},
            "channel": {"id": channel}, "message": {"ts": ts, "text": "card"},
            "actions": [{"action_id": action, "value": value, "type": "button", "block_id": "card_actions",
                         "action_ts": "1.2"}]}
