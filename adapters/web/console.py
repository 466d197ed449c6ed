"""The local web console: a page and a small JSON API over the core."""

from __future__ import annotations

import asyncio
import csv
import hmac
import io
import json
import logging
import time
import uuid
from urllib.parse import urlsplit
from collections import deque
from dataclasses import asdict
from pathlib import Path

from aiohttp import web

from bot.cases import service as cases
from bot.cases.tables import Customer
from bot.delivery import feed
from bot.errors import UserError
from bot.events import ActionInvoked, CommandInvoked, CustomerRef, MessageReceived
from bot.insight import alerts, chart, gather, report, service as insight
from bot.workspace import customers, search, views
from bot.members import access
from bot.members.handlers import login_url
from bot.i18n.language import _, catalogue, language_of, reader, speaking
from bot.members.service import find_member, list_members, own_language, resolve_member, team_language, web_ref
from bot.messages import INTERNAL_ERROR, ActionId, MessageRef, Outbound
from bot.money import parse_money
from bot.sla.handlers import setup_checklist
from bot.commands.parser import parse_command
from bot.store import db
from bot.text.normalize import clean_message

log = logging.getLogger(__name__)

PLATFORM = "web"
STATIC = Path(__file__).parent / "static"
_STATUS = {"bad_input": 400, "refused": 403, "not_found": 404, "internal": 500}


class ApiError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


HERE = MessageRef(PLATFORM, "console", "")  # where the console's own answers go: back to the request


def card_ref(case_id: int) -> MessageRef:
    return MessageRef(PLATFORM, "console", f"case-{case_id}")


def render(out: Outbound) -> dict:
    """An outbound message as the console's JSON: the card, and whether it replaces a card on the page."""
    return {
        "card": json.loads(json.dumps(asdict(out.card), default=str)),
        "private": out.private,
        "case_id": out.case_id,
        "replace": out.replace.message_id if out.replace else None,
        "error": out.error,
    }


class WebPort:
    """Messages for the console that arrive outside a request (timers, other surfaces) wait in the stored feed."""

    platform = PLATFORM

    def __init__(self, core) -> None:
        self.core = core

    async def deliver(self, message: Outbound) -> MessageRef | None:
        # A direct message (a ping, an approval request) is for its recipients only.
        audience = message.recipients if message.private or message.recipients else None

        def store():
            with db.session(self.core.engine) as s:
                feed.post(s, render(message), audience=audience, now=self.core.clock.now())
                s.commit()
        await asyncio.to_thread(store)
        return card_ref(message.case_id) if message.case_id is not None and not message.private else None


SESSION_COOKIE = "desk_session"
MEMBER = web.RequestKey("member", str)  # who the request acts as, set by the guard alone
ADMIN_TOKEN_MEMBER = "web:admin"  # who BOT_WEB_TOKEN acts as
OPEN_API = ("/api/login", "/api/i18n")  # the only API calls made before anyone is signed in
STATE_CHANGING = ("POST", "PUT", "PATCH", "DELETE")
SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                                "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
FEED_MAX = 2**31 - 1  # the feed's numbers are integers of the database's (PostgreSQL's INTEGER)
SIGNIN_WINDOW, SIGNIN_ATTEMPTS = 60.0, 10  # sign-in attempts a client may make a minute


class Console:
    def __init__(self, core, port: WebPort) -> None:
        self.core = core
        self.port = port
        token = core.settings.web_token
        self.token = token.get_secret_value() if token else None
        self.hosts = core.settings.allowed_hosts
        self.attempts: dict[str, deque[float]] = {}

    # -- plumbing ---------------------------------------------------------------------------------
    @staticmethod
    def _console_path(path: str) -> bool:
        return path in ("/", "/login") or path.startswith(("/static/", "/api/"))

    def _host_allowed(self, request: web.Request) -> bool:
        host = request.headers.get("Host", "")
        name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
        return name.lower().strip("[]") in self.hosts

    def _origin_allowed(self, origin: str) -> bool:
        try:
            parts = urlsplit(origin)
        except ValueError:
            return False
        return parts.scheme in ("http", "https") and (parts.hostname or "").lower() in self.hosts

    @web.middleware
    async def guard(self, request: web.Request, handler):
        """The browser's rules and who is asking, before anything else; JSON errors; no stack trace to a user."""
        if not self._console_path(request.path):
            return await handler(request)
        if not self._host_allowed(request):
            # A page on another name resolving here (DNS rebinding) reads nothing.
            return web.json_response({"error": "This console does not answer to that host name."}, status=421)
        response = await self._checked(request, handler)
        response.headers.update(SECURITY_HEADERS)
        return response

    async def _checked(self, request: web.Request, handler):
        if not request.path.startswith("/api/"):
            return await handler(request)
        cookie = request.cookies.get(SESSION_COOKIE, "")
        bearer = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        signed_out = web.json_response({"error": "Sign in first: open a sign-in link (`bot login-link <member>`, or "
                                                 "`/cs console` in Slack, `/console` in Telegram), or send "
                                                 "Authorization: Bearer <token>."}, status=401)
        if request.path not in OPEN_API and not (bearer or cookie):
            return signed_out
        if request.method in STATE_CHANGING:
            origin = request.headers.get("Origin")
            # A browser names the page that sent a request: another site's page is refused, and a cookie
            # alone never carries a change without it. Scripts with a token send no Origin.
            if origin is not None and not self._origin_allowed(origin):
                return web.json_response({"error": "Requests from another site are refused."}, status=403)
            if origin is None and not bearer:
                return web.json_response({"error": "A browser request must say where it came from (Origin)."},
                                         status=403)
            if request.content_type != "application/json":
                return web.json_response({"error": "Send JSON (Content-Type: application/json)."}, status=415)
        language, team = None, "en"
        if request.path not in OPEN_API:
            found = await asyncio.to_thread(self._who, bearer, cookie)
            if found is None:
                return signed_out
            request[MEMBER], language, team = found
        # What the request answers is written in the member's language, else their browser's, else the team's
        # (the contextvar is copied into the request's worker threads).
        with speaking(language or language_of(request.headers.get("Accept-Language")) or team):
            return await self._answered(request, handler)

    async def _answered(self, request: web.Request, handler):
        try:
            return await handler(request)
        except ApiError as exc:
            return web.json_response({"error": str(exc)}, status=exc.status)
        except UserError as exc:
            return web.json_response({"error": str(exc)}, status=_STATUS.get(exc.kind, 400))
        except web.HTTPException as exc:
            if exc.status >= 400:
                return web.json_response({"error": exc.reason}, status=exc.status)
            raise
        except Exception:
            log.exception("console request %s %s failed", request.method, request.path)
            return web.json_response({"error": _(INTERNAL_ERROR)}, status=500)

    def _who(self, bearer: str, cookie: str) -> tuple[str, str | None, str] | None:
        """The member a request acts as (its API token, BOT_WEB_TOKEN (the admin's), or its session cookie), the
        language they chose or their platform names (if any), and the team's."""
        now = self.core.clock.now()
        with db.session(self.core.engine) as s:
            if bearer:
                if self.token is not None and hmac.compare_digest(bearer.encode(), self.token.encode()):
                    member = resolve_member(s, ADMIN_TOKEN_MEMBER, name="admin", register=True, now=now)
                    if member.role != "admin":
                        member.role = "admin"
                    s.commit()
                    return member.ref, own_language(member), team_language(s)
                member = access.member_for(s, bearer, kinds=("api",), now=now)
            else:
                member = access.member_for(s, cookie, kinds=("session",), now=now)
            return (member.ref, own_language(member), team_language(s)) if member else None

    @staticmethod
    async def body(request: web.Request) -> dict:
        """The JSON object a request carries; its `member`, if named, must be the member signed in."""
        try:
            data = json.loads(await request.text())
        except (ValueError, UnicodeDecodeError, RecursionError):
            raise ApiError(400, _("The request body is not valid JSON.")) from None
        if not isinstance(data, dict):
            raise ApiError(400, _("The request body must be a JSON object."))
        named = data.get("member")
        if named not in (None, "") and MEMBER in request and named != request[MEMBER]:
            raise ApiError(403, _("A request acts as the member signed in; it cannot name someone else."))
        return data

    @staticmethod
    def field(data: dict, name: str, *, required: bool = True, default: str = "") -> str:
        value = data.get(name, default)
        if value is None:
            value = default
        if not isinstance(value, str):
            raise ApiError(400, _("“{name}” must be a string.", name=name))
        if required and not value.strip():
            raise ApiError(400, _("“{name}” is required.", name=name))
        return value

    def event_id(self, data: dict) -> str:
        value = data.get("event_id") or uuid.uuid4().hex
        if not isinstance(value, str) or len(value) > 200:
            raise ApiError(400, _("“event_id” must be a string of at most 200 characters."))
        return value

    async def answer(self, outbounds: list[Outbound], member: str) -> web.Response:
        inline = []
        for out in await self.core.deliver(outbounds, origin=PLATFORM):
            if out.private and out.recipients and member not in out.recipients:
                await self.port.deliver(out)  # a direct message for another member waits in the feed
            else:
                inline.append(out)
        for out in inline:
            if out.case_id is not None and not out.private and out.replace is None:
                await asyncio.to_thread(self.core.record_card, out.case_id, card_ref(out.case_id))
        messages = [render(o) for o in inline]
        failure = next((o for o in inline if o.error), None)
        if failure is not None:
            return web.json_response({"error": failure.card.fallback, "messages": messages},
                                     status=_STATUS.get(failure.error, 400))
        return web.json_response({"messages": messages})

    # -- pages and API -----------------------------------------------------------------------------
    async def index(self, request: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC / "index.html")

    async def login_page(self, request: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC / "login.html")

    def _admin(self, s, request: web.Request):
        member = find_member(s, request[MEMBER])
        if member is None or member.role != "admin":
            raise ApiError(403, _("Only an admin may do this."))
        return member

    async def me(self, request: web.Request) -> web.Response:
        def load():
            with db.session(self.core.engine) as s:
                m = find_member(s, request[MEMBER])
                # An admin sees what the team has not set up yet until it is done (empty tiers, no SLA calendar).
                setup = setup_checklist(s) if m.role == "admin" else []
                return {"ref": m.ref, "name": m.display_name, "role": m.role, "setup": setup,
                        "reports": alerts.may_lead(s, m), "language": reader(), "notices_read": m.notices_read,
                        "zone": self.core.desk.team.zone.key}
        return web.json_response({"member": await asyncio.to_thread(load)})

    async def get_words(self, request: web.Request) -> web.Response:
        """GET /api/i18n?lang=zh-Hant: the console's phrases in a language (the member's, else the browser's)."""
        language = language_of(request.query.get("lang")) or reader()
        return web.json_response({"language": language, "messages": catalogue(language)})

    async def post_notices_read(self, request: web.Request) -> web.Response:
        """POST /api/notices/read {"upto": seq}: the member has seen their notifications up to `upto`."""
        upto = (await self.body(request)).get("upto")
        if not isinstance(upto, int) or isinstance(upto, bool) or not 0 <= upto <= FEED_MAX:
            raise ApiError(400, _("“upto” must be a feed number."))

        def mark():
            with db.session(self.core.engine) as s:
                m = find_member(s, request[MEMBER])
                m.notices_read = max(m.notices_read, upto)
                s.commit()
                return m.notices_read
        return web.json_response({"notices_read": await asyncio.to_thread(mark)})

    async def post_login(self, request: web.Request) -> web.Response:
        """A sign-in link's secret in, a session cookie out (HttpOnly, SameSite=Strict); attempts are limited."""
        client = request.remote or "?"
        recent = self.attempts.setdefault(client, deque(maxlen=SIGNIN_ATTEMPTS))
        now = time.monotonic()
        if len(recent) == SIGNIN_ATTEMPTS and now - recent[0] < SIGNIN_WINDOW:
            raise ApiError(429, _("Too many sign-in attempts; wait a minute and use a fresh link."))
        recent.append(now)
        data = await self.body(request)
        raw = self.field(data, "token")

        def redeem():
            with db.session(self.core.engine) as s:
                cookie, member = access.redeem_login(s, raw, now=self.core.clock.now())
                s.commit()
                return cookie, {"ref": member.ref, "name": member.display_name, "role": member.role}
        cookie, member = await asyncio.to_thread(redeem)
        response = web.json_response({"member": member})
        response.set_cookie(SESSION_COOKIE, cookie, httponly=True, samesite="Strict", path="/",
                            secure=request.secure, max_age=int(access.SESSION_TTL.total_seconds()))
        return response

    async def post_logout(self, request: web.Request) -> web.Response:
        cookie = request.cookies.get(SESSION_COOKIE, "")

        def end():
            with db.session(self.core.engine) as s:
                access.end_session(s, cookie, now=self.core.clock.now())
                s.commit()
        await asyncio.to_thread(end)
        response = web.json_response({"signed_out": True})
        response.del_cookie(SESSION_COOKIE, path="/")
        return response

    async def get_members(self, request: web.Request) -> web.Response:
        def load():
            with db.session(self.core.engine) as s:
                self._admin(s, request)
                return [{"ref": m.ref, "name": m.display_name, "role": m.role} for m in list_members(s)]
        return web.json_response({"members": await asyncio.to_thread(load)})

    async def post_member(self, request: web.Request) -> web.Response:
        """An admin adds a console member and gets the sign-in link to hand them."""
        data = await self.body(request)
        name = clean_message(self.field(data, "name")).strip()[:80]  # no lone surrogate, no control character
        if not name:
            raise ApiError(400, _("“{name}” is required.", name="name"))
        ref = web_ref(name)

        def create():
            with db.session(self.core.engine) as s:
                admin = self._admin(s, request)
                now = self.core.clock.now()
                member = find_member(s, ref) or resolve_member(s, ref, name=name, register=True, now=now)
                raw = access.issue_login_link(s, member, actor=admin.ref, now=now)
                s.commit()
                return {"ref": member.ref, "name": member.display_name, "role": member.role,
                        "login_link": login_url(self.core.settings.console_url, raw)}
        return web.json_response({"member": await asyncio.to_thread(create)})

    async def post_message(self, request: web.Request) -> web.Response:
        data = await self.body(request)
        customer = data.get("customer") or {}
        if not isinstance(customer, dict):
            raise ApiError(400, _("“customer” must be an object."))
        event = MessageReceived(platform=PLATFORM, event_id=self.event_id(data), member=request[MEMBER],
                                locale=_browser(request),
                                text=self.field(data, "text", required=False),
                                customer=self.customer_ref(customer))
        return await self.answer(await self.core.take(event, HERE), event.member)

    def customer_ref(self, data: dict) -> CustomerRef:
        def text(name):
            value = data.get(name)
            if value in (None, ""):
                return None
            if not isinstance(value, (str, int)) or isinstance(value, bool):
                raise ApiError(400, _("customer “{name}” must be text.", name=name))
            return str(value).strip()[:200] or None

        vip = data.get("vip_level")
        if vip in (None, ""):
            vip = None
        else:
            try:
                vip = int(str(vip).strip())
            except ValueError:
                raise ApiError(400, _("customer “vip_level” must be a whole number.")) from None
        annual, currency = data.get("annual_value"), None
        if annual in (None, ""):
            annual = None
        else:
            money = parse_money(str(annual), default_currency=self.core.settings.default_currency)
            annual, currency = money.minor, money.currency
        return CustomerRef(ref=text("id"), name=text("name"), vip_level=vip, annual_value_minor=annual,
                           currency=currency)

    async def post_command(self, request: web.Request) -> web.Response:
        data = await self.body(request)
        line = self.field(data, "command")
        parsed = parse_command(line)
        if parsed is None:
            raise ApiError(400, _("“{line}” is not a command. Type help to see the commands.", line=line[:60]))
        event = CommandInvoked(platform=PLATFORM, event_id=self.event_id(data), member=request[MEMBER],
                               locale=_browser(request),
                               name=parsed.name, args=parsed.args)
        return await self.answer(await self.core.take(event, HERE), event.member)

    async def post_action(self, request: web.Request) -> web.Response:
        data = await self.body(request)
        try:
            action = ActionId(self.field(data, "action"))
        except ValueError:
            raise ApiError(400, _("Unknown action “{value}”.", value=str(data.get('action'))[:40])) from None
        inputs = data.get("inputs") or {}
        if not isinstance(inputs, dict) or not all(isinstance(v, str) for v in inputs.values()):
            raise ApiError(400, _("“inputs” must be an object of strings."))
        value = data.get("value")
        value = str(value) if isinstance(value, (str, int)) and not isinstance(value, bool) else ""
        event = ActionInvoked(platform=PLATFORM, event_id=self.event_id(data), member=request[MEMBER],
                              locale=_browser(request),
                              action=action, value=value, inputs=inputs,
                              message=card_ref(int(value)) if value.isdigit() and len(value) < 13 else None)
        return await self.answer(await self.core.take(event, HERE), event.member)

    async def get_cases(self, request: web.Request) -> web.Response:
        """A view of the inbox (`view`: mine, unassigned, breaching, approval, open, resolved; default open) with
        filters (`level`, `tier`, `category`, `channel`), and how many cases each view holds."""
        q = request.query
        view = q.get("view", "open")
        if view not in views.VIEWS:
            raise ApiError(400, _("“view” is one of {value}.", value=', '.join(views.VIEWS)))
        filters = views.Filters(**{k: q[k][:40] for k in ("level", "tier", "category", "channel") if q.get(k)})

        def load():
            with db.session(self.core.engine) as s:
                now, member = self.core.clock.now(), find_member(s, request[MEMBER])
                found = views.list_view(s, view, member, now=now, filters=filters)
                return {"view": view, "cases": views.case_rows(s, found, now=now),
                        "counts": views.view_counts(s, member, now=now, filters=filters)}
        return web.json_response(await asyncio.to_thread(load))

    async def get_customer(self, request: web.Request) -> web.Response:
        """A customer's page: every case and message, contacts, the first-to-second interval, VIP and value."""
        who = request.match_info["customer"][:300]

        def load():
            with db.session(self.core.engine) as s:
                return customers.customer_page(s, customers.find_customer(s, who))
        return web.json_response(await asyncio.to_thread(load))

    async def get_search(self, request: web.Request) -> web.Response:
        """Cases whose messages or customer have every word of `q`, in any script, newest first."""
        query = request.query.get("q", "")[:200]

        def load():
            with db.session(self.core.engine) as s:
                found = [cases.get_case(s, i) for i in search.find_cases(s, query)]
                return {"q": query, "cases": views.case_rows(s, found, now=self.core.clock.now())}
        return web.json_response(await asyncio.to_thread(load))

    async def get_case(self, request: web.Request) -> web.Response:
        case_id = request.match_info["case_id"]

        def load():
            with db.session(self.core.engine) as s:
                case = cases.get_case(s, case_id)
                card = self.core.desk.team.cards.card(s, case)
                return {"id": case.id, "status": case.status, "level": case.level, "score": case.score,
                        "card": render(Outbound(card, case_id=case.id))["card"], **cases.case_detail(s, case),
                        "timeline": customers.case_timeline(s, case),
                        "customer_ref": s.get(Customer, case.customer_id).ref}
        return web.json_response(await asyncio.to_thread(load))

    async def get_feed(self, request: web.Request) -> web.Response:
        try:
            since = min(int(request.query.get("since", "0")), FEED_MAX)  # past every feed number there is
        except ValueError:
            raise ApiError(400, _("“since” must be a number.")) from None
        member = request[MEMBER]

        def load():
            with db.session(self.core.engine) as s:
                return feed.read(s, since=since, member=member)
        return web.json_response({"messages": await asyncio.to_thread(load)})


    def _report_query(self, request: web.Request, s):
        """The period and filters a report request asks for, once the member may see reports."""
        member = find_member(s, request[MEMBER])
        if member is None or not alerts.may_lead(s, member):
            raise ApiError(403, _("Reports are for leads (the lead tier and above) and admins."))
        q = request.query
        period = f"{q['from']}..{q['to']}" if q.get("from") and q.get("to") else q.get("period", "7d")
        words = [period] + [f"{k}={q[k]}" for k in ("channel", "tier", "category", "level") if q.get(k)]
        if any(" " in w for w in words):
            raise ApiError(400, _("A period or filter has no spaces in it."))
        return gather.parse_request(" ".join(words), now=self.core.clock.now(), zone=self.core.desk.team.zone)

    async def get_report(self, request: web.Request) -> web.Response:
        """`/api/report` (JSON with the chat's lines), `/api/report.png` (the chart), `/api/report.csv` (one row per case)."""
        kind = request.match_info.get("kind", "json")
        zone = self.core.desk.team.zone

        def load():
            with db.session(self.core.engine) as s:
                start, end, filters = self._report_query(request, s)
                if kind == "csv":
                    return report.as_csv(gather.gather_rows(s, start, end, zone=zone, filters=filters))
                found = gather.gather_report(s, start, end, zone=zone, filters=filters,
                                             now=min(self.core.clock.now(), end))
            if kind == "png":
                return chart.report_png(found)
            return {"report": found.as_json(), "lines": report.as_text(found, zone_name=zone.key).splitlines()}
        if kind not in ("json", "png", "csv"):
            raise ApiError(404, _("There is no such report."))
        body = await asyncio.to_thread(load)
        if kind == "png":
            return web.Response(body=body, content_type="image/png")
        if kind == "csv":
            return web.Response(text=body, content_type="text/csv", charset="utf-8",
                                headers={"Content-Disposition": 'attachment; filename="cases.csv"'})
        return web.json_response(body)


    async def get_incident(self, request: web.Request) -> web.Response:
        """`/api/incidents/{id}` (the incident's page as JSON) and `/api/incidents/{id}.csv` (the same, a row a
        half hour, a case and an action), for leads and admins."""
        raw, _sep, kind = request.match_info["incident"].partition(".")
        if kind not in ("", "csv"):
            raise ApiError(404, _("There is no such export."))

        def load():
            with db.session(self.core.engine) as s:
                member = find_member(s, request[MEMBER])
                if member is None or not alerts.may_lead(s, member):
                    raise ApiError(403, _("Incidents are for leads (the lead tier and above) and admins."))
                return insight.incident_timeline(s, insight.get_incident(s, raw), now=self.core.clock.now())
        page = await asyncio.to_thread(load)
        if kind == "csv":
            return web.Response(text=incident_csv(page), content_type="text/csv", charset="utf-8",
                                headers={"Content-Disposition": f'attachment; filename="incident-{page["id"]}.csv"'})
        return web.json_response(json.loads(json.dumps(page, default=lambda v: v.isoformat())))


def _browser(request: web.Request) -> str | None:
    """The browser's first language (Accept-Language), a hint until the member chooses one."""
    first = request.headers.get("Accept-Language", "").split(",")[0].split(";")[0].strip()
    return first[:35] or None


def incident_csv(page: dict) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["at", "kind", "what"])
    writer.writerows([t.isoformat(), "cases joined", n] for t, n in page["half_hours"])
    writer.writerows([c["joined"].isoformat(), "case", f"#{c['case']} {c['level']} {c['status']}"] for c in page["cases"])
    writer.writerows([a["at"].isoformat(), a["action"], f"{a['by']}: {a['detail']}"] for a in page["actions"])
    return out.getvalue()


def mount(app: web.Application, core) -> WebPort:
    """Entry point: add the console's routes to the bot's server; the console is always on."""
    port = WebPort(core)
    console = Console(core, port)
    app.middlewares.append(console.guard)
    app.router.add_get("/", console.index)
    app.router.add_static("/static/", STATIC)
    app.router.add_get("/login", console.login_page)
    app.router.add_post("/api/login", console.post_login)
    app.router.add_post("/api/logout", console.post_logout)
    app.router.add_get("/api/me", console.me)
    app.router.add_get("/api/i18n", console.get_words)
    app.router.add_post("/api/notices/read", console.post_notices_read)
    app.router.add_get("/api/members", console.get_members)
    app.router.add_post("/api/members", console.post_member)
    app.router.add_post("/api/messages", console.post_message)
    app.router.add_post("/api/commands", console.post_command)
    app.router.add_post("/api/actions", console.post_action)
    app.router.add_get("/api/cases", console.get_cases)
    app.router.add_get("/api/search", console.get_search)
    app.router.add_get("/api/customers/{customer}", console.get_customer)
    app.router.add_get("/api/cases/{case_id}", console.get_case)
    app.router.add_get("/api/feed", console.get_feed)
    app.router.add_get("/api/report", console.get_report)
    app.router.add_get("/api/report.{kind}", console.get_report)
    app.router.add_get("/api/incidents/{incident}", console.get_incident)
    return port
