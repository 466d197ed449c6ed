"""The real python-telegram-bot Application inside the bot's server, against a fake Bot API over real HTTP."""

from __future__ import annotations

import time
from datetime import timedelta

from sqlmodel import select

from bot.cases.tables import Case, CaseMessage, Customer, Note
from bot.store import db
from bot.store.tables import AuditEntry
from tests.rows import count, kept, rows
from tests.telegram.conftest import (
    ADMIN,
    AGENT,
    HARM_TEXT,
    ORIGIN_USER,
    SECRET,
    callback,
    message,
    telegram_env,
)

GROUP = -100200


def customers(core) -> list[str]:
    with db.session(core.engine) as s:
        return [c.display_name for c in s.exec(select(Customer).order_by(Customer.id))]


async def press_on_new_card(fake, data: str, query_id: str) -> None:
    """A forwarded complaint gets a card (message 1001 in the fake); then its button `data` is pressed."""
    fake.push(message("东西坏了，我要退货", origin=ORIGIN_USER))
    [sent] = await fake.wait("sendMessage")
    fake.push(callback(data, fake.message_json(sent["chat_id"], sent["text"], message_id=1001), query_id=query_id))


def assert_harm_card(sent: dict, chat_id: int) -> None:
    assert int(sent["chat_id"]) == chat_id and sent["parse_mode"] == "HTML"
    text = sent["text"]
    assert "🔴" in text and "HIGH RISK" in text and "high_risk" in text
    assert "拉肚子" in text and "harm" in text and "王 芳" in text
    assert {b["callback_data"] for row in sent["reply_markup"]["inline_keyboard"] for b in row} == {
        "t1", "n1", "o1", "e1", "r1", "m1", "v1", "l1", "c1"}


async def test_polling_forwarded_message_gets_a_high_risk_card_in_the_chat(telegram):
    client, core, fake = telegram
    started = time.monotonic()
    fake.push(message(HARM_TEXT, origin=ORIGIN_USER, message_id=11))
    [sent] = await fake.wait("sendMessage")
    assert time.monotonic() - started < 1.0
    assert_harm_card(sent, AGENT["id"])
    assert sent["reply_parameters"]["message_id"] == 11
    # the suggested reply sits in <pre>, which Telegram shows with a copy button; it greets the forward's sender
    assert "<pre>王 芳，您好。" in sent["text"]
    commands = fake.of("setMyCommands")
    assert {c.get("language_code") for c in commands} == {None, "zh"}
    zh = next(c for c in commands if c.get("language_code") == "zh")["commands"]
    assert any(c["command"] == "complaint" and "分析客户消息" in c["description"] and "分析客戶訊息" in c["description"]
               for c in zh)


async def test_webhook_checks_the_secret_and_answers_in_the_chat(fake_telegram, start_server):
    client, core = await start_server(**telegram_env(fake_telegram, TELEGRAM_WEBHOOK_URL="https://desk.example/telegram/webhook",
                                                     TELEGRAM_WEBHOOK_SECRET=SECRET))
    [hook] = await fake_telegram.wait("setWebhook")
    assert hook["secret_token"] == SECRET and hook["url"].endswith("/telegram/webhook")
    update = {"update_id": 5001, **message(HARM_TEXT, origin=ORIGIN_USER, message_id=21)}
    for headers in ({}, {"X-Telegram-Bot-Api-Secret-Token": "wrong"}):
        resp = await client.post("/telegram/webhook", json=update, headers=headers)
        assert resp.status == 403
    assert count(core, Case) == 0 and fake_telegram.of("sendMessage") == []

    started = time.monotonic()
    resp = await client.post("/telegram/webhook", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
    assert resp.status == 200
    [sent] = await fake_telegram.wait("sendMessage")
    assert time.monotonic() - started < 1.0
    assert_harm_card(sent, AGENT["id"])
    # Telegram redelivers an update it did not see acknowledged: still one case message and one card.
    await client.post("/telegram/webhook", json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
    await client.post("/telegram/webhook", json={"update_id": 5002, **message("/help")},
                      headers={"X-Telegram-Bot-Api-Secret-Token": SECRET})
    await fake_telegram.wait("sendMessage", 2)
    assert count(core, CaseMessage) == 1 and len(fake_telegram.of("sendMessage")) == 2


async def test_each_forward_origin_names_the_customer(telegram):
    client, core, fake = telegram
    fake.push(message("质量太差了，我要投诉", origin=ORIGIN_USER))
    fake.push(message("I want a refund now", origin={"type": "hidden_user", "sender_user_name": "Lee Hidden"}))
    fake.push(message("你們的客服太慢了", origin={"type": "chat", "sender_chat": {
        "id": -100300, "type": "supergroup", "title": "VIP 客戶群"}}))
    fake.push(message("這個商品有問題", origin={"type": "channel", "message_id": 77, "chat": {
        "id": -100400, "type": "channel", "title": "Deals Channel"}}))
    await fake.wait("sendMessage", 4)
    assert set(customers(core)) == {"王 芳", "Lee Hidden", "VIP 客戶群", "Deals Channel"}
    # The same channel post forwarded again is the same content: no second contact, the agent is told.
    fake.push(message("這個商品有問題", origin={"type": "channel", "message_id": 77, "chat": {
        "id": -100400, "type": "channel", "title": "Deals Channel"}}))
    sent = await fake.wait("sendMessage", 6)
    assert "already analysed" in sent[4]["text"] and count(core, CaseMessage) == 4


async def test_complaint_command_and_reply_with_complaint(telegram):
    client, core, fake = telegram
    fake.push(message("/complaint 再不退款我就去12315投诉"))
    [sent] = await fake.wait("sendMessage")
    assert "12315" in sent["text"] and "regulator" in sent["text"]

    customer_msg = {**message("我要找你们经理", origin=ORIGIN_USER, chat_id=GROUP)["message"], "message_id": 40}
    fake.push(message("/complaint", chat_id=GROUP, reply_to=customer_msg))
    sent = await fake.wait("sendMessage", 2)
    assert int(sent[1]["chat_id"]) == GROUP and sent[1]["reply_parameters"]["message_id"] == 40
    assert "经理" in sent[1]["text"] and customers(core)[-1] == "王 芳"


async def test_group_commands_addressed_to_the_bot_and_to_another_bot(telegram):
    client, core, fake = telegram
    fake.push(message("/complaint 太差了", chat_id=GROUP))
    await fake.wait("sendMessage")
    fake.push(message("/case@OtherBot 1", chat_id=GROUP))
    fake.push(message("/case@DeskBot 1", chat_id=GROUP))
    sent = await fake.wait("sendMessage", 2)
    assert "Case #1" in sent[1]["text"]
    # A plain (not forwarded) group message is chat between people, not for the bot.
    fake.push(message("lunch?", chat_id=GROUP))
    fake.push(message("/help@DeskBot", chat_id=GROUP))
    sent = await fake.wait("sendMessage", 3)
    assert "complaint" in sent[2]["text"]
    assert len(fake.of("sendMessage")) == 3 and count(core, CaseMessage) == 1


async def test_callback_is_answered_and_the_card_edited_in_place(telegram):
    client, core, fake = telegram
    await press_on_new_card(fake, "t1", "q-take")
    [answer] = await fake.wait("answerCallbackQuery")
    assert answer["callback_query_id"] == "q-take"
    [edit] = await fake.wait("editMessageText")
    assert int(edit["message_id"]) == 1001 and "Ann" in edit["text"]
    sent = await fake.wait("sendMessage", 2)
    assert "took ownership" in sent[1]["text"]


async def test_a_form_action_asks_with_force_reply_and_the_answer_reaches_the_core(telegram):
    client, core, fake = telegram
    await press_on_new_card(fake, "n1", "q-note")
    await fake.wait("answerCallbackQuery")
    prompt_call = (await fake.wait("sendMessage", 2))[1]
    assert prompt_call["reply_markup"]["force_reply"] is True and "[note 1]" in prompt_call["text"]
    assert count(core, Note) == 0
    prompt = fake.message_json(prompt_call["chat_id"], "✍️ Add a note · Case #1 [note 1]\nAnn, reply to this message with: Note",
                               message_id=1002)
    fake.push(message("客户同意换货", reply_to=prompt))
    [edit] = await fake.wait("editMessageText")
    assert int(edit["message_id"]) == 1001 and "Notes (1)" in edit["text"]
    assert count(core, Note) == 1


async def test_same_update_twice_is_one_case(telegram):
    client, core, fake = telegram
    update = message("我要投诉", origin=ORIGIN_USER, message_id=61)
    fake.push(update)
    await fake.wait("sendMessage")
    fake.push(update)  # a new update_id carrying the same message
    fake.push(message("/help"))
    await fake.wait("sendMessage", 2)
    assert count(core, CaseMessage) == 1 and len(fake.of("sendMessage")) == 2


async def test_flood_control_429_is_retried_after_retry_after(telegram):
    client, core, fake = telegram
    fake.fail("sendMessage", {"ok": False, "error_code": 429, "description": "Too Many Requests: retry after 1",
                              "parameters": {"retry_after": 1}})
    fake.push(message("我要投诉", origin=ORIGIN_USER))
    sent = await fake.wait("sendMessage", 2, timeout=8)
    assert sent[0]["text"] == sent[1]["text"]
    assert kept(core) == 0


async def test_a_send_that_still_fails_is_kept_and_sent_later(telegram, clock):
    client, core, fake = telegram
    fake.fail("sendMessage", {"ok": False, "error_code": 502, "description": "Bad Gateway"})
    fake.push(message("我要投诉你们", origin=ORIGIN_USER))
    await fake.wait_until(lambda: kept(core) == 1)
    clock.advance(timedelta(seconds=6))
    assert await core.runner.run_due() == 1
    sent = await fake.wait("sendMessage", 2)
    assert "Case #1" in sent[1]["text"]


async def test_other_bots_are_ignored(telegram):
    client, core, fake = telegram
    other = {"id": 777, "is_bot": True, "first_name": "Spam"}
    fake.push(message("我要投诉", sender=other, chat_id=GROUP, origin=ORIGIN_USER))
    fake.push(message("/help"))
    await fake.wait("sendMessage")
    assert len(fake.of("sendMessage")) == 1 and count(core, Case) == 0


async def test_admin_command_refused_privately_and_audited(telegram):
    client, core, fake = telegram
    fake.push(message("/role grant telegram:501 admin", chat_id=GROUP))
    [sent] = await fake.wait("sendMessage")
    assert int(sent["chat_id"]) == AGENT["id"] and "needs the admin role" in sent["text"]
    with db.session(core.engine) as s:
        assert [e.actor for e in s.exec(select(AuditEntry).where(AuditEntry.outcome == "refused"))] == ["telegram:501"]
    # When the member has not started the bot, the refusal falls back to a reply in the group.
    fake.fail("sendMessage", {"ok": False, "error_code": 403, "description": "Forbidden: bot can't initiate conversation"})
    fake.push(message("/role grant telegram:501 admin", chat_id=GROUP))
    sent = await fake.wait("sendMessage", 3)
    assert int(sent[2]["chat_id"]) == GROUP and "needs the admin role" in sent[2]["text"]
    fake.push(message("/role grant telegram:501 lead", sender=ADMIN, chat_id=ADMIN["id"]))
    sent = await fake.wait("sendMessage", 4)
    assert "agent → lead" in sent[3]["text"]


async def test_level_wrong_asks_with_force_reply_and_the_answer_corrects_the_case(telegram):
    client, core, fake = telegram
    await press_on_new_card(fake, "c1", "q-level")
    await fake.wait("answerCallbackQuery")
    prompt_call = (await fake.wait("sendMessage", 2))[1]
    assert prompt_call["reply_markup"]["force_reply"] is True and "[level 1]" in prompt_call["text"]
    prompt = fake.message_json(prompt_call["chat_id"], "✍️ Level wrong? · Case #1 [level 1]\nAnn, reply with: The right level",
                               message_id=1002)
    fake.push(message("high_risk", reply_to=prompt))
    [edit] = await fake.wait("editMessageText")
    assert int(edit["message_id"]) == 1001 and "raised by" in edit["text"]
    from bot.risk.tables import LabelledExample

    [example] = rows(core, LabelledExample)
    assert example.level == "high_risk" and example.text == "东西坏了，我要退货"
    assert any(a.action == "case.level" and a.new_value == "high_risk" for a in rows(core, AuditEntry))
    with db.session(core.engine) as s:
        assert s.exec(select(Case.level)).one() == "high_risk"



async def test_a_member_whose_telegram_speaks_traditional_chinese_reads_the_bot_in_it(telegram):
    client, core, fake = telegram
    mei = {"id": 503, "is_bot": False, "first_name": "美", "language_code": "zh-hant"}
    fake.push(message("東西壞了，我要退貨", chat_id=mei["id"], sender=mei, origin=ORIGIN_USER))
    [sent] = await fake.wait("sendMessage")
    assert "<b>客戶原話</b>" in sent["text"] and "案件 #1" in sent["text"]
    labels = {b["text"] for row in sent["reply_markup"]["inline_keyboard"] for b in row}
    assert {"接手", "結案", "補償"} <= labels
    assert "<blockquote expandable>" in sent["text"]  # the detail is folded, as in the console
    # The offer form is asked for in one line, in her language.
    fake.push(callback("o1", fake.message_json(sent["chat_id"], sent["text"], message_id=1001), sender=mei,
                       query_id="q-offer"))
    prompt = (await fake.wait("sendMessage", 2))[1]
    assert "[offer 1]" in prompt["text"] and "案件 #1" in prompt["text"] and "請回覆此訊息" in prompt["text"]
    assert "金額和類型" in prompt["text"]
    assert prompt["reply_markup"]["input_field_placeholder"].startswith("金額和類型")
