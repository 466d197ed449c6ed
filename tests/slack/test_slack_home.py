"""Slack's App Home: the real Bolt app publishes a member's own queue (mine, waiting for my approval, breaching soon)
with a button to open each case, in the member's Slack language; pressing one shows the case in their DM."""

import json

from tests.slack.conftest import AGENT, ask, post_event, post_interactive, shortcut

ZH_AGENT = "UZH"


def home_opened(user: str) -> dict:
    return {"type": "app_home_opened", "user": user, "channel": "D" + user, "tab": "home", "event_ts": "1.1"}


def published_for(fake, user: str) -> dict:
    view = [c for c in fake.of("views.publish") if c["user_id"] == user][-1]["view"]
    return json.loads(view) if isinstance(view, str) else view


def text_of(view: dict) -> str:
    parts = []
    for block in view["blocks"]:
        for key in ("text", "fields"):
            value = block.get(key)
            if isinstance(value, dict):
                parts.append(value.get("text", ""))
            elif isinstance(value, list):
                parts += [v.get("text", "") for v in value]
        for e in block.get("elements", []):
            value = e.get("text", "")
            parts.append(value.get("text", "") if isinstance(value, dict) else value)
    return "\n".join(parts)


async def test_app_home_shows_the_members_queue_with_buttons(slack):
    client, core, fake = slack
    fake.users[ZH_AGENT] = {"id": ZH_AGENT, "name": "wang", "locale": "zh-CN"}

    # An agent forwards a complaint and takes it: it is theirs.
    await post_interactive(client, shortcut("等了两个星期还没发货，我要退款", ts="801.1", trigger="T-h1"))
    await fake.wait_until(lambda: any("Case #" in p["text"] for p in fake.of("chat.postMessage")))
    assert "took ownership" in await ask(client, fake, "take 1", AGENT, "T-h2")

    response = await post_event(client, home_opened(AGENT), event_id="Ev-home-1")
    assert response.status == 200
    await fake.wait_until(lambda: any(c["user_id"] == AGENT for c in fake.of("views.publish")))
    view = published_for(fake, AGENT)
    assert view["type"] == "home"
    text = text_of(view)
    assert "Your queue" in text and "Mine (1)" in text and "Waiting for my approval (0)" in text
    assert "#1" in text and "Breaching soon" in text
    buttons = [e for b in view["blocks"] if b["type"] == "actions" for e in b["elements"]]
    assert [(b["action_id"], b["value"]) for b in buttons] == [("show", "1")]

    # The press comes from the Home tab (no channel): the case card arrives in the agent's DM.
    before = len(fake.of("chat.postMessage"))
    press = {"type": "block_actions", "trigger_id": "T-h3", "team": {"id": "T1"},
             "user": {"id": AGENT, "name": "agent"}, "container": {"type": "view", "view_id": "VH"},
             "view": {"id": "VH", "type": "home"},
             "actions": [{"action_id": "show", "value": "1", "type": "button", "action_ts": "2.2"}]}
    assert (await post_interactive(client, press)).status == 200
    await fake.wait_until(lambda: any("Case #1" in p["text"] and p["channel"] in (AGENT, "D" + AGENT[1:])
                                      for p in fake.of("chat.postMessage")[before:]))

    # A member whose Slack speaks Chinese sees their home in Chinese, without choosing anything.
    await post_event(client, home_opened(ZH_AGENT), event_id="Ev-home-2")
    await fake.wait_until(lambda: any(c["user_id"] == ZH_AGENT for c in fake.of("views.publish")))
    text = text_of(published_for(fake, ZH_AGENT))
    assert "你的队列" in text and "我的 (0)" in text and "等待我审批 (0)" in text
