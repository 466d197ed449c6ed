"""The console's JSON API over real HTTP: health, token, the whole flow, and bad input."""

import pytest
from sqlalchemy import create_engine

from bot.app import CORE_KEY, Core, build_app, build_core
from bot.store.tables import AuditEntry
from tests.conftest import make_settings
from tests.rows import rows

ALICE = "web:alice"


async def post(client, path, body, **kw):
    resp = await client.post(path, json=body, **kw)
    return resp.status, await resp.json()


async def test_health_says_ok(client):
    resp = await client.get("/healthz")
    assert resp.status == 200 and await resp.json() == {"status": "ok", "db": "ok"}


async def test_health_says_503_with_the_reason_when_the_database_is_gone(tmp_path, clock):
    from aiohttp.test_utils import TestClient, TestServer
    core = build_core(make_settings(tmp_path), clock=clock)
    core.engine = create_engine("postgresql+psycopg://nobody:pw-secret@127.0.0.1:1/none",
                                connect_args={"connect_timeout": 2})
    async with TestClient(TestServer(build_app(core, run_timers=False))) as c:
        resp = await c.get("/healthz")
        body = await resp.json()
    assert resp.status == 503 and body["status"] == "error" and body["db"]
    assert "pw-secret" not in body["db"]


async def test_the_whole_flow_from_the_console(client):
    status, body = await post(client, "/api/messages", {
        "member": ALICE, "text": "再不给我退款我就去12315投诉你们", "event_id": "w1",
        "customer": {"id": "C-77", "name": "陈先生", "vip_level": "3", "annual_value": "¥12000"}})
    assert status == 200
    [msg] = body["messages"]
    card = msg["card"]
    assert card["severity"] == "high_risk" and "12315" in card["fallback"] and "regulator" in card["fallback"]
    case_id = msg["case_id"]
    fields = {f["label"]: f["value"] for f in card["fields"]}
    assert fields["Contacts"] == "1" and fields["VIP"] == "3" and fields["Annual value"] == "CNY 12,000.00"

    for n, text in enumerate(["还没处理？", "第三遍问了"], start=2):
        status, body = await post(client, "/api/messages", {"member": ALICE, "text": text, "event_id": f"w{n}",
                                                            "customer": {"id": "C-77"}})
        assert status == 200
    assert "joins 陈先生's open case" in body["messages"][0]["card"]["fallback"]
    fields = {f["label"]: f["value"] for f in body["messages"][-1]["card"]["fields"]}
    assert fields["Contacts"] == "3"

    status, body = await post(client, "/api/actions", {"member": ALICE, "action": "take", "value": str(case_id)})
    assert status == 200
    updated = next(m for m in body["messages"] if m["replace"] == f"case-{case_id}")
    assert {f["label"]: f["value"] for f in updated["card"]["fields"]}["Owner"] == "alice"

    status, body = await post(client, "/api/commands", {"member": ALICE, "command": f"/note {case_id} 已回电"})
    assert status == 200

    resp = await client.get("/api/cases")
    [listed] = (await resp.json())["cases"]
    assert listed["id"] == case_id and listed["contacts"] == 3 and listed["owner"] == "alice"
    assert listed["due"] and "left" in listed["left"]  # the console lists cases by time left

    resp = await client.get(f"/api/cases/{case_id}")
    detail = await resp.json()
    assert len(detail["messages"]) == 3 and detail["notes"][0]["text"] == "已回电"


async def test_an_enquiry_is_none(client):
    status, body = await post(client, "/api/messages", {"member": ALICE, "text": "请问发票怎么开"})
    assert status == 200 and body["messages"][0]["card"]["severity"] == "none"


async def test_redelivered_request_changes_nothing(client):
    body = {"member": ALICE, "text": "我要投诉", "event_id": "same", "customer": {"id": "C-1"}}
    first = await post(client, "/api/messages", body)
    second = await post(client, "/api/messages", body)
    assert len(first[1]["messages"]) == 1 and second == (200, {"messages": []})
    detail = await (await client.get(f"/api/cases/{first[1]['messages'][0]['case_id']}")).json()
    assert len(detail["messages"]) == 1


@pytest.mark.parametrize("path,body,status,says", [
    ("/api/messages", {"member": ALICE, "text": ""}, 400, "empty"),
    ("/api/messages", {"member": ALICE, "text": "字" * 100_001}, 400, "limit"),
    ("/api/messages", {"member": ALICE, "text": "\ufffd\x00\ufffd\ufffd\x01\ufffd"}, 400, "binary"),
    ("/api/messages", {"member": "web:ghost", "text": "我要投诉"}, 403, "cannot name someone else"),
    ("/api/messages", {"member": ALICE, "text": "hi", "customer": {"vip_level": "gold"}}, 400, "vip_level"),
    ("/api/messages", {"member": ALICE, "text": "hi", "customer": {"annual_value": "-3"}}, 400, "negative"),
    ("/api/messages", {"member": ALICE, "text": 5}, 400, "text"),
    ("/api/commands", {"member": ALICE, "command": "/frobnicate"}, 400, "Unknown command"),
    ("/api/commands", {"member": ALICE, "command": "case 424242"}, 404, "424242"),
    ("/api/actions", {"member": ALICE, "action": "explode", "value": "1"}, 400, "Unknown action"),
    ("/api/actions", {"member": ALICE, "action": "take", "value": "99"}, 404, "99"),
])
async def test_bad_input_gets_a_clear_answer_and_changes_nothing(client, path, body, status, says):
    got_status, got = await post(client, path, body)
    assert got_status == status and says in got["error"]
    assert "Traceback" not in got["error"]
    assert (await (await client.get("/api/cases")).json())["cases"] == []


async def test_malformed_json_and_unknown_case(client):
    resp = await client.post("/api/messages", data=b"{not json", headers={"Content-Type": "application/json"})
    assert resp.status == 400 and "not valid JSON" in (await resp.json())["error"]
    resp = await client.post("/api/messages", data=b"\xff\xfe\x00junk")  # not JSON at all: said so, nothing done
    assert resp.status == 415 and "Content-Type: application/json" in (await resp.json())["error"]
    resp = await client.post("/api/messages", json=["a", "list"])
    assert resp.status == 400
    resp = await client.get("/api/cases/123")
    assert resp.status == 404 and "123" in (await resp.json())["error"]


async def test_a_50k_character_message_is_accepted_whole(client):
    text = "我要投诉。" + "详细经过如下，" * 7_200
    status, body = await post(client, "/api/messages", {"member": ALICE, "text": text})
    assert status == 200 and len(text) > 50_000
    detail = await (await client.get(f"/api/cases/{body['messages'][0]['case_id']}")).json()
    assert detail["messages"][0]["text"] == text


async def test_joining_creates_a_web_member(client):
    status, body = await post(client, "/api/members", {"name": "Bob Lee"})
    assert status == 200 and body["member"]["ref"] == "web:bob_lee"
    members = (await (await client.get("/api/members")).json())["members"]
    assert {m["ref"] for m in members} == {"web:alice", "web:bob_lee"}
    status, body = await post(client, "/api/members", {"name": ""})
    assert status == 400


async def test_token_is_required_on_every_api_call_when_set(start_server):
    client, _ = await start_server(BOT_WEB_TOKEN="s3cret-token", BOT_ADMINS=ALICE)
    for method, path in [("GET", "/api/cases"), ("GET", "/api/members"), ("POST", "/api/messages"),
                         ("POST", "/api/commands"), ("POST", "/api/actions"), ("GET", "/api/cases/1")]:
        resp = await client.request(method, path, json={})
        assert resp.status == 401, path
        resp = await client.request(method, path, json={}, headers={"Authorization": "Bearer wrong"})
        assert resp.status == 401, path
    resp = await client.get("/api/cases", headers={"Authorization": "Bearer s3cret-token"})
    assert resp.status == 200
    status, body = await post(client, "/api/messages", {"member": ALICE, "text": "我要投诉"},
                              headers={"Authorization": "Bearer wrong"})
    assert status == 401
    resp = await client.get("/api/cases", headers={"Authorization": "Bearer s3cret-token"})
    assert (await resp.json())["cases"] == []
    # the page itself and the health check stay reachable so a person can enter the token
    assert (await client.get("/")).status == 200 and (await client.get("/healthz")).status == 200


async def test_core_and_surfaces_are_wired_by_entry_point(client):
    core: Core = client.server.app[CORE_KEY]
    assert "web" in core.ports


async def test_a_correction_from_the_console(client):
    status, body = await post(client, "/api/messages", {"member": ALICE, "text": "请问发票怎么开", "event_id": "cx1"})
    case_id = body["messages"][0]["case_id"]
    status, body = await post(client, "/api/actions", {"member": ALICE, "action": "level", "value": str(case_id),
                                                       "inputs": {"level": "explicit refund_billing"}})
    assert status == 200
    updated = next(m for m in body["messages"] if m.get("replace") == f"case-{case_id}")
    assert "raised by alice" in updated["card"]["fallback"]
    status, body = await post(client, "/api/actions", {"member": ALICE, "action": "level", "value": str(case_id),
                                                       "inputs": {"level": "furious"}})
    assert status == 400 and "is not a level" in body["error"]
    core = client.server.app[CORE_KEY]
    from bot.risk.tables import LabelledExample

    [example] = rows(core, LabelledExample)
    assert (example.level, example.category, example.created_by) == ("explicit", "refund_billing", ALICE)
    assert [a.new_value for a in rows(core, AuditEntry) if a.action == "case.level"] == ["explicit (refund_billing)"]



async def test_an_incident_page_and_its_export(client):
    for n, text in enumerate(["新买的洗衣机漏水，地板都泡了", "洗衣机又漏水了，太气人了"]):
        status, _ = await post(client, "/api/messages", {"text": text, "event_id": f"inc{n}",
                                                         "customer": {"id": f"W-{n}"}})
        assert status == 200
    status, body = await post(client, "/api/commands", {"command": "incident open quality 漏水 Washers leak"})
    assert status == 200 and "Incident #1" in body["messages"][0]["card"]["fallback"]
    resp = await client.get("/api/incidents/1")
    page = await resp.json()
    assert resp.status == 200 and page["title"] == "Washers leak" and page["words"] == ["漏水"]
    assert [a["action"] for a in page["actions"]] == ["open"] and page["owner"]
    assert [c["case"] for c in page["cases"]] == [1, 2]  # the open cases of the last day that use its words
    resp = await client.get("/api/incidents/1.csv")
    text = await resp.text()
    assert resp.status == 200 and text.splitlines()[0] == "at,kind,what" and ",open," in text
    assert (await client.get("/api/incidents/99")).status == 404
    assert (await client.get("/api/incidents/1.pdf")).status == 404
