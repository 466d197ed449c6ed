"""The inbox's views and search from the console's API, and in chat (`queue`, `find`)."""

from tests.web.test_authority_flow import ADMIN, AGENT, auth, command, post, text  # noqa: F401  (fresh tokens)
from tests.web.test_authority_flow import fresh_tokens  # noqa: F401


async def get(client, path, member):
    resp = await client.get(path, headers=auth(client, member))
    return resp.status, await resp.json()


async def test_views_with_counts_and_search_in_all_three_scripts(client):
    assert (await post(client, "/api/members", {"name": "bob"}))[0] == 200
    assert (await command(client, ADMIN, "authority set agent ¥100"))[0] == 200
    messages = [("C-1", "新买的洗衣机漏水，我要退货，订单 A12345"), ("C-2", "快遞三天了還沒到，我要退貨"),
                ("C-3", "My parcel never arrived, order B77"), ("C-4", "耳机坏了，给我补偿500元")]
    ids = {}
    for customer, message in messages:
        status, body = await post(client, "/api/messages", {"member": AGENT, "text": message,
                                                            "customer": {"id": customer}})
        assert status == 200
        ids[customer] = body["messages"][-1]["case_id"]
    await command(client, AGENT, f"take {ids['C-1']}")
    await command(client, AGENT, f"resolve {ids['C-3']} sent again")
    await command(client, AGENT, f"offer {ids['C-4']} ¥500")  # above bob's limit: pending, for a lead or an admin

    status, body = await get(client, "/api/cases?view=mine", AGENT)
    assert status == 200 and [c["id"] for c in body["cases"]] == [ids["C-1"]]
    assert body["counts"] == {"mine": 1, "unassigned": 2, "breaching": body["counts"]["breaching"], "approval": 0,
                              "open": 3, "resolved": 1}
    assert (await get(client, "/api/cases?view=resolved", AGENT))[1]["cases"][0]["id"] == ids["C-3"]
    approval = (await get(client, "/api/cases?view=approval", ADMIN))[1]  # the admin may decide it; bob may not
    assert [c["id"] for c in approval["cases"]] == [ids["C-4"]]
    every = (await get(client, "/api/cases?view=open", AGENT))[1]["cases"]
    category = next(c["category"] for c in every if c["id"] == ids["C-2"])
    filtered = (await get(client, f"/api/cases?view=open&category={category}", AGENT))[1]
    assert [c["id"] for c in filtered["cases"]] == [c["id"] for c in every if c["category"] == category]
    assert filtered["counts"]["open"] == len(filtered["cases"]) < len(every)
    assert (await get(client, "/api/cases?view=everything", AGENT))[0] == 400

    async def find(q):
        status, body = await get(client, "/api/search?q=" + q, AGENT)
        assert status == 200
        return sorted(c["id"] for c in body["cases"])
    assert await find("退貨") == sorted([ids["C-1"], ids["C-2"]])  # Traditional finds Simplified, and back
    assert await find("退货 洗衣機") == [ids["C-1"]]  # every word
    assert await find("a12345") == [ids["C-1"]] and await find("B77") == [ids["C-3"]]
    assert await find("C-4") == [ids["C-4"]]  # the customer's reference
    assert await find("冰箱") == [] and await find("") == []

    said = text((await command(client, AGENT, "queue"))[1])
    assert f"#{ids['C-1']}" in said and "Mine 1" in said and "Unassigned 2" in said
    said = text((await command(client, AGENT, "find 退貨"))[1])
    assert f"#{ids['C-1']}" in said and f"#{ids['C-2']}" in said
    assert (await command(client, AGENT, "queue someday"))[0] == 400


async def test_a_customers_page_and_a_cases_timeline(client):
    from urllib.parse import quote

    assert (await post(client, "/api/members", {"name": "bob"}))[0] == 200
    first = await post(client, "/api/messages", {"member": AGENT, "text": "快递三天了还没到",
                                                 "customer": {"id": "C-7", "name": "陈先生", "vip_level": "2"}})
    case_id = first[1]["messages"][-1]["case_id"]
    await post(client, "/api/messages", {"member": AGENT, "text": "还是没到，到底怎么回事", "customer": {"id": "C-7"}})
    await command(client, AGENT, f"take {case_id}")
    await command(client, AGENT, f"note {case_id} called the courier")
    await command(client, AGENT, f"replied {case_id}")
    await command(client, AGENT, f"resolve {case_id} delivered today")
    await post(client, "/api/messages", {"member": AGENT, "text": "又出问题了，新订单也没发货", "customer": {"id": "C-7"}})

    for who in ("C-7", "陈先生"):
        status, page = await get(client, "/api/customers/" + quote(who), AGENT)
        assert status == 200 and page["contacts"] == 3 and page["vip_level"] == 2
        assert [c["status"] for c in page["cases"]] == ["resolved", "open"]
        assert page["first_to_second_seconds"] is not None and len(page["messages"]) == 3
    assert (await get(client, "/api/customers/nobody", AGENT))[0] == 404

    status, body = await get(client, f"/api/cases/{case_id}", AGENT)
    kinds = [e["kind"] for e in body["timeline"]]
    assert kinds[:2] == ["customer wrote", "customer wrote"]
    assert {"note", "took ownership", "reply marked sent", "resolved"} <= set(kinds)
    assert kinds.index("reply marked sent") < kinds.index("resolved")
    assert next(e for e in body["timeline"] if e["kind"] == "took ownership")["by"] == "bob"  # names, not refs

    said = text((await command(client, AGENT, "customer 陈先生"))[1])
    assert "3 contact(s)" in said and "wrote again after" in said and "VIP 2" in said
