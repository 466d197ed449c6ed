"""Customers' phone numbers never reach the log through Telegram, a database error included."""

from sqlalchemy import text

from tests.logcheck import MESSAGE, bot_logging, leaked
from tests.telegram.conftest import ORIGIN_USER, message


async def test_no_phone_number_reaches_the_log_from_telegram(telegram, capfd):
    client, core, fake = telegram
    with bot_logging():
        fake.push(message(MESSAGE, origin=ORIGIN_USER))
        await fake.wait("sendMessage")
        with core.engine.begin() as conn:
            conn.execute(text("ALTER TABLE case_message RENAME TO case_message_gone"))
        fake.push(message(MESSAGE + " 再说一遍", origin=ORIGIN_USER))
        await fake.wait("sendMessage", 2)
    out, err = capfd.readouterr()
    assert "case_message" in err and "Traceback" in err
    assert leaked(out + err) == []
