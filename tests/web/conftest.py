"""A real bot server (the same aiohttp app `bot serve` runs) on a free local port."""

import pytest
from aiohttp.test_utils import TestClient, TestServer

from bot.app import build_app, build_core
from bot.config import Settings


def make_settings(tmp_path, **env) -> Settings:
    return Settings(_env_file=None, DATABASE_URL=f"sqlite:///{tmp_path / 'bot.db'}", **env)


@pytest.fixture
async def start_server(tmp_path, clock):
    started = []

    async def start(**env):
        core = build_core(make_settings(tmp_path, **env), clock=clock)
        server = TestServer(build_app(core), host="127.0.0.1")
        client = TestClient(server)
        await client.start_server()
        started.append(client)
        return client, core

    yield start
    for client in started:
        await client.close()


@pytest.fixture
async def client(start_server):
    client, _ = await start_server(BOT_ADMINS="web:alice")
    return client
