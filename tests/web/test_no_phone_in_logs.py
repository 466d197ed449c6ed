"""Customers' phone numbers never reach the log through the console or the CLI, a database error included."""

import subprocess
import sys

from sqlalchemy import text

from tests.logcheck import MESSAGE, bot_logging, leaked


async def test_no_phone_number_reaches_the_log_from_the_console(client, capfd):
    from bot.app import CORE_KEY

    core = client.server.app[CORE_KEY]
    with bot_logging():
        assert (await client.post("/api/messages", json={"text": MESSAGE, "customer": {"name": MESSAGE[:60]}})).status == 200
        with core.engine.begin() as conn:
            conn.execute(text("ALTER TABLE case_message RENAME TO case_message_gone"))
        resp = await client.post("/api/messages", json={"text": MESSAGE + " 再说", "customer": {"id": "C2"}})
        assert resp.status == 500 and MESSAGE not in await resp.text()
        assert (await client.post("/api/messages", data=MESSAGE.encode(), headers={"Content-Type": "application/json"})).status == 400
    out, err = capfd.readouterr()
    assert "case_message" in err and "Traceback" in err
    assert leaked(out + err) == []


def test_no_phone_number_reaches_the_log_from_the_cli(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "bot", "analyze", "--jsonl"], capture_output=True, timeout=60,
                          input=(MESSAGE + "\n{broken " + MESSAGE + "\n").encode(),
                          env={"DATABASE_URL": f"sqlite:///{tmp_path}/none.db", "PATH": "/usr/bin"})
    assert proc.returncode == 0
    assert leaked(proc.stderr.decode()) == []
