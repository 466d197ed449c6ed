"""A local aiohttp server that plays the Telegram Bot API (long-polled getUpdates included), recording every call."""

from __future__ import annotations

import asyncio
import json
import time

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from tests.fakes import RecordingFake

TOKEN = "123456:TEST-token-abc"
SECRET = "hook-secret_42"
BOT = {"id": 999, "is_bot": True, "first_name": "Desk", "username": "DeskBot", "can_join_groups": True,
       "can_read_all_group_messages": False, "supports_inline_queries": False}
AGENT = {"id": 501, "is_bot": False, "first_name": "Ann", "username": "ann"}
ADMIN = {"id": 502, "is_bot": False, "first_name": "Boss"}
HARM_TEXT = "宝宝喝了你们的奶粉以后一直拉肚子，现在在医院"


class FakeTelegram(RecordingFake):
    def __init__(self) -> None:
        super().__init__()
        self.updates: list[dict] = []
        self.failures: dict[str, list[dict]] = {}
        self.new_update = asyncio.Event()
        self._message_id = 1000
        self._update_id = 0
        self.server: TestServer | None = None

    @property
    def api_url(self) -> str:
        return str(self.server.make_url("/bot"))

    def fail(self, method: str, body: dict) -> None:
        self.failures.setdefault(method, []).append(body)

    def push(self, update: dict) -> dict:
        """Queue an update for getUpdates; returns it with its update_id."""
        self._update_id += 1
        update = {"update_id": self._update_id, **update}
        self.updates.append(update)
        self.new_update.set()
        return update

    def message_json(self, chat_id, text: str, *, sender: dict = BOT, message_id: int | None = None) -> dict:
        if message_id is None:
            self._message_id += 1
            message_id = self._message_id
        chat_id = int(chat_id)
        chat = {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"}
        if chat_id < 0:
            chat["title"] = "Support team"
        return {"message_id": message_id, "date": int(time.time()), "chat": chat, "from": sender, "text": text}

    async def api(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != TOKEN:
            return web.json_response({"ok": False, "error_code": 401, "description": "Unauthorized"}, status=401)
        method = request.match_info["method"]
        form = await request.post()
        data = {k: v for k, v in form.items()}
        for key in ("reply_markup", "commands", "allowed_updates", "reply_parameters"):
            if isinstance(data.get(key), str):
                data[key] = json.loads(data[key])
        if method != "getUpdates":
            self.record(method, data)
        if self.failures.get(method):
            body = self.failures[method].pop(0)
            return web.json_response(body, status=body.get("error_code", 400))
        if method == "getMe":
            return web.json_response({"ok": True, "result": BOT})
        if method == "getUpdates":
            offset = int(data.get("offset") or 0)
            timeout = float(data.get("timeout") or 0)
            deadline = time.monotonic() + timeout
            while True:
                ready = [u for u in self.updates if u["update_id"] >= offset]
                if ready or time.monotonic() >= deadline:
                    return web.json_response({"ok": True, "result": ready})
                self.new_update.clear()
                try:
                    await asyncio.wait_for(self.new_update.wait(), timeout=max(0.01, deadline - time.monotonic()))
                except TimeoutError:
                    pass
        if method == "sendMessage":
            sent = self.message_json(data["chat_id"], data["text"])
            data["_message_id"] = sent["message_id"]  # recorded too, so a test can press this message's buttons
            return web.json_response({"ok": True, "result": sent})
        if method == "sendPhoto":
            photo = form.get("photo")
            data["photo"] = photo.file.read() if hasattr(photo, "file") else photo  # the uploaded bytes
            sent = self.message_json(data["chat_id"], data.get("caption", ""))
            return web.json_response({"ok": True, "result": sent})
        if method in ("editMessageText", "editMessageReplyMarkup"):
            return web.json_response({"ok": True, "result": self.message_json(
                data["chat_id"], data.get("text", ""), message_id=int(data["message_id"]))})
        if method in ("deleteWebhook", "setWebhook", "setMyCommands", "answerCallbackQuery"):
            return web.json_response({"ok": True, "result": True})
        return web.json_response({"ok": False, "error_code": 404, "description": "Not Found: method not found"},
                                 status=404)


@pytest.fixture
async def fake_telegram():
    fake = FakeTelegram()
    app = web.Application()
    app.router.add_route("*", "/bot{token}/{method}", fake.api)
    fake.server = TestServer(app, host="127.0.0.1")
    await fake.server.start_server()
    yield fake
    await fake.server.close()


def telegram_env(fake: FakeTelegram, **more) -> dict:
    return {"TELEGRAM_BOT_TOKEN": TOKEN, "TELEGRAM_API_URL": fake.api_url, "BOT_ADMINS": f"telegram:{ADMIN['id']}",
            **more}


@pytest.fixture
async def telegram(fake_telegram, start_server):
    """(bot client, core, fake Bot API) with long polling on."""
    client, core = await start_server(**telegram_env(fake_telegram))
    await fake_telegram.wait("setMyCommands")
    return client, core, fake_telegram


_next_message = iter(range(1, 10**6))


def message(text: str, *, chat_id: int = AGENT["id"], sender: dict = AGENT, origin: dict | None = None,
            reply_to: dict | None = None, message_id: int | None = None) -> dict:
    chat = {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"}
    if chat_id > 0:
        chat["first_name"] = sender["first_name"]
    else:
        chat["title"] = "Support team"
    msg = {"message_id": message_id or next(_next_message), "date": int(time.time()), "chat": chat, "from": sender,
           "text": text}
    if text.startswith("/"):
        msg["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split(" ", 1)[0])}]
    if origin is not None:
        msg["forward_origin"] = {"date": int(time.time()) - 60, **origin}
    if reply_to is not None:
        msg["reply_to_message"] = reply_to
    return {"message": msg}


def callback(data: str, card: dict, *, sender: dict = AGENT, query_id: str = "cb-1") -> dict:
    return {"callback_query": {"id": query_id, "from": sender, "chat_instance": "ci", "data": data, "message": card}}


ORIGIN_USER = {"type": "user", "sender_user": {"id": 7001, "is_bot": False, "first_name": "王", "last_name": "芳"}}
