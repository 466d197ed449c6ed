"""The real slack-bolt AsyncApp inside the bot's server, driven by signed HTTP requests, against a fake Web API."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from datetime import timedelta

from sqlmodel import select

from bot.cases.tables import CardRef, Case, CaseMessage, Note
from bot.messages import direct
from bot.store import db
from bot.store.tables import AuditEntry, Timer
from tests.rows import count, kept, rows
from tests.slack.conftest import (
    ADMIN,
    AGENT,
    APP_TOKEN,
    BOT_ID,
    BOT_USER,
    REGULATOR_TEXT,
    button,
    post_command,
    post_event,
    post_interactive,
    shortcut,
    signed,
    slack_env,
)


def card_places(core) -> list[tuple[str, str]]:
    with db.session(core.engine) as s:
        return [(r.channel, r.message_id) for r in s.exec(select(CardRef))]


def blocks_text(call: dict) -> str:
    return json.dumps(call.get("blocks") or [], ensure_ascii=False)


async def test_shortcut_posts_a_block_kit_card_in_the_thread(slack):
    client, core, fake = slack
    started = time.monotonic()
    resp = await post_interactive(client, shortcut(REGULATOR_TEXT, ts="100.1"))
    assert resp.status == 200
    [post] = await fake.wait("chat.postMessage")
    assert time.monotonic() - started < 1.0
    assert post["channel"] == "C1" and post["thread_ts"] == "100.1"
    assert "high_risk" in post["text"] and "12315" in post["text"]
    blocks = blocks_text(post)
    assert "🔴" in blocks and "12315" in blocks and "regulator" in blocks
    assert post["blocks"][0]["type"] == "header"
    preformatted = [e for b in post["blocks"] if b["type"] == "rich_text" for e in b["elements"]]
    assert preformatted and preformatted[0]["type"] == "rich_text_preformatted"
    assert "您好" in preformatted[0]["elements"][0]["text"]  # the suggested reply, ready to copy
    actions = next(b for b in post["blocks"] if b["type"] == "actions")
    assert {e["action_id"] for e in actions["elements"]} == {"take", "note", "offer", "escalate", "resolve",
                                                                     "sent", "another", "lint", "level"}
    assert all(len(e["value"]) < 20 for e in actions["elements"])
    assert post["_auth"].endswith("testtoken")


async def test_second_message_from_the_customer_lands_on_the_case_and_a_button_updates_its_card(slack):
    client, core, fake = slack
    await post_interactive(client, shortcut("我的订单一直没发货", ts="200.1", trigger="T-a"))
    await fake.wait("chat.postMessage")
    await fake.wait_until(lambda: count(core, CardRef) == 1)
    await post_interactive(client, shortcut("还是没有发货，怎么回事", ts="201.1", trigger="T-b"))
    posts = await fake.wait("chat.postMessage", 2)
    # One live card per channel: the ref now points at the newest card.
    await fake.wait_until(lambda: card_places(core) == [("C1", "1700000002.000100")])
    second = posts[1]
    assert second["thread_ts"] == "201.1"
    assert "contacts: 2" in second["text"]
    # The first card, in the first message's thread, was brought up to date before it was superseded.
    [update] = await fake.wait("chat.update")
    assert update["ts"] == "1700000001.000100" and "contacts: 2" in update["text"]
    assert count(core, Case) == 1 and count(core, CaseMessage) == 2

    resp = await post_interactive(client, button("take", "1", channel="C1", ts="1700000002.000100"))
    assert resp.status == 200
    updates = await fake.wait("chat.update", 2)
    assert updates[1]["ts"] == "1700000002.000100" and "owner: uagent" in updates[1]["text"]
    joins, took = await fake.wait("chat.postEphemeral", 2)
    assert "joins" in joins["text"] and "case #1" in joins["text"]  # the second message is not a new case
    assert took["user"] == AGENT and "took ownership" in took["text"]
    assert len(fake.of("chat.update")) == 2


async def test_the_same_message_analysed_twice_is_one_contact(slack):
    client, core, fake = slack
    await post_interactive(client, shortcut("质量太差了", ts="300.1", trigger="T-1"))
    await fake.wait("chat.postMessage")
    await post_interactive(client, shortcut("质量太差了", ts="300.1", trigger="T-2"))
    ephemerals = await fake.wait("chat.postEphemeral", 2)
    assert "already analysed" in ephemerals[0]["text"]
    assert count(core, CaseMessage) == 1 and len(fake.of("chat.postMessage")) == 1


async def test_mention_with_text_and_mention_under_a_customer_message(slack):
    client, core, fake = slack
    await post_event(client, {"type": "app_mention", "user": AGENT, "channel": "C2", "ts": "400.1",
                              "text": f"<@{BOT_USER}> 你们再不处理我就发微博曝光"}, event_id="Ev1")
    [post] = await fake.wait("chat.postMessage")
    assert post["channel"] == "C2" and post["thread_ts"] == "400.1"
    assert "微博" in post["text"]

    fake.threads["500.1"] = {"type": "message", "user": "UCUST2", "ts": "500.1",
                             "text": "I will file a chargeback with my bank if this is not fixed"}
    await post_event(client, {"type": "app_mention", "user": AGENT, "channel": "C2", "ts": "500.9",
                              "thread_ts": "500.1", "text": f"<@{BOT_USER}>"}, event_id="Ev2")
    posts = await fake.wait("chat.postMessage", 2)
    assert fake.of("conversations.replies")[0]["ts"] == "500.1"
    assert posts[1]["thread_ts"] == "500.1" and "chargeback" in posts[1]["text"]


async def test_direct_message_is_answered_in_the_dm(slack):
    client, core, fake = slack
    await post_event(client, {"type": "message", "channel_type": "im", "user": AGENT, "channel": "D1",
                              "ts": "600.1", "text": "客户说：我要投诉，三天了还没退款"}, event_id="Ev3")
    [post] = await fake.wait("chat.postMessage")
    assert post["channel"] == "D1" and post.get("thread_ts") is None
    assert count(core, Case) == 1


async def test_slash_command_complaint_and_help(slack):
    client, core, fake = slack
    resp = await post_command(client, "complaint 客户说要去消协投诉", trigger="T-c1")
    assert resp.status == 200
    [post] = await fake.wait("chat.postMessage")
    assert post["channel"] == "C1" and "消协" in post["text"]
    await post_command(client, "help", trigger="T-c2")
    [ephemeral] = await fake.wait("chat.postEphemeral")
    assert ephemeral["user"] == AGENT and "note <case> <text>" in ephemeral["text"]
    await post_command(client, "case 999", trigger="T-c3")
    ephemerals = await fake.wait("chat.postEphemeral", 2)
    assert "999" in ephemerals[1]["text"] and len(fake.of("chat.postMessage")) == 1


async def test_a_button_with_a_form_opens_a_modal_and_the_submission_reaches_the_core(slack):
    client, core, fake = slack
    await post_interactive(client, shortcut("东西坏了", ts="700.1"))
    [post] = await fake.wait("chat.postMessage")
    card_ts = "1700000001.000100"
    await post_interactive(client, button("note", "1", channel="C1", ts=card_ts, trigger="T-note"))
    [opened] = await fake.wait("views.open")
    view = opened["view"]
    assert opened["trigger_id"] == "T-note" and view["callback_id"] == "form:note"
    assert count(core, Note) == 0  # nothing happens until the modal is submitted

    submission = {"type": "view_submission", "team": {"id": "T1"}, "user": {"id": AGENT, "name": "uagent"},
                  "trigger_id": "T-sub",
                  "view": {"id": "V42", "type": "modal", "callback_id": view["callback_id"], "private_metadata": view["private_metadata"],
                           "state": {"values": {"text": {"text": {"type": "plain_text_input",
                                                                  "value": "客户同意等两天"}}}}}}
    resp = await post_interactive(client, submission)
    assert resp.status == 200
    [update] = await fake.wait("chat.update")
    assert update["ts"] == card_ts and "Notes (1)" in blocks_text(update)
    assert count(core, Note) == 1


async def test_bad_signature_and_stale_timestamp_are_refused_without_side_effects(slack):
    client, core, fake = slack
    resp = await post_interactive(client, shortcut(REGULATOR_TEXT, ts="800.1"), secret="wrong-secret")
    assert resp.status == 401
    resp = await post_interactive(client, shortcut(REGULATOR_TEXT, ts="800.2"), timestamp=int(time.time()) - 6 * 60)
    assert resp.status == 401
    assert fake.of("chat.postMessage") == [] and count(core, Case) == 0


async def test_retried_event_makes_one_case_and_one_card(slack):
    client, core, fake = slack
    event = {"type": "app_mention", "user": AGENT, "channel": "C3", "ts": "900.1",
             "text": f"<@{BOT_USER}> 我要去法院起诉你们"}
    for retry in (None, 1, 2):
        resp = await post_event(client, event, event_id="EvSame", retry=retry)
        assert resp.status == 200
    await fake.wait("chat.postMessage")
    await post_command(client, "help", trigger="T-later")  # a later request, to let any straggler finish
    await fake.wait("chat.postEphemeral")
    assert len(fake.of("chat.postMessage")) == 1 and count(core, CaseMessage) == 1


async def test_rate_limited_post_is_retried_after_retry_after(slack):
    client, core, fake = slack
    fake.fail("chat.postMessage", status=429, body={"ok": False, "error": "ratelimited"}, headers={"Retry-After": "0"})
    await post_interactive(client, shortcut("太慢了，投诉", ts="1000.1"))
    posts = await fake.wait("chat.postMessage", 2)
    assert posts[0]["text"] == posts[1]["text"]
    # delivered by the retry handler: the card's outbox row is finished, no retry row written
    await fake.wait_until(lambda: kept(core, "pending", "claimed", "done") == 0)


async def test_a_post_that_still_fails_is_kept_and_sent_later(slack, clock):
    client, core, fake = slack
    fake.fail("chat.postMessage", body={"ok": False, "error": "fatal_error"})
    await post_interactive(client, shortcut("我要投诉你们的服务", ts="1100.1"))
    await fake.wait_until(lambda: kept(core) == 1)
    with db.session(core.engine) as s:
        [row] = s.exec(select(Timer).where(Timer.kind == "outbox")).all()
    assert row.status == "pending"
    assert await core.runner.run_due() == 0  # not due yet
    clock.advance(timedelta(seconds=6))
    assert await core.runner.run_due() == 1
    posts = await fake.wait("chat.postMessage", 2)
    assert posts[1]["thread_ts"] == "1100.1" and "Case #1" in posts[1]["text"]
    await fake.wait_until(lambda: count(core, CardRef) == 1)
    # The resent card's place is recorded: the next change edits it.
    await post_interactive(client, button("take", "1", channel="C1", ts="x", trigger="T-t"))
    updates = await fake.wait("chat.update", 2)
    assert "1700000001.000100" in {u["ts"] for u in updates}


async def test_a_post_that_landed_though_its_answer_was_lost_is_not_posted_again(slack, clock):
    client, core, fake = slack
    fake.fail("chat.postMessage", body={"ok": False, "error": "fatal_error"}, landed=True)
    await post_interactive(client, shortcut("我要投诉你们的服务", ts="1150.1"))
    await fake.wait_until(lambda: kept(core) == 1)
    [first] = fake.of("chat.postMessage")
    metadata = first["metadata"]
    assert metadata["event_type"] == "complaint_desk_message" and metadata["event_payload"]["case"] == 1
    assert "投诉" not in json.dumps(metadata, ensure_ascii=False)  # no customer's words in what other apps see
    clock.advance(timedelta(seconds=6))
    assert await core.runner.run_due() == 1
    [look] = await fake.wait("conversations.replies")
    assert look["ts"] == "1150.1" and look["include_all_metadata"] in (True, "true", "1")
    assert len(fake.of("chat.postMessage")) == 1  # it had landed: found, not posted again
    await fake.wait_until(lambda: kept(core, "pending", "claimed") == 0)
    await fake.wait_until(lambda: count(core, CardRef) == 1)
    # Where it landed is recorded: the next change edits that message.
    await post_interactive(client, button("take", "1", channel="C1", ts="x", trigger="T-t2"))
    updates = await fake.wait("chat.update", 2)
    assert "1700000001.000100" in {u["ts"] for u in updates}


async def test_a_direct_message_sent_again_is_looked_for_in_the_dm_and_posted_when_slack_cannot_say(slack):
    client, core, fake = slack
    port = core.ports["slack"]
    again = replace(direct(f"slack:{AGENT}", "Case #3: first response due soon", case_id=3), kept=41, again=True)
    fake._post({"channel": "D" + AGENT[1:], "text": "earlier", "metadata": {
        "event_type": "complaint_desk_message", "event_payload": {"kept": 41, "case": 3}}})
    ref = await port.deliver(again)
    assert ref.channel == "D" + AGENT[1:] and fake.of("chat.postMessage") == []  # it had landed: not again
    fake.fail("conversations.open", body={"ok": False, "error": "missing_scope"})
    await port.deliver(replace(again, kept=42))
    [posted] = fake.of("chat.postMessage")  # Slack would not say: sent, at least once, never dropped
    assert posted["channel"] == AGENT and posted["metadata"]["event_payload"] == {"kept": 42, "case": 3}


async def test_the_bot_ignores_itself_and_other_bots(slack):
    client, core, fake = slack
    await post_event(client, {"type": "message", "channel_type": "im", "user": BOT_USER, "bot_id": BOT_ID,
                              "channel": "D1", "ts": "1200.1", "text": "Case #1 · HIGH RISK 12315"}, event_id="EvSelf")
    await post_event(client, {"type": "message", "channel_type": "im", "subtype": "bot_message", "bot_id": "BOTHER",
                              "channel": "D1", "ts": "1200.2", "text": "我要投诉"}, event_id="EvBot")
    await post_command(client, "help", trigger="T-h")
    await fake.wait("chat.postEphemeral")
    assert fake.of("chat.postMessage") == [] and count(core, Case) == 0


async def test_admin_command_by_a_non_admin_is_refused_privately_and_audited(slack):
    client, core, fake = slack
    await post_command(client, f"role grant <@{AGENT}|uagent> admin", user=AGENT, trigger="T-r1")
    [refusal] = await fake.wait("chat.postEphemeral")
    assert refusal["user"] == AGENT and "needs the admin role" in refusal["text"]
    assert fake.of("chat.postMessage") == []
    with db.session(core.engine) as s:
        [entry] = s.exec(select(AuditEntry).where(AuditEntry.outcome == "refused")).all()
    assert entry.actor == f"slack:{AGENT}" and entry.action == "command.role"

    await post_command(client, f"role grant <@{AGENT}|uagent> lead", user=ADMIN, trigger="T-r2")
    answers = await fake.wait("chat.postEphemeral", 2)
    assert answers[1]["user"] == ADMIN and "agent → lead" in answers[1]["text"]


async def test_socket_mode_envelope_is_acknowledged_and_handled(fake_slack, start_server):
    client, core = await start_server(**slack_env(fake_slack, SLACK_APP_TOKEN=APP_TOKEN))
    await fake_slack.wait("apps.connections.open")
    assert fake_slack.of("apps.connections.open")[0]["_auth"].endswith("apptoken")
    envelope = {"envelope_id": "env-1", "type": "interactive", "accepts_response_payload": False,
                "payload": shortcut(REGULATOR_TEXT, ts="1300.1")}
    await fake_slack.envelopes.put(envelope)
    [post] = await fake_slack.wait("chat.postMessage")
    assert post["thread_ts"] == "1300.1" and "high_risk" in post["text"]
    assert {"envelope_id": "env-1"} in [{"envelope_id": a.get("envelope_id")} for a in fake_slack.acks]
    # A redelivered envelope (retry_attempt 1) is acknowledged and does nothing more.
    await fake_slack.envelopes.put({**envelope, "envelope_id": "env-2", "retry_attempt": 1, "retry_reason": "timeout"})
    await fake_slack.wait_until(lambda: any(a.get("envelope_id") == "env-2" for a in fake_slack.acks))
    await fake_slack.envelopes.put({"envelope_id": "env-3", "type": "slash_commands", "accepts_response_payload": True,
                                    "payload": {"command": "/cs", "text": "help", "user_id": AGENT, "channel_id": "C1",
                                                "trigger_id": "T-s3", "team_id": "T1"}})
    await fake_slack.wait("chat.postEphemeral")
    assert count(core, CaseMessage) == 1 and len(fake_slack.of("chat.postMessage")) == 1


def test_signed_helper_matches_bolts_verifier():
    from slack_sdk.signature import SignatureVerifier

    headers = signed("a=b")
    assert SignatureVerifier("8f742231b10e8888abcd99yyyzzz85a5").is_valid(
        "a=b", headers["X-Slack-Request-Timestamp"], headers["X-Slack-Signature"])


async def test_a_command_in_a_channel_the_bot_is_not_in_is_answered_in_a_dm(slack):
    client, core, fake = slack
    fake.fail("chat.postEphemeral", body={"ok": False, "error": "channel_not_found"})
    await post_command(client, "help", channel="CPRIVATE", trigger="T-p")
    [dm] = await fake.wait("chat.postMessage")
    assert dm["channel"] == AGENT and "Commands" in dm["text"]


async def test_a_failing_listener_answers_in_a_sentence_without_a_trace(slack):
    client, core, fake = slack
    fake.fail("conversations.replies", body={"ok": False, "error": "internal_error"})
    await post_event(client, {"type": "app_mention", "user": AGENT, "channel": "C9", "ts": "1400.9",
                              "thread_ts": "1400.1", "text": f"<@{BOT_USER}>"}, event_id="EvFail")
    [answer] = await fake.wait("chat.postEphemeral")
    assert answer["user"] == AGENT and "nothing was changed" in answer["text"]
    assert "Traceback" not in json.dumps(answer) and count(core, Case) == 0


async def test_level_wrong_opens_a_modal_and_the_correction_is_kept_audited_and_shown(slack):
    client, core, fake = slack
    await post_interactive(client, shortcut("请问发票怎么开", ts="800.1"))
    await fake.wait("chat.postMessage")
    card_ts = "1700000001.000100"
    await post_interactive(client, button("level", "1", channel="C1", ts=card_ts, trigger="T-level"))
    [opened] = await fake.wait("views.open")
    view = opened["view"]
    assert view["callback_id"] == "form:level"
    submission = {"type": "view_submission", "team": {"id": "T1"}, "user": {"id": AGENT, "name": "uagent"},
                  "trigger_id": "T-sub2",
                  "view": {"id": "V43", "type": "modal", "callback_id": view["callback_id"],
                           "private_metadata": view["private_metadata"],
                           "state": {"values": {"level": {"level": {"type": "plain_text_input", "value": "potential"}}}}}}
    assert (await post_interactive(client, submission)).status == 200
    [update] = await fake.wait("chat.update")
    assert update["ts"] == card_ts and "raised by" in blocks_text(update)
    from bot.risk.tables import LabelledExample

    [example] = rows(core, LabelledExample)
    assert (example.level, example.engine_level, example.created_by) == ("potential", "none", f"slack:{AGENT}")
    assert any(a.action == "case.level" and a.new_value == "potential" for a in rows(core, AuditEntry))
    with db.session(core.engine) as s:
        assert s.exec(select(Case.level)).one() == "potential"

