"""Customers' phone numbers never reach the log: a message full of them through Slack, including a request
whose signature fails (slack_bolt would log its whole body) and a database error (SQL logs its parameters)."""

import json

from sqlalchemy import text

from tests.logcheck import MESSAGE, bot_logging, leaked
from tests.slack.conftest import post_interactive, shortcut, signed


async def test_no_phone_number_reaches_the_log_from_slack(slack, capfd):
    client, core, fake = slack
    with bot_logging():
        await post_interactive(client, shortcut(MESSAGE, ts="900.1"))
        await fake.wait("chat.postMessage")
        body = "payload=" + json.dumps(shortcut(MESSAGE, ts="900.2"))
        headers = {**signed(body, secret="not-the-secret"), "Content-Type": "application/x-www-form-urlencoded"}
        assert (await client.post("/slack/events", data=body, headers=headers)).status == 401
        with core.engine.begin() as conn:  # the next message's write fails inside the database
            conn.execute(text("ALTER TABLE case_message RENAME TO case_message_gone"))
        await post_interactive(client, shortcut(MESSAGE + " 再说一遍", ts="900.3"))
        await fake.wait("chat.postEphemeral")
    out, err = capfd.readouterr()
    assert "case_message" in err and "Traceback" in err  # the database error was logged, with its SQL
    assert leaked(out + err) == []


def test_the_leak_check_and_the_redaction_see_every_format():
    from bot.logs import redact
    from tests.logcheck import PHONES

    assert leaked(MESSAGE) == PHONES  # the check would see each number if it were written
    for phone in PHONES:
        assert redact(f"call {phone} now") == "call [phone] now", phone
    assert redact("case 12 · timer 345 · score 45/100 · CNY 100.00") == "case 12 · timer 345 · score 45/100 · CNY 100.00"
