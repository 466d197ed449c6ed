"""`bot serve` as a real process, for the tests that check the whole program end to end."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys

import aiohttp


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def wait_healthy(base: str) -> None:
    """Until the server at `base` answers /healthz with 200 (about ten seconds at most)."""
    async with aiohttp.ClientSession() as http:
        for _ in range(100):
            try:
                async with http.get(f"{base}/healthz") as resp:
                    if resp.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)


@contextlib.asynccontextmanager
async def bot_serve(tmp_path, env: dict, *, secrets: tuple[str, ...] = ()):
    """Start `bot serve` with `env`, wait for /healthz, yield its base URL; on SIGTERM it must exit cleanly, secrets unprinted."""
    port = free_port()
    full_env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path}/bot.db", "BOT_PORT": str(port),
                "BOT_HOST": "127.0.0.1", **env}
    proc = subprocess.Popen([sys.executable, "-m", "bot", "serve"], env=full_env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    output = ""
    try:
        await wait_healthy(base)
        yield base
    finally:
        proc.send_signal(signal.SIGTERM)
        output = (await asyncio.to_thread(proc.communicate, timeout=10))[0].decode()
    assert proc.returncode == 0, output
    assert "Traceback" not in output
    for secret in secrets:
        assert secret not in output
