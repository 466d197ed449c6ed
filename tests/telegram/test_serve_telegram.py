"""`bot serve` as a real process with Telegram polling: a forwarded harm message gets a high-risk card within a second."""

import time

from tests.process import bot_serve
from tests.telegram.conftest import AGENT, HARM_TEXT, ORIGIN_USER, TOKEN, message, telegram_env


async def test_bot_serve_polls_and_answers_a_forwarded_message(tmp_path, fake_telegram):
    async with bot_serve(tmp_path, telegram_env(fake_telegram), secrets=(TOKEN,)):
        await fake_telegram.wait("deleteWebhook", timeout=10)
        started = time.monotonic()
        fake_telegram.push(message(HARM_TEXT, origin=ORIGIN_USER, message_id=31))
        [sent] = await fake_telegram.wait("sendMessage", timeout=5)
        elapsed = time.monotonic() - started
    assert elapsed < 1.0, elapsed
    assert int(sent["chat_id"]) == AGENT["id"]
    assert "high_risk" in sent["text"] and "拉肚子" in sent["text"] and "harm" in sent["text"] and "王 芳" in sent["text"]
