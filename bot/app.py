"""Composition root: the core, the timer runner, and the chat surfaces plugged in by entry point."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field, replace
from importlib.metadata import entry_points

from aiohttp import web
from sqlalchemy.engine import Engine

from bot.cases import service as cases
from bot.config import Settings
from bot.desk import Desk
from bot.members import access
from bot.members.handlers import login_url
from bot.members.service import ensure_admins, find_member, list_members, resolve_member
from bot.metrics import CONTENT_TYPE, Metrics
from bot.delivery import outbox
from bot.messages import INTERNAL_ERROR, MessageRef, Outbound, failure
from bot.ports import ChatPort, Clock, DeliveryRejected, SystemClock
from bot.risk.analyzer import Analyzer
from bot.sla.handlers import setup_checklist
from bot.store import db
from bot.timers.runner import TimerRunner

log = logging.getLogger(__name__)

# Adapters register here (pyproject entry points), so the core never imports them and a new
# surface is added without touching a core file.
SURFACE_GROUP = "complaint_desk.surfaces"
CORE_KEY = web.AppKey("core", object)


@dataclass
class Core:
    settings: Settings
    engine: Engine
    clock: Clock
    desk: Desk
    ports: dict[str, ChatPort] = field(default_factory=dict)
    runner: TimerRunner | None = None
    metrics: Metrics | None = None

    async def handle(self, event) -> list[Outbound]:
        """Run an event through the core off the event loop; never raises."""
        out = await asyncio.to_thread(self.desk.handle, event)
        if self.metrics is not None:
            self.metrics.events.labels(type(event).__name__, next((o.error for o in out if o.error), "ok")).inc()
        return out

    async def run(self, event, here: MessageRef) -> None:
        """An event from a chat surface: the core's answer is delivered where it happened."""
        outbounds = await self.handle(event)
        await self.deliver(address(outbounds, here=here, member=event.member))

    async def tell_failure(self, *, member: str, here: MessageRef | None) -> None:
        """A surface's own failure, told to the member in one plain sentence (the trace is in the log)."""
        await self.deliver([replace(failure(INTERNAL_ERROR, "internal"), reply_to=here, recipients=(member,))])

    def record_card(self, case_id: int, ref: MessageRef) -> None:
        """An adapter reports where a case card landed, so the next change edits it in place."""
        cases.remember_card(self.engine, case_id, ref)

    async def deliver(self, outbounds: list[Outbound], *, origin: str | None = None) -> list[Outbound]:
        """Send each message through its platform's port; return those meant for `origin` to answer inline.

        A message the platform fails to take is kept in the outbox and retried; the change that made
        it is already committed and stays so.
        """
        inline: list[Outbound] = []
        for out in outbounds:
            target = target_platform(out) or origin
            if target == origin:
                inline.append(out)
                continue
            port = self.ports.get(target or "")
            if port is None:
                log.warning("no port for platform %s; message for case %s not delivered", target, out.case_id)
                continue
            try:
                ref = await port.deliver(out)
            except DeliveryRejected as exc:
                log.warning("%s refused a message for case %s for good: %s", target, out.case_id, exc)
                self._count_failure(target, "rejected")
                continue
            except Exception as exc:
                log.warning("delivery to %s failed for case %s (%s); kept for a retry", target, out.case_id,
                            type(exc).__name__)
                self._count_failure(target, "kept")
                await asyncio.to_thread(self._keep, out)
                continue
            if ref is not None and out.case_id is not None and not out.private and out.replace is None:
                await asyncio.to_thread(self.record_card, out.case_id, ref)
        return inline

    def _count_failure(self, platform: str, kind: str) -> None:
        if self.metrics is not None:
            self.metrics.delivery_failures.labels(platform, kind).inc()

    def _keep(self, out: Outbound) -> None:
        with db.session(self.engine) as s:
            kept = outbox.keep_for_retry(s, out, now=self.clock.now())
            s.commit()
        if kept is not None and self.runner is not None:
            self.runner.poke()


def target_platform(out: Outbound) -> str | None:
    """The platform a message goes to: where it edits or replies, else where its recipient is."""
    ref = out.replace or out.reply_to
    if ref is not None:
        return ref.platform
    if out.recipients:
        return out.recipients[0].split(":", 1)[0]
    return None


def address(outbounds: list[Outbound], *, here: MessageRef, member: str) -> list[Outbound]:
    """Give the messages that answer an event a place: the conversation it came from, the member who acted."""
    return [out if target_platform(out) else replace(out, reply_to=here, recipients=out.recipients or (member,))
            for out in outbounds]


def build_core(settings: Settings, *, clock: Clock | None = None, engine: Engine | None = None,
               migrate: bool = True) -> Core:
    engine = engine or db.make_engine(settings.database_url)
    if migrate:
        db.upgrade(engine)
    clock = clock or SystemClock()
    desk = Desk(engine=engine, analyzer=Analyzer.from_directory(), clock=clock, currency=settings.default_currency,
                timezone=settings.timezone, console_url=settings.console_url)
    if settings.admin_refs:
        with db.session(engine) as s:
            ensure_admins(s, settings.admin_refs, now=clock.now())
            s.commit()
    core = Core(settings=settings, engine=engine, clock=clock, desk=desk)
    core.runner = TimerRunner(engine=engine, clock=clock, handle=desk.handle,
                              deliver=lambda out: core.deliver(out))
    desk.on_timers = core.runner.poke_threadsafe
    core.metrics = Metrics(engine, clock)
    core.runner.on_fired = core.metrics.fired
    return core


def first_admin_link(core: Core) -> str | None:
    """A sign-in link for the first admin when no admin can sign in yet, else None."""
    now = core.clock.now()
    with db.session(core.engine) as s:
        if access.anyone_can_sign_in(s, now=now):
            return None
        member = (next(filter(None, (find_member(s, ref) for ref in core.settings.admin_refs)), None)
                  or next((m for m in list_members(s) if m.role == "admin"), None))
        if member is None:
            member = resolve_member(s, "web:admin", name="admin", register=True, now=now)
            member.role = "admin"
        raw = access.issue_login_link(s, member, actor="system:serve", now=now)
        s.commit()
        return login_url(core.settings.console_url, raw)


async def healthz(request: web.Request) -> web.Response:
    core: Core = request.app[CORE_KEY]
    problem = await asyncio.to_thread(db.check, core.engine)
    if problem:
        return web.json_response({"status": "error", "db": problem}, status=503)
    return web.json_response({"status": "ok", "db": "ok"})


async def metrics(request: web.Request) -> web.Response:
    """Prometheus scrapes this; it serves the same loopback-or-configured audience as /healthz."""
    core: Core = request.app[CORE_KEY]
    body = await asyncio.to_thread(core.metrics.render)
    return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE})


def build_app(core: Core, *, run_timers: bool = True) -> web.Application:
    """The one aiohttp application: health, every configured surface, and the timer runner."""
    app = web.Application(client_max_size=4 * 1024 * 1024)
    app[CORE_KEY] = core
    app.router.add_get("/healthz", healthz)
    app.router.add_get("/metrics", metrics)
    for ep in sorted(entry_points(group=SURFACE_GROUP), key=lambda e: e.name):
        port = ep.load()(app, core)
        if port is not None:
            core.ports[port.platform] = port
            log.info("surface %s mounted", ep.name)
    if run_timers:
        app.cleanup_ctx.append(_timer_task)
    return app


async def _timer_task(app: web.Application):
    core: Core = app[CORE_KEY]
    task = asyncio.create_task(core.runner.run(), name="timer-runner")
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


def serve(settings: Settings) -> None:
    core = build_core(settings)
    with db.session(core.engine) as s:
        todo = setup_checklist(s)
    if todo:
        print("Set-up still to do (an admin types these in chat or the console; `help` lists them too):\n"
              + "\n".join(f"  • {line}" for line in todo), flush=True)
    first_link = first_admin_link(core)
    if first_link:
        # Like Jupyter's token URL: on a fresh install this is how the first admin gets in.
        print(f"Nobody can sign in to the console yet. The first admin signs in here (one use, 15 minutes):\n"
              f"    {first_link}", flush=True)
    app = build_app(core)
    log.info("console on http://%s:%s/", settings.host, settings.port)
    web.run_app(app, host=settings.host, port=settings.port, access_log=None, print=None)
