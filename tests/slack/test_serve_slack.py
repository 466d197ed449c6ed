"""`bot serve` as a real process with Slack on: a signed shortcut becomes a card in the thread within a second."""

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import urllib.parse

import aiohttp

from tests.slack.conftest import REGULATOR_TEXT, shortcut, signed, slack_env
from tests.web.test_serve import free_port


async def test_bot_serve_answers_a_signed_shortcut_in_the_thread(tmp_path, fake_slack):
    port = free_port()
    env = {**os.environ, **slack_env(fake_slack), "DATABASE_URL": f"sqlite:///{tmp_path}/bot.db",
           "BOT_PORT": str(port), "BOT_HOST": "127.0.0.1"}
    proc = subprocess.Popen([sys.executable, "-m", "bot", "serve"], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    try:
        async with aiohttp.ClientSession() as http:
            for _ in range(100):
                try:
                    async with http.get(f"http://127.0.0.1:{port}/healthz") as resp:
                        if resp.status == 200:
                            break
                except aiohttp.ClientError:
                    await asyncio.sleep(0.1)
            body = urllib.parse.urlencode({"payload": json.dumps(shortcut(REGULATOR_TEXT, ts="42.1"))})
            started = time.monotonic()
            async with http.post(f"http://127.0.0.1:{port}/slack/events", data=body, headers={
                    "Content-Type": "application/x-www-form-urlencoded", **signed(body)}) as resp:
                assert resp.status == 200
            [post] = await fake_slack.wait("chat.postMessage", timeout=5)
            elapsed = time.monotonic() - started
        assert elapsed < 1.0, elapsed
        assert post["thread_ts"] == "42.1"
        assert "high_risk" in post["text"] and "12315" in post["text"] and "regulator" in post["text"]
        assert "regulator" in json.dumps(post["blocks"], ensure_ascii=False)
    finally:
        proc.send_signal(signal.SIGTERM)
        output = proc.communicate(timeout=10)[0].decode()
    assert proc.returncode == 0, output
    assert "Traceback" not in output
    assert "testtoken" not in output and "8f742231" not in output
