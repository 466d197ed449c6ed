"""`bot serve` as a real process with Slack on: a signed shortcut becomes a card in the thread within a second."""

import json
import time
import urllib.parse

import aiohttp

from tests.process import bot_serve
from tests.slack.conftest import BOT_TOKEN, REGULATOR_TEXT, SECRET, shortcut, signed, slack_env


async def test_bot_serve_answers_a_signed_shortcut_in_the_thread(tmp_path, fake_slack):
    async with bot_serve(tmp_path, slack_env(fake_slack), secrets=(BOT_TOKEN, SECRET)) as base, aiohttp.ClientSession() as http:
        body = urllib.parse.urlencode({"payload": json.dumps(shortcut(REGULATOR_TEXT, ts="42.1"))})
        started = time.monotonic()
        async with http.post(f"{base}/slack/events", data=body, headers={
                "Content-Type": "application/x-www-form-urlencoded", **signed(body)}) as resp:
            assert resp.status == 200
        [post] = await fake_slack.wait("chat.postMessage", timeout=5)
        elapsed = time.monotonic() - started
    assert elapsed < 1.0, elapsed
    assert post["thread_ts"] == "42.1"
    assert "high_risk" in post["text"] and "12315" in post["text"] and "regulator" in post["text"]
    assert "regulator" in json.dumps(post["blocks"], ensure_ascii=False)
