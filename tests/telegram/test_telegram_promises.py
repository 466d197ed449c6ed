"""The promises of issue 18 on Telegram, through the real python-telegram-bot stack and the fake Bot API: care
and an immediate ping for a crisis; split offers that add up go to a person with buttons; a reserved remedy is
not resolved below its tier; a reply that says "escalated" escalates when it is marked sent."""

from bot.cases.tables import Case
from tests.rows import rows
from tests.telegram.conftest import ADMIN, AGENT, ORIGIN_USER, callback, message

LEAD = {"id": 503, "is_bot": False, "first_name": "Lin"}
CRISIS = "我已经被你们逼得活不下去了，退款拖了三个月，真的不想活了"


def sends(fake, chat_id):
    return [m for m in fake.of("sendMessage") if int(m["chat_id"]) == chat_id]


async def test_the_promises_hold_on_telegram(telegram):
    client, core, fake = telegram

    async def say(text, sender, answer_has=""):
        """Send a command; return the first new message in the sender's chat that has `answer_has` (a late message
        from an earlier command is not taken for this one's answer)."""
        before = len(sends(fake, sender["id"]))

        def answers():
            return [m["text"] for m in sends(fake, sender["id"])[before:] if answer_has in m["text"]]
        fake.push(message(text, chat_id=sender["id"], sender=sender))
        await fake.wait_until(answers)
        return answers()[0]

    async def forward(text, case_id):
        fake.push(message(text, origin=ORIGIN_USER | {"sender_user": {"id": 7000 + case_id, "is_bot": False,
                                                                      "first_name": f"C{case_id}"}}))
        await fake.wait_until(lambda: any(f"Case #{case_id}" in m["text"] for m in sends(fake, AGENT["id"])))
        return next(m for m in sends(fake, AGENT["id"]) if f"Case #{case_id}" in m["text"])

    def buttons(sent):
        return [b["callback_data"] for row in (sent.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]

    await say("/help", LEAD)
    await say(f"/tier add lead telegram:{LEAD['id']}", ADMIN)
    await say("/authority set agent ¥120", ADMIN)
    await say("/authority reserve refund lead", ADMIN)

    card = await forward(CRISIS, 1)
    assert "12356" in card["text"] and not [b for b in buttons(card) if b.startswith("q")]  # no approval request
    await fake.wait_until(lambda: any("may harm themselves" in m["text"] for m in sends(fake, LEAD["id"])))

    await forward("我要投诉，东西坏了，给我补偿", 2)
    assert "granted" in await say("/offer 2 ¥100", AGENT, "Offer #1")
    assert "granted" in await say("/offer 2 ¥20", AGENT, "Offer #2")
    said = await say("/offer 2 ¥1", AGENT, "Offer #3:")
    assert "for approval" in said and "Asked: lead: Lin" in said
    await fake.wait_until(lambda: any("Approval needed" in m["text"] for m in sends(fake, LEAD["id"])))
    request = next(m for m in sends(fake, LEAD["id"]) if "Approval needed" in m["text"])
    assert any(b.startswith("y2:") for b in buttons(request)) and any(b.startswith("d2:") for b in buttons(request))

    refused = await say("/resolve 2 refunded type=refund amount=¥10", AGENT, "refund")
    assert "lead" in refused and [c.status for c in rows(core, Case) if c.id == 2] == ["open"]

    card = await forward("再不处理我就去12315投诉你们", 3)
    assert "升级" in card["text"] and "escalate the case to lead" in card["text"]
    sent_button = next(b for b in buttons(card) if b.startswith("m"))
    card_json = fake.message_json(AGENT["id"], card["text"], message_id=card["_message_id"])
    fake.push(callback(sent_button, card_json, query_id="q-sent"))
    await fake.wait_until(lambda: [c.tier_grade for c in rows(core, Case) if c.id == 3] == ["D"])
    assert [c.owner_id is not None and c.answered_at is not None for c in rows(core, Case) if c.id == 3] == [True]
