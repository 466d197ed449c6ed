"""`/report` on Telegram, through the real python-telegram-bot stack and the fake Bot API: the figures as a
message and the chart as a photo in the same chat."""

from tests.telegram.conftest import ADMIN, ORIGIN_USER, message

LEAD = {"id": 503, "is_bot": False, "first_name": "Lin"}


async def test_report_with_its_chart_on_telegram(telegram):
    client, core, fake = telegram

    async def say(text, sender):
        before = len([m for m in fake.of("sendMessage") if int(m["chat_id"]) == sender["id"]])
        fake.push(message(text, chat_id=sender["id"], sender=sender))
        await fake.wait_until(lambda: len([m for m in fake.of("sendMessage") if int(m["chat_id"]) == sender["id"]])
                              > before)
        return [m for m in fake.of("sendMessage") if int(m["chat_id"]) == sender["id"]][-1]["text"]

    await say("/help", LEAD)
    await say(f"/tier add lead telegram:{LEAD['id']}", ADMIN)
    fake.push(message("快递三天了还没到，物流一直不更新", origin=ORIGIN_USER))
    await fake.wait_until(lambda: any("Case #1" in m["text"] for m in fake.of("sendMessage")))

    said = await say("/report 7d", LEAD)
    assert "Cases opened: 1" in said and "delivery" in said
    [photo] = await fake.wait("sendPhoto")
    assert int(photo["chat_id"]) == LEAD["id"] and photo["photo"].startswith(b"\x89PNG")
    assert "report" in photo["caption"].lower()
