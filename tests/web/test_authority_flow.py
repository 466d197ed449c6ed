"""The authority scenario from the console's API: limits, a granted offer, an approval by a lead, the audit."""

import pytest

from bot.app import CORE_KEY
from tests.conftest import bearer

ADMIN, AGENT, LEAD = "web:alice", "web:bob", "web:carol"
TOKENS: dict[str, dict] = {}  # each member's Authorization header: every request acts as who holds the token


@pytest.fixture(autouse=True)
def fresh_tokens():
    TOKENS.clear()  # each test's server makes its own


def auth(client, member: str | None) -> dict | None:
    if member and member not in TOKENS:
        TOKENS[member] = bearer(client.server.app[CORE_KEY], member)
    return TOKENS.get(member)


async def post(client, path, body):
    resp = await client.post(path, json=body, headers=auth(client, body.get("member")))
    return resp.status, await resp.json()


async def command(client, member, line):
    return await post(client, "/api/commands", {"member": member, "command": line})


def text(body):
    return "\n".join(m["card"]["fallback"] for m in body.get("messages", []))


async def test_limits_offers_approval_and_audit_from_the_console(client):
    for name in ("bob", "carol"):
        assert (await post(client, "/api/members", {"name": name}))[0] == 200
    for line in ("tier add lead carol", "tier notify lead web", "authority set agent ¥100", "authority set lead ¥1000"):
        status, body = await command(client, ADMIN, line)
        assert status == 200, body
    status, body = await post(client, "/api/messages", {"member": AGENT, "text": "我要投诉，给我退款",
                                                        "customer": {"id": "C-9", "name": "周女士"}})
    case_id = body["messages"][-1]["case_id"]
    fields = {f["label"]: f["value"] for f in body["messages"][-1]["card"]["fields"]}
    assert "CNY 100.00" in fields["Frontline may offer"]

    # the card's Offer button carries a form; submitting it grants ¥80 within the agent's limit
    offer = next(b for b in body["messages"][-1]["card"]["buttons"] if b["action"] == "offer")
    assert [f["name"] for f in offer["form"]["fields"]] == ["kind", "amount", "currency"]
    assert [c[0] for c in offer["form"]["fields"][0]["choices"]] == ["goodwill", "refund", "repair", "replace"]
    status, body = await post(client, "/api/actions", {"member": AGENT, "action": "offer", "value": str(case_id),
                                                       "inputs": {"kind": "goodwill", "amount": "80", "currency": ""}})
    assert status == 200 and "granted" in text(body)

    status, body = await command(client, AGENT, f"offer {case_id} ¥500 refund")
    assert status == 200 and "went to lead for approval" in text(body)
    card = next(m["card"] for m in body["messages"] if m["replace"] == f"case-{case_id}")
    approve = next(b for b in card["buttons"] if b["action"] == "approve")
    feed = await (await client.get("/api/feed", headers=auth(client, LEAD))).json()
    assert any("Approval needed" in m["card"]["fallback"] for m in feed["messages"])  # carol's direct message
    feed = await (await client.get("/api/feed")).json()  # alice, the admin, is not its recipient
    assert not any("Approval needed" in m["card"]["fallback"] for m in feed["messages"])

    status, body = await post(client, "/api/actions", {"member": LEAD, "action": "approve", "value": approve["value"]})
    assert status == 200 and "approved" in text(body)
    card = next(m["card"] for m in body["messages"] if m["replace"] == f"case-{case_id}")
    assert "CNY 500.00 refund · approved by carol" in card["fallback"]
    feed = await (await client.get("/api/feed", headers=auth(client, AGENT))).json()
    assert any("was approved by carol" in m["card"]["fallback"] for m in feed["messages"])  # bob is told

    status, body = await command(client, AGENT, "authority set agent ¥100000")
    assert status == 403 and "admin" in body["error"]
    status, body = await command(client, LEAD, f"approve {approve['value'].split(':')[1]}")
    assert status == 400 and "already approved by carol" in body["error"]

    status, body = await command(client, ADMIN, "audit 50")
    log = text(body)
    assert "authority.set agent · CNY 100.00 → CNY 100.00" in log
    for action in ("offer.grant", "offer.request", "offer.approve", "tier.member", "tier.notify", "REFUSED"):
        assert action in log


async def test_the_promises_hold_in_the_console(client):
    """Issue 18's promises from the console's API: care and a ping for a crisis, split offers that add up go to a
    person with buttons, a reserved remedy is not resolved below its tier, "escalated" is made true when sent."""
    for name in ("bob", "carol"):
        assert (await post(client, "/api/members", {"name": name}))[0] == 200
    for line in ("tier add lead carol", "authority set agent ¥120", "authority reserve refund lead"):
        status, body = await command(client, ADMIN, line)
        assert status == 200, body

    async def forward(message, customer):
        status, body = await post(client, "/api/messages", {"member": AGENT, "text": message,
                                                            "customer": {"id": customer}})
        assert status == 200, body
        return body["messages"][-1]

    crisis = await forward("我已经被你们逼得活不下去了，退款拖了三个月，真的不想活了", "C-1")
    assert "12356" in crisis["card"]["fallback"] and not [b for b in crisis["card"]["buttons"] if b["action"] == "request"]
    feed = await (await client.get("/api/feed", headers=auth(client, LEAD))).json()
    assert any("may harm themselves" in m["card"]["fallback"] for m in feed["messages"])  # carol hears at once

    case_id = (await forward("我要投诉，东西坏了，给我补偿", "C-2"))["case_id"]
    for amount in ("¥100", "¥20"):
        assert "granted" in text((await command(client, AGENT, f"offer {case_id} {amount}"))[1])
    said = text((await command(client, AGENT, f"offer {case_id} ¥1"))[1])
    assert "for approval" in said and "Asked: lead: carol" in said
    feed = await (await client.get("/api/feed", headers=auth(client, LEAD))).json()
    request = next(m["card"] for m in feed["messages"] if "Approval needed" in m["card"]["fallback"])
    assert {b["action"] for b in request["buttons"]} == {"approve", "deny"}

    status, body = await command(client, AGENT, f"resolve {case_id} refunded type=refund amount=¥10")
    assert status == 403 and "lead" in body["error"]

    sent = await forward("再不处理我就去12315投诉你们", "C-3")
    assert "escalate the case to lead" in sent["card"]["fallback"]
    status, body = await post(client, "/api/actions", {"member": AGENT, "action": "sent", "value": str(sent["case_id"])})
    assert status == 200 and "escalated to lead" in text(body)
