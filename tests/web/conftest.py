"""The console tests talk to the real bot server started by `start_server` (tests/conftest.py)."""

import pytest


@pytest.fixture
async def client(start_server):
    client, _ = await start_server(BOT_ADMINS="web:alice", as_member="web:alice")
    return client
