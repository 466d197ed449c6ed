"""Nobody acts as someone else, no other web page drives the console, and a link works once: over real HTTP
and in a real Chromium."""

from datetime import timedelta

from sqlmodel import select

from bot.authority.tables import Offer
from bot.cases.tables import Case
from bot.members import access
from bot.members.service import find_member, resolve_member
from bot.members.tables import Member
from bot.store import db
from bot.store.tables import AuditEntry
from tests.conftest import bearer
from tests.web.test_browser import CHROMIUM, login_link, need_chromium

ADMIN, AGENT, LEAD = "web:boss", "web:ann", "web:leo"


def link_token(core, ref: str) -> str:
    with db.session(core.engine) as s:
        member = find_member(s, ref) or resolve_member(s, ref, name=ref.split(":")[1], register=True,
                                                       now=core.clock.now())
        raw = access.issue_login_link(s, member, actor="test", now=core.clock.now())
        s.commit()
    return raw


def rows(core, model):
    with db.session(core.engine) as s:
        return list(s.exec(select(model)))


async def sign_in(client, core, ref: str) -> str:
    """The session cookie a browser would hold after opening the member's sign-in link."""
    origin = str(client.make_url("/")).rstrip("/")
    resp = await client.post("/api/login", json={"token": link_token(core, ref)}, headers={"Origin": origin})
    assert resp.status == 200, await resp.text()
    return resp.cookies["desk_session"].value


async def test_a_request_cannot_choose_who_it_acts_as(start_server):
    client, core = await start_server(BOT_ADMINS=ADMIN)
    agent, lead = bearer(core, AGENT), bearer(core, LEAD)
    assert (await client.post("/api/commands", json={"command": f"role grant {LEAD} lead"},
                              headers=bearer(core, ADMIN))).status == 200
    assert (await client.post("/api/commands", json={"command": "tier add lead leo"},
                              headers=bearer(core, ADMIN))).status == 200
    resp = await client.post("/api/messages", json={"text": "我要投诉，给我退款", "customer": {"id": "C1"}}, headers=agent)
    case_id = (await resp.json())["messages"][-1]["case_id"]
    resp = await client.post("/api/commands", json={"command": f"offer {case_id} ¥500 refund"}, headers=agent)
    [offer] = rows(core, Offer)
    assert offer.status == "pending"
    # the agent names the lead in the body to approve their own request: refused, nothing changes
    for body in ({"member": LEAD, "command": f"approve {offer.id}"}, {"member": ADMIN, "command": "role grant web:ann admin"}):
        resp = await client.post("/api/commands", json=body, headers=agent)
        assert resp.status == 403 and "cannot name someone else" in (await resp.json())["error"]
    assert rows(core, Offer)[0].status == "pending"
    with db.session(core.engine) as s:
        assert find_member(s, AGENT).role == "agent"
    # the agent's own token approving is refused (below the tier, and their own request)
    resp = await client.post("/api/commands", json={"command": f"approve {offer.id}"}, headers=agent)
    assert resp.status == 403
    # the lead, as themselves, may; the audit credits the lead
    resp = await client.post("/api/commands", json={"command": f"approve {offer.id}"}, headers=lead)
    assert resp.status == 200
    assert [a.actor for a in rows(core, AuditEntry) if a.action == "offer.approve"] == [LEAD]
    # an agent can neither list members nor add one
    assert (await client.get("/api/members", headers=agent)).status == 403
    assert (await client.post("/api/members", json={"name": "eve"}, headers=agent)).status == 403


async def test_other_sites_cannot_drive_the_console(start_server):
    client, core = await start_server(BOT_ADMINS=ADMIN)
    cookie = await sign_in(client, core, AGENT)
    own = str(client.make_url("/")).rstrip("/")
    jar = {"Cookie": f"desk_session={cookie}"}
    before = len(rows(core, Case))
    # a page on another site posting with the victim's cookie
    for headers, kind in (({**jar, "Origin": "https://evil.example"}, "json"), ({**jar}, "json"),
                          ({**jar, "Origin": "null"}, "json"), ({**jar, "Origin": own}, "text")):
        if kind == "json":
            resp = await client.post("/api/messages", json={"text": "我要投诉"}, headers=headers)
        else:  # a cross-site form or text/plain post, the kind a browser sends without asking
            resp = await client.post("/api/messages", data='{"text": "我要投诉"}',
                                     headers={**headers, "Content-Type": "text/plain"})
        assert resp.status in (403, 415), (headers, resp.status)
    assert len(rows(core, Case)) == before
    # the same request from the console's own page works
    resp = await client.post("/api/messages", json={"text": "我要投诉"}, headers={**jar, "Origin": own})
    assert resp.status == 200 and len(rows(core, Case)) == before + 1
    # DNS rebinding: another name pointing here gets nothing, not even the page
    for path in ("/", "/api/cases", "/login"):
        resp = await client.get(path, headers={**jar, "Host": "evil.example"})
        assert resp.status == 421, path
    # every answer carries the browser's rules
    resp = await client.get("/", headers=jar)
    assert "frame-ancestors 'none'" in resp.headers["Content-Security-Policy"]
    assert resp.headers["X-Content-Type-Options"] == "nosniff" and resp.headers["X-Frame-Options"] == "DENY"
    resp = await client.get("/api/cases", headers=jar)
    assert resp.status == 200 and resp.headers["Referrer-Policy"] == "no-referrer"


async def test_a_sign_in_link_works_once_before_it_expires_and_sets_a_strict_cookie(start_server, clock):
    client, core = await start_server(BOT_ADMINS=ADMIN)
    own = str(client.make_url("/")).rstrip("/")
    raw = link_token(core, AGENT)
    resp = await client.post("/api/login", json={"token": raw}, headers={"Origin": own})
    assert resp.status == 200
    cookie = resp.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    resp = await client.post("/api/login", json={"token": raw}, headers={"Origin": own})
    assert resp.status == 400 and "not valid any more" in (await resp.json())["error"]
    late = link_token(core, AGENT)
    clock.advance(access.LOGIN_TTL + timedelta(seconds=1))
    resp = await client.post("/api/login", json={"token": late}, headers={"Origin": own})
    assert resp.status == 400
    resp = await client.post("/api/login", json={"token": link_token(core, AGENT)}, headers={"Origin": "https://evil.example"})
    assert resp.status == 403  # another site cannot sign a browser in as someone
    # signing out ends the session
    session = resp.cookies.get("desk_session")
    cookie = await sign_in(client, core, AGENT)
    jar = {"Cookie": f"desk_session={cookie}", "Origin": own}
    assert (await client.get("/api/me", headers=jar)).status == 200
    assert (await client.post("/api/logout", json={}, headers=jar)).status == 200
    assert (await client.get("/api/me", headers=jar)).status == 401
    assert session is None
    actions = [a.action for a in rows(core, AuditEntry)]
    assert actions.count("console.signin") == 2 and "console.link" in actions


async def test_sign_in_attempts_are_limited(start_server):
    client, core = await start_server()
    own = str(client.make_url("/")).rstrip("/")
    statuses = [(await client.post("/api/login", json={"token": f"dl_guess{i}"}, headers={"Origin": own})).status
                for i in range(12)]
    assert statuses[:10] == [400] * 10 and statuses[10:] == [429, 429]


async def test_api_tokens_act_as_their_member_until_revoked(start_server):
    client, core = await start_server(BOT_ADMINS=ADMIN, BOT_WEB_TOKEN="legacy-admin-token")
    token = bearer(core, AGENT)
    assert (await (await client.get("/api/me", headers=token)).json())["member"]["ref"] == AGENT
    listing = await client.post("/api/commands", json={"command": "token list"}, headers=bearer(core, ADMIN))
    text = "\n".join(m["card"]["fallback"] for m in (await listing.json())["messages"])
    assert AGENT in text
    with db.session(core.engine) as s:
        member = find_member(s, AGENT)
        [token_id] = [c.id for c, m in access.list_tokens(s) if m.id == member.id]
    resp = await client.post("/api/commands", json={"command": f"token revoke {token_id}"}, headers=token)
    assert resp.status == 403  # an agent cannot revoke
    resp = await client.post("/api/commands", json={"command": f"token revoke {token_id}"}, headers=bearer(core, ADMIN))
    assert resp.status == 200
    assert (await client.get("/api/me", headers=token)).status == 401
    # BOT_WEB_TOKEN still works, as the admin it always was
    me = await (await client.get("/api/me", headers={"Authorization": "Bearer legacy-admin-token"})).json()
    assert me["member"]["role"] == "admin"
    assert "console.revoke" in {a.action for a in rows(core, AuditEntry)}


async def test_chat_members_get_a_link_that_signs_them_in_as_themselves(start_server):
    client, core = await start_server()
    from bot.events import CommandInvoked

    outs = core.desk.handle(CommandInvoked(platform="slack", event_id="c1", member="slack:U7", member_name="Ann",
                                           name="console"))
    [dm] = outs
    assert dm.private and dm.recipients == ("slack:U7",) and "/login#dl_" in dm.card.fallback
    raw = dm.card.fallback.split("#", 1)[1].split()[0]
    own = str(client.make_url("/")).rstrip("/")
    resp = await client.post("/api/login", json={"token": raw}, headers={"Origin": own})
    assert (await resp.json())["member"]["ref"] == "slack:U7"


async def test_chromium_signs_in_with_a_link_under_the_real_csp(start_server):
    need_chromium()
    from playwright.async_api import async_playwright, expect

    client, core = await start_server(BOT_ADMINS=ADMIN)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        page = await browser.new_page()
        errors, violations = [], []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
        await page.goto(str(client.make_url("/")))
        await expect(page.locator("#notice")).to_contain_text("Sign in first")
        link = login_link(client, AGENT, "Ann")
        await page.goto(link)
        await page.wait_for_url(str(client.make_url("/")))
        await expect(page.locator("#who")).to_contain_text("Signed in as Ann (agent)")
        cookies = await page.context.cookies()
        [session] = [c for c in cookies if c["name"] == "desk_session"]
        assert session["httpOnly"] and session["sameSite"] == "Strict"
        assert await page.evaluate("document.cookie") == ""  # the page's scripts cannot read the session
        await page.goto(link)  # the same link a second time
        await expect(page.locator("#status")).to_contain_text("not valid any more")
        await browser.close()
    assert errors == [] and violations == []
    with db.session(core.engine) as s:
        assert s.exec(select(Member).where(Member.ref == AGENT)).one().role == "agent"
