"""Surge alert, incident and report on Slack, through the real slack-bolt stack and the fake Web API: the alert
lands once in the leads' channel, its button opens the incident, the next complaint's card carries the unified
reply, and `report` answers with its figures and uploads its chart."""

from tests.rows import kept
from tests.slack.conftest import ADMIN, ask, button, post_interactive, shortcut

LEAD = "ULEAD"
LEAKS = ["新买的洗衣机漏水，地板都泡了，太气人了", "洗衣机又漏水了，你们这批货有问题吧", "滚筒洗衣机一洗衣服就漏水，很不满意"]
SCRIPT = "这批洗衣机的进水阀有缺陷，我们会安排师傅上门免费更换，并全程跟进直到修好"


async def test_surge_incident_script_and_report_on_slack(slack):
    client, core, fake = slack

    async def cmd(text, user, trigger):
        return await ask(client, fake, text, user, trigger)

    await cmd("help", LEAD, "T-h")
    await cmd(f"tier add lead <@{LEAD}>", ADMIN, "T-1")
    await cmd("tier notify lead <#CLEADS|leads>", ADMIN, "T-2")

    for i in range(8):  # eight customers in minutes: the shipped thresholds' smallest surge
        await post_interactive(client, shortcut(LEAKS[i % 3], ts=f"800.{i}", author=f"UC{i}", trigger=f"T-s{i}"))
    await fake.wait_until(lambda: any("Complaint surge" in p["text"] for p in fake.of("chat.postMessage")), 15)
    alerts = [p for p in fake.of("chat.postMessage") if "Complaint surge" in p["text"]]
    assert [a["channel"] for a in alerts] == ["CLEADS"] and "漏水" in alerts[0]["text"]
    actions = next(b for b in alerts[0]["blocks"] if b["type"] == "actions")["elements"]
    [open_incident] = [e for e in actions if e["action_id"] == "incident"]

    await post_interactive(client, button("incident", open_incident["value"], user=LEAD, channel="CLEADS",
                                          ts="1700000009.000100", trigger="T-i"))
    await fake.wait_until(lambda: any("Incident #1" in e["text"] for e in fake.of("chat.postEphemeral")))
    assert "unified reply is set" in await cmd(f"incident script 1 zh-Hans {SCRIPT}", LEAD, "T-3")

    before = len(fake.of("chat.postMessage"))
    await post_interactive(client, shortcut("我家的洗衣機也漏水了，很生氣", ts="801.1", author="UCNEW", trigger="T-n"))
    await fake.wait_until(lambda: any("Incident #1" in p["text"] for p in fake.of("chat.postMessage")[before:]))
    card = next(p for p in fake.of("chat.postMessage")[before:] if "Incident #1" in p["text"])
    assert "進水閥有缺陷" in card["text"]  # the unified reply, in the customer's Traditional script

    said = await cmd("report 7d", LEAD, "T-4")
    assert "Cases opened: 9" in said and "Top reasons: quality" in said
    [done] = await fake.wait("files.completeUploadExternal")
    assert done["channel_id"] == "D" + LEAD[1:]  # a private answer's chart goes to the member's DMs
    [(file_id, png)] = fake.uploads.items()
    assert png.startswith(b"\x89PNG") and len(png) > 5000
    refused = await cmd("report 7d", "UAGENT", "T-5")
    assert "leads" in refused and not fake.of("files.getUploadURLExternal")[1:]


async def test_a_chart_slack_refuses_leaves_the_report_sent_once(slack):
    client, core, fake = slack
    await ask(client, fake, "help", LEAD, "T-h")
    await ask(client, fake, f"tier add lead <@{LEAD}>", ADMIN, "T-1")
    fake.fail("files.getUploadURLExternal", body={"ok": False, "error": "missing_scope"})  # no files:write
    said = await ask(client, fake, "report 7d", LEAD, "T-2")
    assert "Cases opened: 0" in said
    await fake.wait("files.getUploadURLExternal")
    # Delivered, not kept for a retry that would post the text a second time.
    await fake.wait_until(lambda: kept(core, "pending", "claimed") == 0)
    assert len([e for e in fake.of("chat.postEphemeral") if "Complaint report" in e["text"]]) == 1
