"""`bot serve` as a real process: it migrates, listens, answers /healthz, serves the console, and stops on SIGTERM."""

import aiohttp

from tests.process import bot_serve


async def test_serve_brings_the_console_up(tmp_path):
    async with bot_serve(tmp_path, {"BOT_ADMINS": "web:alice"}) as base, aiohttp.ClientSession() as http:
        async with http.get(f"{base}/healthz") as resp:
            assert await resp.json() == {"status": "ok", "db": "ok"}
        async with http.get(f"{base}/") as resp:
            assert "Complaint desk" in await resp.text()


async def test_a_fresh_install_prints_one_sign_in_link_for_the_first_admin(tmp_path):
    import asyncio
    import os
    import signal
    import subprocess
    import sys

    from tests.process import free_port, wait_healthy

    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/bot.db", "BOT_PORT": str(port), "BOT_HOST": "127.0.0.1",
           "BOT_ADMINS": "web:alice"}
    proc = subprocess.Popen([sys.executable, "-m", "bot", "serve"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        link = None
        for _ in range(200):
            line = (await asyncio.to_thread(proc.stdout.readline)).decode()
            if "/login#" in line:
                link = line.strip()
                break
        assert link and link.startswith(f"http://127.0.0.1:{port}/login#dl_")
        base, raw = link.split("/login#")
        await wait_healthy(base)
        async with aiohttp.ClientSession() as http:
            async with http.post(f"{base}/api/login", json={"token": raw}, headers={"Origin": base}) as resp:
                assert resp.status == 200 and (await resp.json())["member"] == {"ref": "web:alice", "name": "alice",
                                                                               "role": "admin"}
    finally:
        proc.send_signal(signal.SIGTERM)
        rest = (await asyncio.to_thread(proc.communicate, timeout=10))[0].decode()
    assert proc.returncode == 0 and "Traceback" not in rest
    assert raw not in rest  # the secret is printed once, never logged
