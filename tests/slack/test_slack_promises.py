"""The promises of issue 18 on Slack, through the real slack-bolt stack and the fake Web API: a crisis gets care
and the lead hears at once; offers split under the limit add up and go to approval in the leads' channel with
buttons; a reserved remedy is not resolved below its tier; a reply that says "escalated" escalates when sent."""

from bot.cases.tables import Case
from tests.rows import rows
from tests.slack.conftest import ADMIN, AGENT, ask, button, post_interactive, shortcut

LEAD = "ULEAD"
CRISIS = "我已经被你们逼得活不下去了，退款拖了三个月，真的不想活了"


async def test_the_promises_hold_on_slack(slack):
    client, core, fake = slack

    async def cmd(text, user, trigger):
        return await ask(client, fake, text, user, trigger)

    async def forward(text, author, ts):
        before = len(fake.of("chat.postMessage"))
        await post_interactive(client, shortcut(text, ts=ts, author=author, trigger=f"T-{ts}"))
        await fake.wait_until(lambda: any("Case #" in p["text"] and p["channel"] == "C1"
                                          for p in fake.of("chat.postMessage")[before:]))
        return next(p for p in fake.of("chat.postMessage")[before:] if "Case #" in p["text"] and p["channel"] == "C1")

    def buttons(post):
        return [e["action_id"] for b in post["blocks"] if b["type"] == "actions" for e in b["elements"]]

    await cmd("help", LEAD, "T-h")
    await cmd(f"tier add lead <@{LEAD}>", ADMIN, "T-1")
    await cmd("tier notify lead <#CLEADS|leads>", ADMIN, "T-2")
    await cmd("authority set agent ¥120", ADMIN, "T-3")
    assert "lead" in await cmd("authority reserve refund lead", ADMIN, "T-4")

    # A person in crisis: care, a help line, nothing to bargain over, and the lead hears at once.
    card = await forward(CRISIS, "UC1", "901.1")
    assert "12356" in card["text"] and "request" not in buttons(card)
    reply = card["text"].split("Suggested reply:")[1].split("\n")[0]
    assert not any(w in reply for w in ("补偿", "退款、换货", "审批"))
    await fake.wait_until(lambda: any("may harm themselves" in p["text"] and p["channel"] == "CLEADS"
                                      for p in fake.of("chat.postMessage")))

    # Offers split under the limit add up: the third goes to the lead tier, in its channel, with buttons.
    await forward("我要投诉，东西坏了，给我补偿", "UC2", "902.1")
    assert "granted" in await cmd("offer 2 ¥100", AGENT, "T-5")
    assert "granted" in await cmd("offer 2 ¥20", AGENT, "T-6")
    said = await cmd("offer 2 ¥1", AGENT, "T-7")
    # The senior tier is empty: the request goes up to the lead, and the answer names who was asked.
    assert "went to senior for approval" in said and "Asked: lead: ulead" in said
    await fake.wait_until(lambda: any("Approval needed" in p["text"] for p in fake.of("chat.postMessage")))
    request = next(p for p in fake.of("chat.postMessage") if "Approval needed" in p["text"])
    assert request["channel"] == LEAD and "CNY 1.00" in request["text"] and {"approve", "deny"} <= set(buttons(request))

    # A reserved remedy is not resolved below its tier.
    refused = await cmd("resolve 2 refunded type=refund amount=¥10", AGENT, "T-8")
    assert "lead" in refused and [c.status for c in rows(core, Case) if c.id == 2] == ["open"]

    # "I've escalated your case": Mark as sent makes it so.
    card = await forward("再不处理我就去12315投诉你们", "UC3", "903.1")
    assert "升级" in card["text"] and "escalate the case to lead" in card["text"]
    await post_interactive(client, button("sent", "3", user=AGENT, channel="C1", ts="1700000099.000100", trigger="T-9"))
    await fake.wait_until(lambda: [c.tier_grade for c in rows(core, Case) if c.id == 3] == ["D"])
    [case] = [c for c in rows(core, Case) if c.id == 3]
    assert case.answered_at is not None and case.owner_id is not None
