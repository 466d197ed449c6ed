"""The authority scenario on Slack, through the real slack-bolt stack and the fake Web API."""

from bot.authority.tables import Offer
from bot.cases.tables import CardRef
from tests.rows import count, rows
from tests.slack.conftest import ADMIN, AGENT, ask, button, post_command, post_interactive, shortcut

LEAD = "ULEAD"


def submit(view: dict, *, user: str, field: str, value: str, view_id: str) -> dict:
    return {"type": "view_submission", "team": {"id": "T1"}, "user": {"id": user, "name": user.lower()},
            "trigger_id": f"T-{view_id}",
            "view": {"id": view_id, "type": "modal", "callback_id": view["callback_id"],
                     "private_metadata": view["private_metadata"],
                     "state": {"values": {field: {field: {"type": "plain_text_input", "value": value}}}}}}


async def test_limits_offer_approval_and_audit_on_slack(slack):
    client, core, fake = slack

    async def cmd(text, user, trigger):
        return await ask(client, fake, text, user, trigger)

    await cmd("help", LEAD, "T-h")  # the lead has used the bot, so they can be put in a tier
    assert "lead (D)" in await cmd(f"tier add lead <@{LEAD}>", ADMIN, "T-1")
    assert "CLEADS" in await cmd("tier notify lead <#CLEADS|leads>", ADMIN, "T-2")
    await cmd("authority set agent ¥100", ADMIN, "T-3")
    assert "lead: CNY 1,000.00" in await cmd("authority set lead ¥1000", ADMIN, "T-4")

    await post_interactive(client, shortcut("我要投诉，东西坏了给我退款", ts="700.1"))
    [card_post] = await fake.wait("chat.postMessage")
    card_ts = "1700000001.000100"
    await fake.wait_until(lambda: count(core, CardRef) == 1)  # recorded: later changes edit this card
    assert "CNY 100.00" in card_post["text"]
    assert "granted" in await cmd("offer 1 ¥80", AGENT, "T-5")

    # the Offer button opens a modal; its submission asks the lead tier for ¥500
    await post_interactive(client, button("offer", "1", user=AGENT, channel="C1", ts=card_ts, trigger="T-6"))
    [opened] = await fake.wait("views.open")
    await post_interactive(client, submit(opened["view"], user=AGENT, field="offer", value="¥500 refund", view_id="V6"))
    posts = await fake.wait("chat.postMessage", 3)
    to_leads = next(p for p in posts if p["channel"] == "CLEADS")
    dm = next(p for p in posts if p["channel"] == LEAD)
    assert "Approval needed" in dm["text"] and "CNY 500.00" in to_leads["text"]
    actions = next(b for b in to_leads["blocks"] if b["type"] == "actions")["elements"]
    approve = next(e for e in actions if e["action_id"] == "approve")
    [pending] = [o for o in rows(core, Offer) if o.status == "pending"]
    assert approve["value"] == f"1:{pending.id}"

    await post_interactive(client, button("approve", approve["value"], user=LEAD, channel="CLEADS",
                                          ts="1700000002.000100", trigger="T-7"))
    posts = await fake.wait("chat.postMessage", 4)
    told = posts[-1]
    assert told["channel"] == AGENT and "approved by" in told["text"]
    await fake.wait_until(lambda: len([u for u in fake.of("chat.update")
                                                 if "CNY 500.00 refund · approved" in u["text"]]) >= 2)
    edited = {u["channel"] for u in fake.of("chat.update") if "CNY 500.00 refund · approved" in u["text"]}
    assert edited == {"C1", "CLEADS"}  # the request card and the case card, in place
    assert [o.status for o in rows(core, Offer)] == ["granted", "approved"]

    assert "needs the admin role" in await cmd("authority set agent ¥100000", AGENT, "T-8")
    log = await cmd("audit 50", ADMIN, "T-9")
    for words in ("authority.set agent · CNY 100.00 → CNY 100.00", "offer.grant", "offer.request",
                  "offer.approve", "REFUSED"):
        assert words in log


async def test_an_admin_adds_a_member_who_never_wrote_to_the_bot_and_sees_their_name(slack):
    from bot.members.tables import Member

    client, core, fake = slack
    fake.users["UNEW"] = {"id": "UNEW", "name": "wang.fang", "real_name": "Wang Fang",
                          "profile": {"display_name": "王芳", "real_name": "Wang Fang"}}
    await post_command(client, "tier add lead <@UNEW>", user=ADMIN, trigger="T-n1")
    await fake.wait_until(lambda: any("lead (D)" in e["text"] for e in fake.of("chat.postEphemeral")))
    assert fake.of("users.info")[0]["user"] == "UNEW"
    [member] = [m for m in rows(core, Member) if m.ref == "slack:UNEW"]
    assert member.display_name == "王芳"
    # a mention Slack labelled needs no lookup; an unknown user still gets added by reference
    await post_command(client, "tier add senior <@UGHOST>", user=ADMIN, trigger="T-n2")
    await fake.wait_until(lambda: any(m.ref == "slack:UGHOST" for m in rows(core, Member)))
    assert [m.display_name for m in rows(core, Member) if m.ref == "slack:UGHOST"] == ["UGHOST"]
