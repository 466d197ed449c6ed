"""`bot serve` as a real process: it migrates, listens, answers /healthz, serves the console, and stops on SIGTERM."""

import aiohttp

from tests.process import bot_serve


async def test_serve_brings_the_console_up(tmp_path):
    async with bot_serve(tmp_path, {"BOT_ADMINS": "web:alice"}) as base, aiohttp.ClientSession() as http:
        async with http.get(f"{base}/healthz") as resp:
            assert await resp.json() == {"status": "ok", "db": "ok"}
        async with http.get(f"{base}/") as resp:
            assert "Complaint desk" in await resp.text()
