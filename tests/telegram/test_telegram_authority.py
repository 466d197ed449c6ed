"""The authority scenario on Telegram, through the real python-telegram-bot stack and the fake Bot API."""

from bot.authority.tables import Offer
from bot.cases.tables import CardRef
from tests.rows import count, rows
from tests.telegram.conftest import ADMIN, AGENT, ORIGIN_USER, callback, message

LEAD = {"id": 503, "is_bot": False, "first_name": "Lin"}
LEADS_GROUP = -100300


def sends(fake, chat_id):
    return [m for m in fake.of("sendMessage") if int(m["chat_id"]) == chat_id]


async def test_limits_offer_approval_and_audit_on_telegram(telegram):
    client, core, fake = telegram

    async def say(text, sender, chat_id=None, expect_in=None):
        chat_id = chat_id or sender["id"]
        before = len(sends(fake, expect_in or sender["id"]))
        fake.push(message(text, chat_id=chat_id, sender=sender))
        await fake.wait_until(lambda: len(sends(fake, expect_in or sender["id"])) > before)
        return sends(fake, expect_in or sender["id"])[-1]["text"]

    await say("/help", LEAD)
    assert "lead (D)" in await say(f"/tier add lead telegram:{LEAD['id']}", ADMIN)
    assert f"telegram:{LEADS_GROUP}" in await say("/tier notify lead here", ADMIN, chat_id=LEADS_GROUP,
                                                  expect_in=ADMIN["id"])
    await say("/authority set agent ¥100", ADMIN)
    await say("/authority set lead ¥1000", ADMIN)

    fake.push(message("我要投诉，东西坏了给我退款", origin=ORIGIN_USER))
    await fake.wait_until(lambda: any("CNY 100.00" in m["text"] for m in sends(fake, AGENT["id"])))
    card = next(m for m in sends(fake, AGENT["id"]) if "CNY 100.00" in m["text"])
    # the card's place is recorded once Telegram has taken it; later changes edit it in place
    await fake.wait_until(lambda: count(core, CardRef) == 1)
    assert "granted" in await say("/offer 1 ¥80", AGENT)

    # the Offer button asks with a reply prompt; the answer asks the lead tier for ¥500
    card_json = fake.message_json(AGENT["id"], card["text"], message_id=card["_message_id"])
    before = len(sends(fake, AGENT["id"]))
    fake.push(callback("o1", card_json, query_id="q-offer"))
    await fake.wait_until(lambda: len(sends(fake, AGENT["id"])) > before)
    prompt_call = sends(fake, AGENT["id"])[-1]
    assert "[offer 1]" in prompt_call["text"] and prompt_call["reply_markup"]["force_reply"] is True
    prompt = fake.message_json(AGENT["id"], prompt_call["text"].replace("<b>", "").replace("</b>", ""),
                               message_id=1500)
    fake.push(message("¥500 refund", reply_to=prompt))
    await fake.wait_until(lambda: sends(fake, LEADS_GROUP) and sends(fake, LEAD["id"])[1:])
    group_card = sends(fake, LEADS_GROUP)[-1]
    assert "CNY 500.00" in group_card["text"]
    assert "Approval needed" in sends(fake, LEAD["id"])[-1]["text"]
    [pending] = [o for o in rows(core, Offer) if o.status == "pending"]
    buttons = [b["callback_data"] for row in group_card["reply_markup"]["inline_keyboard"] for b in row]
    assert f"y1:{pending.id}" in buttons and f"d1:{pending.id}" in buttons

    before = len(sends(fake, AGENT["id"]))
    group_json = fake.message_json(LEADS_GROUP, group_card["text"], message_id=group_card["_message_id"])
    fake.push(callback(f"y1:{pending.id}", group_json, sender=LEAD, query_id="q-approve"))
    await fake.wait_until(lambda: any("approved by" in m["text"] for m in sends(fake, AGENT["id"])[before:]))
    await fake.wait_until(lambda: {int(e["message_id"]) for e in fake.of("editMessageText")
                                   if "CNY 500.00 refund · approved" in e["text"]}
                          >= {card["_message_id"], group_card["_message_id"]})
    assert [o.status for o in rows(core, Offer)] == ["granted", "approved"]

    assert "needs the admin role" in await say("/authority set agent ¥100000", AGENT)
    log = await say("/audit 50", ADMIN)
    for words in ("authority.set agent", "offer.grant", "offer.request", "offer.approve", "REFUSED"):
        assert words in log
